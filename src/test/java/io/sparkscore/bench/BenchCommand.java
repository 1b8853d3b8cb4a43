package io.sparkscore.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.OperatingSystemMXBean;
import io.sparkscore.SparkScoreException;
import io.sparkscore.cli.Sessions;
import io.sparkscore.config.CommandLine;
import io.sparkscore.runtime.BatchSettings;
import io.sparkscore.runtime.LoadedModel;
import io.sparkscore.runtime.ModelCache;
import io.sparkscore.runtime.ModelSpec;
import io.sparkscore.runtime.ScoringMetrics;
import io.sparkscore.runtime.SessionSettings;
import io.sparkscore.stages.TextEmbedder;
import io.sparkscore.text.HfTokenizer;
import io.sparkscore.text.TokenizerSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * {@code sparkscore bench}: how close the {@link TextEmbedder} stage in Spark comes to the engine's
 * limit on the same corpus, model, tokenizer and batches, what length-aware batching saves, and how
 * time and heap scale with the row count. Timings are medians of {@code --reps} runs after a
 * warm-up, with the floor and stage runs interleaved so load from elsewhere hits both alike.
 */
public final class BenchCommand {
  static final Set<String> OPTIONS =
      Set.of("docs", "reps", "scale-docs", "json", "model", "model-variant", "scale-model", "cores", "work-dir", "parts",
          "int8-model", "chunk-doc-kb", "soak-kills", "soak-minutes");
  static final String PARTS = "floor,int8,heads,dedupe,pyspark,rows,cores,workers,memory,soak";
  private static final double MB = 1024.0 * 1024.0;

  private final CommandLine cli;
  private final PrintStream out;
  private final Map<String, Object> figures = new LinkedHashMap<>();
  private final Path root;
  private final int cores;
  private final int reps;

  private BenchCommand(CommandLine cli, PrintStream out) {
    this.cli = cli;
    this.out = out;
    this.root = Paths.get(System.getProperty("sparkscore.root", ".")).toAbsolutePath().normalize();
    this.cores = positive("cores", 2);
    this.reps = positive("reps", 3);
  }

  /**
   * {@code bin/sparkscore bench [options]}: the harness lives on the test classpath, out of the
   * shipped jar, and the launcher runs this main with the test classes for this command only.
   */
  public static void main(String[] args) {
    try {
      run(args, System.out);
    } catch (SparkScoreException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(2);
    }
  }

  /** Parses {@code args}, runs the benchmark and prints it; returns the figures written to --json. */
  public static Map<String, Object> run(String[] args, PrintStream out) {
    CommandLine cli = CommandLine.parse("bench", args, OPTIONS, Set.of());
    return new BenchCommand(cli, out).run();
  }

  private int positive(String option, int fallback) {
    int value = cli.intValue(option, fallback);
    if (value <= 0) {
      throw SparkScoreException.user("bench: --%s must be > 0, got %d", option, value);
    }
    return value;
  }

