package io.sparkscore.cli;

import io.sparkscore.SparkScoreException;
import io.sparkscore.config.CommandLine;
import io.sparkscore.config.StageOptions;
import io.sparkscore.config.Task;
import io.sparkscore.io.ConcurrentCommits;
import io.sparkscore.io.InputSource;
import io.sparkscore.io.OutputSink;
import io.sparkscore.io.RowAccounting;
import io.sparkscore.run.WriteMetricsListener;
import io.sparkscore.spark.DeviceUsage;
import io.sparkscore.spark.DuplicateRows;
import io.sparkscore.stages.TokenizingStage;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code sparkscore <task> --input PATH --output PATH …}: reads the input, runs the task's stage
 * and writes id, text and the result columns.
 */
public final class ScoreCommand {
  static final Set<String> COMMON =
      Set.of("input", "input-format", "output", "format", "mode", "text-col", "id-col", "partitions", "status-col");

  private ScoreCommand() {}

  /** Parses and checks every option before Spark starts. */
  public static CommandLine parse(Task task, String[] args) {
    CommandLine cli = CommandLine.parse(task.name(), args, StageOptions.union(COMMON, task.options()), task.flags());
    cli.require("input");
    cli.require("output");
    new OutputSink(cli.require("output"), cli.get("format", "delta"), cli.get("mode", "overwrite"));
    InputSource.of(cli.require("input"), cli.get("input-format").orElse(null));
    return cli;
  }

  /** Runs the task and returns the summary it printed. */
  public static JobSummary run(SparkSession spark, Task task, CommandLine cli, PrintStream out) {
    String textCol = cli.get("text-col", "text");
    String idCol = cli.get("id-col", "id");
    InputSource source = InputSource.of(cli.require("input"), cli.get("input-format").orElse(null));
    OutputSink sink = new OutputSink(cli.require("output"), cli.get("format", "delta"), cli.get("mode", "overwrite"))
        .mergeOn(idCol);
    Transformer stage = task.stage(cli, textCol);
    String statusCol = cli.get("status-col", "status");
    if (stage instanceof TokenizingStage<?> scoring) {
      scoring.setStatusCol(statusCol);
    }
    RowAccounting accounting = RowAccounting.register(spark);

    WriteMetricsListener metrics = WriteMetricsListener.track(spark.sparkContext());
    Map<String, Long> devicesBefore = DeviceUsage.driverTotals();
    long duplicatesBefore = DuplicateRows.driverTotal();
    long start = System.nanoTime();
    try (metrics) {
      Dataset<Row> input =
          source.read(spark, new InputSource.Selection(textCol, idCol, cli.get("id-col").isPresent(), "", 0,
              otherColumns(task.inputColumns(cli, textCol), textCol, idCol)), accounting);
      int parallelism = cli.intValue("partitions", spark.sparkContext().defaultParallelism());
      if (parallelism <= 0) {
        throw SparkScoreException.user("%s: --partitions must be > 0, got %d", task.name(), parallelism);
      }
      if (input.rdd().getNumPartitions() < parallelism) {
        input = input.repartition(parallelism);
      }
      Dataset<Row> scored = stage.transform(input);
      Dataset<Row> counted =
          Arrays.asList(scored.columns()).contains(statusCol) ? accounting.countStatuses(scored, List.of(statusCol), "") : scored;
      ConcurrentCommits.write(sink.path(), () -> sink.write(counted), metrics::reset);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, Long> devices = DeviceUsage.since(devicesBefore, DeviceUsage.driverTotals());
    if (!devices.isEmpty()) {
      out.println(task.name() + ": model batches by device: " + devices);
    }
    JobSummary summary = new JobSummary(
        task.name(), metrics.recordsWritten(), DuplicateRows.driverTotal() - duplicatesBefore, seconds, sink);
    accounting.report(spark, task.name()).forEach(out::println);
    out.println(summary);
    return summary;
  }

  /** {@code columns} but the text and id columns, which every input has. */
  static List<String> otherColumns(List<String> columns, String textCol, String idCol) {
    return columns.stream().filter(c -> !c.equals(textCol) && !c.equals(idCol)).distinct().toList();
  }

  /** What a run did, printed as its last line. */
  public record JobSummary(String task, long rowsWritten, long duplicates, double seconds, OutputSink sink) {
    public double rowsPerSecond() {
      return seconds > 0 ? rowsWritten / seconds : 0;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT,
          "%s: wrote %d rows to %s (%s, %s) in %.1f s, %.1f rows/s, %d duplicate rows served from the window",
          task, rowsWritten, sink.path(), sink.format(), sink.mode(), seconds, rowsPerSecond(), duplicates);
    }
  }
}
