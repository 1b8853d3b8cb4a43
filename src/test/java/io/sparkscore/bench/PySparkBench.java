package io.sparkscore.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.package$;

/**
 * The PySpark rows in the same bench run: {@code python/benchmarks/pyspark_rows.py} on this line's
 * Python environment ({@code ci/python-env.sh}) and jar measures the stage called on the JVM, the
 * same stage through {@code sparkscore.TextEmbedder}, and {@code predict_batch_udf} with onnxruntime
 * over the same graph, in one PySpark session of its own; its figures join the bench's as
 * {@code pyspark_*}.
 */
final class PySparkBench {
  private static final long TIMEOUT_MINUTES = 60;

  private PySparkBench() {}

  static void run(Path root, Path workDir, int docs, int reps, PrintStream out, Map<String, Object> figures)
      throws IOException, InterruptedException {
    String line = package$.MODULE$.SPARK_VERSION().startsWith("3.5") ? "spark35" : "spark4";
    out.printf("%npyspark (%s): our stage from Python vs predict_batch_udf over onnxruntime, %d docs%n", line, docs);
    Files.createDirectories(workDir);
    Path json = workDir.resolve("pyspark-rows.json");
    Path log = workDir.resolve("pyspark-rows.log");
    String python = shell(root, workDir.resolve("python-env.log"), "ci/python-env.sh", line).strip() + "/bin/python";
    Process process = new ProcessBuilder(python, "python/benchmarks/pyspark_rows.py", "--docs", String.valueOf(docs),
        "--reps", String.valueOf(reps), "--json", json.toString())
        .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException("pyspark_rows.py failed or timed out; see " + log);
    }
    Files.readAllLines(log).stream().filter(l -> !l.contains("WARN")).forEach(l -> out.println("  " + l));
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    figures.put("pyspark_min_cosine_stage_vs_udf", BenchCommand.round(report.get("min_cosine_stage_vs_udf").asDouble(), 6));
    for (Iterator<Map.Entry<String, JsonNode>> rows = report.get("rows").fields(); rows.hasNext(); ) {
      Map.Entry<String, JsonNode> row = rows.next();
      String key = "pyspark_" + row.getKey();
      figures.put(key + "_docs_per_s", BenchCommand.round(row.getValue().get("docs_per_s").asDouble(), 1));
      figures.put(key + "_to_jvm_stage", BenchCommand.round(row.getValue().get("ratio_to_jvm_stage").asDouble(), 3));
      figures.put(key + "_jvm_peak_rss_mb", BenchCommand.round(row.getValue().get("jvm_peak_rss_mb").asDouble(), 0));
      figures.put(key + "_python_peak_rss_mb",
          BenchCommand.round(row.getValue().get("python_workers_peak_rss_mb").asDouble(), 0));
    }
  }

  /** Runs a project script and returns its standard output (its log goes to {@code log}). */
  private static String shell(Path root, Path log, String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(List.of(command)).directory(root.toFile())
        .redirectError(log.toFile()).start();
    String stdout = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed; see " + log);
    }
    return stdout;
  }
}