  private Map<String, Object> run() {
    long started = System.nanoTime();
    int docs = positive("docs", 2000);
    int scaleDocs = positive("scale-docs", 2000);
    Path workDir = Paths.get(cli.get("work-dir", System.getProperty("java.io.tmpdir") + "/sparkscore-bench"));
    Path json = cli.get("json").map(Paths::get).orElse(null);
    String model = cli.get("model", "minilm");
    String variant = cli.get("model-variant", "");
    Path scaleModel = Paths.get(cli.get("scale-model", root.resolve("src/test/resources/models/tiny-bert").toString()));

    Corpus corpus = Corpus.load(docs, root.resolve("../shared/data").normalize(), root.resolve("jobs/data/reviews.txt"));
    if (!corpus.source().endsWith(".jsonl")) {
      out.println("note: ../shared/data is absent; the corpus falls back to " + corpus.source());
    }
    header(corpus, model, variant);

    // Delta's extension and catalog as every command has them: the soak's merge runs need both.
    SparkSession spark = Sessions.session("sparkscore bench", "local[" + cores + "]",
        Map.of("spark.sql.shuffle.partitions", Integer.toString(cores)),
        System.getProperty("sparkscore.spark.log.level", "WARN"));
    SparkRuns runs = new SparkRuns(spark);

    Set<String> parts = Set.of(cli.get("parts", PARTS).split(","));
    if (parts.contains("floor")) {
      compareWithFloor("", corpus, model, variant, runs, workDir);
    }
    cli.get("int8-model").filter(dir -> parts.contains("int8"))
        .ifPresent(dir -> compareWithFloor("int8_", corpus, dir, "quantized", runs, workDir));
    Path models = root.resolve("src/test/resources/models");
    HeadBench heads = new HeadBench(runs, out, figures, cores, reps);
    if (!parts.contains("heads")) {
      out.println("\nner, qa: skipped (--parts)");
    } else if (Files.isDirectory(models.resolve("tiny-bert-ner")) && Files.isDirectory(models.resolve("tiny-bert-qa"))) {
      heads.ner(corpus, models.resolve("tiny-bert-ner"), workDir);
      heads.qa(corpus, models.resolve("tiny-bert-qa"), workDir);
    } else {
      out.println("\nner, qa: skipped, no tiny-bert-ner / tiny-bert-qa fixtures under " + models);
    }
    part(parts, "dedupe", () -> DedupeBench.run(corpus.texts(), model, variant, runs, workDir, cores, reps, out, figures));
    part(parts, "pyspark", () -> PySparkBench.run(root, workDir.resolve("pyspark"), docs, reps, out, figures));
    try {
      children(parts, corpus, model, spark, workDir);
    } catch (Exception e) {
      throw new IllegalStateException("bench: " + e.getMessage(), e);
    }
    if (!parts.contains("rows")) {
      out.println("\nrows x10 / x100: skipped (--parts)");
    } else if (Files.isDirectory(scaleModel)) {
      scaling(Corpus.load(scaleDocs, root.resolve("../shared/data").normalize(), root.resolve("jobs/data/reviews.txt")),
          scaleModel, runs, workDir);
    } else {
      out.println("\nscaling: skipped, no fixture model at " + scaleModel + " (pass --scale-model DIR)");
    }
    figures.put("load_avg_end", loadAverage());
    figures.put("seconds_total", round((System.nanoTime() - started) / 1e9, 1));
    BenchTargets.derive(figures);
    summary();
    if (json != null) {
      writeJson(json);
    }
    return figures;
  }

  private void header(Corpus corpus, String model, String variant) {
    int[] words = corpus.wordCounts();
    Arrays.sort(words);
    out.printf(Locale.ROOT, "sparkscore bench: %d cores (%d visible), heap max %.0f MB, Java %s, load average %s%n",
        cores, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / MB,
        System.getProperty("java.version"), loadAverage());
    out.printf(Locale.ROOT, "corpus: %d docs from %s, words per doc %d..%d (median %d)%n",
        corpus.size(), corpus.source(), words[0], words[words.length - 1], words[words.length / 2]);
    out.printf(Locale.ROOT, "model: %s%s; %d repetitions after one warm-up%n",
        model, variant.isEmpty() ? "" : " (variant " + variant + ")", reps);
    figures.put("docs", corpus.size());
    figures.put("reps", reps);
    figures.put("cores", cores);
    figures.put("corpus", corpus.source());
    figures.put("model", model);
    figures.put("load_avg_start", loadAverage());
  }

  private interface Part {
    void run() throws Exception;
  }

