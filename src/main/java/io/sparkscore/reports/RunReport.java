package io.sparkscore.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sparkscore.SparkScoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What one run did, written as {@code metrics.json} and a self-contained {@code report.html}
 * (charts drawn by the Chart.js build embedded in the page, so the report opens offline).
 */
public record RunReport(
    Job job, Run run, Input input, Output output, Spark spark, List<Task> tasks, List<ColumnProfiles.Chart> charts,
    List<Throughput> throughput, Map<String, Object> scoring) {

  /** The job file and its effective configuration. */
  public record Job(String name, String file, JsonNode config) {}

  /**
   * Counts and times. {@code rowsScored}: rows that left the scoring stages as counted live for
   * progress; {@code batches}: incremental micro-batches (1 for a batch run).
   */
  public record Run(
      String id, String started, String finished, double seconds, long rowsIn, long rowsScored, long rowsWritten,
      long emptyText, double rowsPerSecond, boolean incremental, long batches) {}

  public record Input(String source, String format, String filter, long limit) {}

  public record Output(String target, String format, String mode, List<String> partitionBy) {}

  public record Spark(String version, String master, String applicationId, int defaultParallelism) {}

  public record Task(String name, String task, String model, String modelFile, String sha256, List<String> columns) {}

  public record Throughput(double seconds, double rowsPerSecond) {}

  static final String CHART_JS = "chart.umd.min.js";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Writes {@code metrics.json} and {@code report.html} into {@code dir} (any Hadoop filesystem). */
  public void write(String dir, Configuration hadoop) {
    try {
      Path root = new Path(dir);
      FileSystem fs = root.getFileSystem(hadoop);
      fs.mkdirs(root);
      String metrics = JSON.writeValueAsString(this);
      writeFile(fs, new Path(root, "metrics.json"), metrics);
      writeFile(fs, new Path(root, "report.html"), html(metrics));
    } catch (IOException e) {
      throw SparkScoreException.user(e, "cannot write the run report to %s: %s", dir, e.getMessage());
    }
  }

  /** The report page with this run's data and Chart.js inlined. */
  String html(String metricsJson) {
    // In a <script> element "</script>" would end it early; \u003c keeps the JSON equal and inert.
    String data = metricsJson.replace("<", "\\u003c");
    return resource("report.html")
        .replace("/*{{CHART_JS}}*/", resource(CHART_JS))
        .replace("{{DATA_JSON}}", data);
  }

  static String resource(String name) {
    try (InputStream in = RunReport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new SparkScoreException(SparkScoreException.Kind.INTERNAL, "resource " + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void writeFile(FileSystem fs, Path file, String text) throws IOException {
    try (OutputStream out = fs.create(file, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }
}
