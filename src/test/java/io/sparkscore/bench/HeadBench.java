package io.sparkscore.bench;

import ai.djl.huggingface.tokenizers.Encoding;
import io.sparkscore.model.ModelDirectory;
import io.sparkscore.runtime.BatchSettings;
import io.sparkscore.runtime.LoadedModel;
import io.sparkscore.runtime.ModelCache;
import io.sparkscore.runtime.ModelSpec;
import io.sparkscore.runtime.SessionSettings;
import io.sparkscore.stages.QuestionAnswerer;
import io.sparkscore.stages.TokenClassifier;
import io.sparkscore.text.HfTokenizer;
import io.sparkscore.text.TokenizerSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.SQLTransformer;

/**
 * The bench's NER and QA rows: {@link TokenClassifier} (strategy simple) and {@link QuestionAnswerer}
 * (one question for every document, the document its context) in Spark, each against the engine floor
 * for the same graph, sequences and batches: the floor runs the graph and reads its outputs, the stage
 * also turns them into entities or answers and writes Parquet.
 */
final class HeadBench {
  static final String QUESTION = "What is this text about?";

  private final SparkRuns runs;
  private final PrintStream out;
  private final Map<String, Object> figures;
  private final int cores;
  private final int reps;

  HeadBench(SparkRuns runs, PrintStream out, Map<String, Object> figures, int cores, int reps) {
    this.runs = runs;
    this.out = out;
    this.figures = figures;
    this.cores = cores;
    this.reps = reps;
  }

  void ner(Corpus corpus, Path model, Path workDir) {
    LoadedModel loaded = ModelCache.get(new ModelSpec(model.toString(), "", SessionSettings.DEFAULTS));
    HfTokenizer tokenizer = loaded.tokenizer(TokenizerSettings.MODEL_DEFAULTS);
    EngineFloor floor = new EngineFloor(loaded, tokenizer, SessionSettings.DEFAULTS,
        EngineFloor.head(texts -> Arrays.asList(tokenizer.encode(texts)), Set.of("logits")));
    Transformer stage = new TokenClassifier().setInputCol("text").setModel(model.toString())
        .setAggregationStrategy("simple");
    compare("ner", "TokenClassifier (simple)", corpus, floor, stage, workDir);
  }

  void qa(Corpus corpus, Path model, Path workDir) {
    LoadedModel loaded = ModelCache.get(new ModelSpec(model.toString(), "", SessionSettings.DEFAULTS));
    ModelDirectory dir = loaded.directory();
    // The stage's windows: the pipeline's max_seq_len and doc_stride defaults.
    int window = Math.min(QuestionAnswerer.MAX_SEQ_LEN, dir.maxLength());
    HfTokenizer tokenizer =
        loaded.tokenizer(new TokenizerSettings(window, true, true, true, Math.min(window / 2, 128)).withSecondOnly());
    EngineFloor floor = new EngineFloor(loaded, tokenizer, SessionSettings.DEFAULTS, EngineFloor.head(texts -> {
      List<Encoding> sequences = new ArrayList<>();
      for (Encoding e : tokenizer.encodePairs(Collections.nCopies(texts.size(), QUESTION), texts)) {
        sequences.add(e);
        sequences.addAll(Arrays.asList(e.getOverflowing()));
      }
      return sequences;
    }, Set.of("start_logits", "end_logits")));
    Transformer question = new SQLTransformer().setStatement("SELECT *, '" + QUESTION + "' AS question FROM __THIS__");
    Transformer answerer = new QuestionAnswerer().setContextCol("text").setModel(model.toString());
    Transformer stage = new PipelineModel("bench-qa", new Transformer[] {question, answerer});
    compare("qa", "QuestionAnswerer", corpus, floor, stage, workDir);
  }

  private void compare(String key, String name, Corpus corpus, EngineFloor floor, Transformer stage, Path workDir) {
    Path input = workDir.resolve(key + "-input");
    Path output = workDir.resolve(key + "-output");
    runs.writeInput(corpus.texts(), 1, cores, input);
    BatchSettings batching = BatchSettings.DEFAULTS;
    out.printf(Locale.ROOT, "%n%s: engine floor (%dx1 and 1x%d) vs %s stage (local[%d], Parquet -> Parquet)%n",
        key, cores, cores, name, cores);
    List<BenchCommand.Timed> floorRuns = new ArrayList<>();
    List<BenchCommand.Timed> stageRuns = new ArrayList<>();
    EngineFloor.Tokens tokens = null;
    for (int rep = 0; rep <= reps; rep++) {
      BenchCommand.Timed many = BenchCommand.Timed.of(() -> floor.run(corpus.texts(), cores, 1, batching));
      BenchCommand.Timed one = BenchCommand.Timed.of(() -> floor.run(corpus.texts(), 1, cores, batching));
      BenchCommand.Timed best = many.seconds() <= one.seconds() ? many : one;
      tokens = best.tokens();
      BenchCommand.Timed scored = BenchCommand.Timed.of(() -> {
        runs.score(stage, input, output);
        return null;
      });
      out.printf(Locale.ROOT, "  %-8s floor %7.2f s %8.1f docs/s   stage %7.2f s %8.1f docs/s%n",
          rep == 0 ? "warm-up" : "rep " + rep, best.seconds(), corpus.size() / best.seconds(), scored.seconds(),
          corpus.size() / scored.seconds());
      if (rep > 0) {
        floorRuns.add(best);
        stageRuns.add(scored);
      }
    }
    double floorSeconds = BenchCommand.Timed.medianSeconds(floorRuns);
    double stageSeconds = BenchCommand.Timed.medianSeconds(stageRuns);
    figures.put(key + "_floor_docs_per_s", BenchCommand.round(corpus.size() / floorSeconds, 1));
    figures.put(key + "_floor_tokens_per_s", BenchCommand.round(tokens.real() / floorSeconds, 0));
    figures.put(key + "_stage_docs_per_s", BenchCommand.round(corpus.size() / stageSeconds, 1));
    figures.put(key + "_stage_tokens_per_s", BenchCommand.round(tokens.real() / stageSeconds, 0));
    figures.put(key + "_stage_to_floor", BenchCommand.round(floorSeconds / stageSeconds, 3));
  }
}