  /** Runs one part of the bench; a part that fails is reported and the others still run. */
  private void part(Set<String> parts, String name, Part part) {
    if (!parts.contains(name)) {
      return;
    }
    try {
      part.run();
    } catch (Exception | AssertionError e) {
      out.println("\n" + name + ": FAILED: " + e);
      figures.put(name + "_failed", String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString()));
    }
  }

  /** Runs in JVMs of their own: 1 vs 2 cores, 1 vs 2 Workers, a chunked document's memory, the kill soak. */
  private void children(Set<String> parts, Corpus corpus, String model, SparkSession spark, Path workDir)
      throws Exception {
    ChildRuns children = new ChildRuns(workDir.resolve("children"), out, figures);
    Path texts = children.textFile("corpus", corpus.texts());
    part(parts, "cores", () -> children.cores(texts, model));
    part(parts, "workers", () -> children.workers(texts, model));
    part(parts, "memory", () -> {
      int kb = positive("chunk-doc-kb", 1000);
      String doc = String.join(" ", corpus.texts()).repeat(1 + kb * 1000 / String.join(" ", corpus.texts()).length());
      children.chunkedDocument(children.textFile("document-" + kb + "kb", List.of(doc.substring(0, kb * 1000))),
          model, BatchSettings.CPU_TOKEN_BUDGET);
    });
    part(parts, "soak", () -> new SoakBench(spark, workDir.resolve("soak"), out)
        .run(positive("soak-kills", 20), cli.doubleValue("soak-minutes", 20), figures));
  }

  /** The floor in two thread layouts, the stage, padding with and without sorting; keys start with {@code prefix}. */
  private void compareWithFloor(String prefix, Corpus corpus, String model, String variant, SparkRuns runs,
      Path workDir) {
    LoadedModel loaded = ModelCache.get(new ModelSpec(model, variant, SessionSettings.DEFAULTS));
    HfTokenizer tokenizer = loaded.tokenizer(TokenizerSettings.MODEL_DEFAULTS);
    EngineFloor floor = new EngineFloor(loaded, tokenizer, SessionSettings.DEFAULTS);
    BatchSettings batching = BatchSettings.DEFAULTS;
    BatchSettings unsorted =
        new BatchSettings(batching.batchSize(), batching.maxBatchTokens(), batching.window(), false);

    Path input = workDir.resolve(prefix + "minilm-input");
    Path output = workDir.resolve(prefix + "minilm-output");
    runs.writeInput(corpus.texts(), 1, cores, input);
    int partitions = runs.partitions(input);
    TextEmbedder stage = new TextEmbedder().setInputCol("text").setModel(model).setModelVariant(variant);

    // Layouts of the floor: one loop per core with one thread each (as Spark's tasks run), and one
    // loop with every core as intra-op threads. The faster is the floor.
    Map<String, Supplier<EngineFloor.Tokens>> layouts = new LinkedHashMap<>();
    layouts.put(cores + "x1", () -> floor.run(corpus.texts(), cores, 1, batching));
    layouts.put("1x" + cores, () -> floor.run(corpus.texts(), 1, cores, batching));
    Map<String, List<Timed>> floorRuns = new LinkedHashMap<>();
    layouts.keySet().forEach(k -> floorRuns.put(k, new ArrayList<>()));
    List<Timed> stageRuns = new ArrayList<>();
    List<Timed> sqlRuns = new ArrayList<>();
    ScoringMetrics.Snapshot stageTokens = null;

    out.printf(Locale.ROOT, "%nengine floor vs TextEmbedder stage and SELECT sparkscore_embed (local[%d], Parquet in %d partitions -> Parquet)%n",
        cores, partitions);
    EngineFloor.Tokens tokens = null;
    for (int rep = 0; rep <= reps; rep++) {
      String label = rep == 0 ? "warm-up" : "rep " + rep;
      for (Map.Entry<String, Supplier<EngineFloor.Tokens>> layout : layouts.entrySet()) {
        Timed t = Timed.of(layout.getValue());
        tokens = t.tokens;
        out.printf(Locale.ROOT, "  %-8s floor %-4s %7.2f s %8.1f docs/s  cpu %.2f cores%n",
            label, layout.getKey(), t.seconds, corpus.size() / t.seconds, t.cores);
        if (rep > 0) {
          floorRuns.get(layout.getKey()).add(t);
        }
      }
      ScoringMetrics.Snapshot before = ScoringMetrics.snapshot();
      Timed t = Timed.of(() -> {
        runs.score(stage, input, output);
        return null;
      });
      ScoringMetrics.Snapshot done = ScoringMetrics.snapshot().minus(before);
      out.printf(Locale.ROOT, "  %-8s stage      %7.2f s %8.1f docs/s  cpu %.2f cores%n",
          label, t.seconds, corpus.size() / t.seconds, t.cores);
      if (rep > 0) {
        stageRuns.add(t);
        stageTokens = done;
      }
      Timed sql = Timed.of(() -> {
        runs.scoreSql(model, variant, input, output);
        return null;
      });
      out.printf(Locale.ROOT, "  %-8s sql        %7.2f s %8.1f docs/s  cpu %.2f cores%n",
          label, sql.seconds, corpus.size() / sql.seconds, sql.cores);
      if (rep > 0) {
        sqlRuns.add(sql);
      }
    }
    Timed unsortedRun = Timed.of(() -> floor.run(corpus.texts(), cores, 1, unsorted));
    out.printf(Locale.ROOT, "  unsorted floor %dx1 %7.2f s %8.1f docs/s  (no length-aware batching)%n",
        cores, unsortedRun.seconds, corpus.size() / unsortedRun.seconds);

    String best = null;
    double bestSeconds = Double.MAX_VALUE;
    for (Map.Entry<String, List<Timed>> layout : floorRuns.entrySet()) {
      double median = Timed.medianSeconds(layout.getValue());
      figures.put(prefix + "floor_docs_per_s_" + layout.getKey(), round(corpus.size() / median, 1));
      if (median < bestSeconds) {
        bestSeconds = median;
        best = layout.getKey();
      }
    }
    double stageSeconds = Timed.medianSeconds(stageRuns);
    double floorDocs = corpus.size() / bestSeconds;
    double stageDocs = corpus.size() / stageSeconds;
    figures.put(prefix + "floor_layout", best);
    figures.put(prefix + "floor_docs_per_s", round(floorDocs, 1));
    figures.put(prefix + "floor_tokens_per_s", round(tokens.real() / bestSeconds, 0));
    figures.put(prefix + "floor_cpu_cores", round(Timed.medianCores(floorRuns.get(best)), 2));
    figures.put(prefix + "stage_docs_per_s", round(stageDocs, 1));
    figures.put(prefix + "stage_tokens_per_s", round(tokens.real() / stageSeconds, 0));
    figures.put(prefix + "stage_cpu_cores", round(Timed.medianCores(stageRuns), 2));
    figures.put(prefix + "stage_partitions", partitions);
    figures.put(prefix + "stage_to_floor", round(stageDocs / floorDocs, 3));
    double sqlDocs = corpus.size() / Timed.medianSeconds(sqlRuns);
    figures.put(prefix + "sql_docs_per_s", round(sqlDocs, 1));
    figures.put(prefix + "sql_to_stage", round(sqlDocs / stageDocs, 3));
    figures.put(prefix + "tokens_real", tokens.real());
    figures.put(prefix + "padding_waste_sorted", round(stageTokens.paddingWaste(), 4));
    figures.put(prefix + "padding_waste_sorted_floor", round(tokens.paddingWaste(), 4));
    figures.put(prefix + "padding_waste_unsorted", round(unsortedRun.tokens.paddingWaste(), 4));
    figures.put(prefix + "floor_unsorted_docs_per_s", round(corpus.size() / unsortedRun.seconds, 1));
  }

  /**
   * Part 4: the stage on a tiny fixture model at 1x, 10x and 100x the rows; time and heap. Rows go
   * to the noop sink (see {@link SparkRuns#scoreAndDiscard}) so the heap is the stage's own.
   */
  private void scaling(Corpus corpus, Path model, SparkRuns runs, Path workDir) {
    TextEmbedder stage = new TextEmbedder().setInputCol("text").setModel(model.toString());
    int[] factors = {1, 10, 100};
    out.printf(Locale.ROOT, "%nscaling: %s, %d docs x 1, 10, 100 (Parquet in %d files -> noop sink)%n",
        model.getFileName(), corpus.size(), cores);
    Map<Integer, Double> seconds = new LinkedHashMap<>();
    for (int factor : factors) {
      Path input = workDir.resolve("scale-input-" + factor + "x");
      runs.writeInput(corpus.texts(), factor, cores, input);
      if (factor == 1) {
        runs.scoreAndDiscard(stage, input);
      }
      // Each run is timed on its own; the heap probe's forced collections get a run of their own.
      List<Timed> timed = new ArrayList<>();
      long peakUsed = 0;
      for (int rep = 0; rep < (factor == 100 ? 1 : reps); rep++) {
        try (HeapProbe heap = HeapProbe.start(false, 0)) {
          timed.add(Timed.of(() -> {
            runs.scoreAndDiscard(stage, input);
            return null;
          }));
          peakUsed = Math.max(peakUsed, heap.peakUsedBytes());
        }
      }
      long peakLive;
      long samples;
      try (HeapProbe heap = HeapProbe.start(true, 500)) {
        runs.scoreAndDiscard(stage, input);
        peakLive = heap.peakLiveBytes();
        samples = heap.samples();
      }
      double median = Timed.medianSeconds(timed);
      seconds.put(factor, median);
      out.printf(Locale.ROOT,
          "  %4dx %8d rows %8.2f s %9.1f docs/s  peak heap: live %s MB (%d forced GCs), in use %.0f MB%n",
          factor, (long) corpus.size() * factor, median, corpus.size() * factor / median,
          peakLive < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", peakLive / MB), samples, peakUsed / MB);
      figures.put("scale_seconds_" + factor + "x", round(median, 3));
      figures.put("peak_heap_mb_" + factor + "x", peakLive < 0 ? null : round(peakLive / MB, 1));
      figures.put("peak_heap_used_mb_" + factor + "x", round(peakUsed / MB, 1));
    }
    figures.put("scale_docs", corpus.size());
    figures.put("scale_10x_time_ratio", round(seconds.get(10) / seconds.get(1), 2));
    figures.put("scale_100x_time_ratio", round(seconds.get(100) / seconds.get(1), 2));
  }

  private void summary() {
    out.println("\nsummary");
    figures.forEach((k, v) -> out.printf(Locale.ROOT, "  %-28s %s%n", k, v));
    BenchTargets.print(figures, out);
  }

  private void writeJson(Path json) {
    try {
      if (json.toAbsolutePath().getParent() != null) {
        Files.createDirectories(json.toAbsolutePath().getParent());
      }
      Files.writeString(json, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(figures) + "\n",
          StandardCharsets.UTF_8);
      out.println("\nwrote " + json);
    } catch (IOException e) {
      throw SparkScoreException.user(e, "bench: cannot write --json %s: %s", json, e.getMessage());
    }
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Paths.get("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }

  static double round(double value, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(value * scale) / scale;
  }

  /** One timed run: wall seconds, and the CPU this process used meanwhile, in cores. */
  record Timed(double seconds, double cores, EngineFloor.Tokens tokens) {
    static Timed of(Supplier<EngineFloor.Tokens> work) {
      OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long cpu = os.getProcessCpuTime();
      long start = System.nanoTime();
      EngineFloor.Tokens tokens = work.get();
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Timed(seconds, (os.getProcessCpuTime() - cpu) / 1e9 / seconds, tokens);
    }

    static double medianSeconds(List<Timed> runs) {
      return median(runs.stream().mapToDouble(Timed::seconds).toArray());
    }

    static double medianCores(List<Timed> runs) {
      return median(runs.stream().mapToDouble(Timed::cores).toArray());
    }
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
