package io.sparkscore.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

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

  /** Writes {@code metrics.json} and {@code report.html} into {@code dir} (any Hadoop filesystem). */
  public void write(String dir, Configuration hadoop) {
    ReportPage.write(dir, hadoop, "report.html", this, "run report");
  }

  /** The report page with this run's data and Chart.js inlined. */
  String html(String metricsJson) {
    return ReportPage.html("report.html", metricsJson);
  }
}
