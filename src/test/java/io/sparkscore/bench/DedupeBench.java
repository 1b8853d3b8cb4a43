package io.sparkscore.bench;

import io.sparkscore.spark.DuplicateRows;
import io.sparkscore.stages.TextEmbedder;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Dedupe on and off through the {@link TextEmbedder} stage, interleaved, on two corpora of the same
 * size: one where a share of rows repeats an earlier row (as reviews, tweets and logs do) and the
 * bench corpus itself, which has no repeats, where dedupe must cost (almost) nothing.
 */
final class DedupeBench {
  /** Share of repeated rows: product reviews and tweets typically repeat 20 to 40 % of their rows. */
  static final double DUPLICATE_SHARE = 0.3;
  private static final long SEED = 20_261_204L;

  private DedupeBench() {}

  /**
   * {@code texts} with about {@code share} of the rows replaced by an earlier row's text; repeats
   * favour a few popular texts, as real repeats do.
   */
  static List<String> withDuplicates(List<String> texts, double share) {
    Random random = new Random(SEED);
    List<String> out = new ArrayList<>(texts.size());
    for (String text : texts) {
      if (!out.isEmpty() && random.nextDouble() < share) {
        int popular = Math.min(out.size(), 50);
        out.add(out.get(random.nextBoolean() ? random.nextInt(popular) : random.nextInt(out.size())));
      } else {
        out.add(text);
      }
    }
    return out;
  }

  static void run(List<String> texts, String model, String variant, SparkRuns runs, Path workDir, int cores, int reps,
      PrintStream out, Map<String, Object> figures) {
    out.printf(Locale.ROOT, "%ndedupe: TextEmbedder %s, dedupe on vs off, %d docs (Parquet -> Parquet)%n",
        model, texts.size());
    corpus("dup", withDuplicates(texts, DUPLICATE_SHARE), model, variant, runs, workDir, cores, reps, out, figures);
    corpus("nodup", texts, model, variant, runs, workDir, cores, reps, out, figures);
  }

  private static void corpus(String name, List<String> texts, String model, String variant, SparkRuns runs,
      Path workDir, int cores, int reps, PrintStream out, Map<String, Object> figures) {
    Path input = workDir.resolve("dedupe-" + name + "-input");
    Path output = workDir.resolve("dedupe-" + name + "-output");
    runs.writeInput(texts, 1, cores, input);
    double[] on = new double[reps];
    double[] off = new double[reps];
    long served = 0;
    for (int rep = 0; rep <= reps; rep++) {
      TextEmbedder stage = new TextEmbedder().setInputCol("text").setModel(model).setModelVariant(variant);
      long before = DuplicateRows.driverTotal();
      double secondsOn = runs.score(stage.setDedupe(true), input, output);
      served = DuplicateRows.driverTotal() - before;
      double secondsOff = runs.score(stage.setDedupe(false), input, output);
      out.printf(Locale.ROOT, "  %-8s %-5s dedupe on %7.2f s (%d rows served from the window), off %7.2f s%n",
          rep == 0 ? "warm-up" : "rep " + rep, name, secondsOn, served, secondsOff);
      if (rep > 0) {
        on[rep - 1] = secondsOn;
        off[rep - 1] = secondsOff;
      }
    }
    double medianOn = BenchCommand.median(on);
    double medianOff = BenchCommand.median(off);
    figures.put("dedupe_" + name + "_rows", texts.size());
    figures.put("dedupe_" + name + "_served", served);
    figures.put("dedupe_" + name + "_on_docs_per_s", BenchCommand.round(texts.size() / medianOn, 1));
    figures.put("dedupe_" + name + "_off_docs_per_s", BenchCommand.round(texts.size() / medianOff, 1));
    figures.put("dedupe_" + name + "_speedup", BenchCommand.round(medianOff / medianOn, 3));
  }
}
