package io.sparkscore.cli;

import io.sparkscore.SparkScoreException;
import io.sparkscore.config.CommandLine;
import io.sparkscore.config.Task;
import io.sparkscore.config.TaskOptions;
import io.sparkscore.io.ConcurrentCommits;
import io.sparkscore.io.InputSource;
import io.sparkscore.io.OutputSink;
import io.sparkscore.io.RowAccounting;
import io.sparkscore.run.WriteMetricsListener;
import io.sparkscore.spark.DeviceUsage;
import io.sparkscore.spark.DuplicateRows;
import io.sparkscore.stages.TokenizingStage;
import io.sparkscore.stages.params.ParamSpec;
import io.sparkscore.stages.params.ParamSpec.ValueType;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import static io.sparkscore.stages.params.ParamSpec.ValueType.INT;
import static io.sparkscore.stages.params.ParamSpec.ValueType.STRING;

/**
 * {@code sparkscore <task> --input PATH --output PATH …}: reads the input, runs the task's stage
 * and writes id, text and the result columns.
 */
public final class ScoreCommand {
  /** The options of every task command, beside its stage's ({@link TaskOptions}). */
  static final List<ParamSpec> COMMON = List.of(
      option("input", STRING, null, "JSON lines, CSV, TSV, Parquet, Delta or text (one document per line)"),
      option("input-format", STRING, null, "the input's format (default: from the path)", InputSource.FORMATS),
      option("output", STRING, null, "where to write the result"),
      option("format", STRING, "delta", "the output's format", OutputSink.FORMATS),
      option("mode", STRING, "overwrite", "overwrite | append | merge (upsert on the id column, Delta)",
          OutputSink.MODES),
      option("text-col", STRING, "text", "text column (the stage's inputCol)"),
      option("id-col", STRING, "id", "id column (generated from row numbers when the input has none)"),
      option("status-col", STRING, "status", "column saying what happened to each row (the stage's statusCol)"),
      option("partitions", INT, null, "minimum number of partitions to score in parallel (default: Spark's parallelism)"));

  private ScoreCommand() {}

  private static ParamSpec option(String flag, ValueType type, Object defaultValue, String doc, List<String> allowed) {
    return new ParamSpec(flag, flag, type, defaultValue, doc, allowed);
  }

  private static ParamSpec option(String flag, ValueType type, Object defaultValue, String doc) {
    return option(flag, type, defaultValue, doc, List.of());
  }

  /** Parses and checks every option before Spark starts. */
  public static CommandLine parse(Task task, String[] args) {
    Set<String> valued = new LinkedHashSet<>();
    COMMON.forEach(option -> valued.add(option.flag()));
    valued.addAll(TaskOptions.commandLineNames(task, false));
    CommandLine cli = CommandLine.parse(task.name(), args, valued, TaskOptions.commandLineNames(task, true));
    sink(cli);
    InputSource.of(cli.require("input"), cli.get("input-format").orElse(null));
    TaskOptions.read(task, cli);
    return cli;
  }

  /** The value of a {@link #COMMON} option, or its default. */
  private static String common(CommandLine cli, String flag) {
    ParamSpec spec = COMMON.stream().filter(o -> o.flag().equals(flag)).findFirst().orElseThrow();
    return cli.get(flag).orElse(spec.defaultValue() == null ? null : String.valueOf(spec.defaultValue()));
  }

  private static OutputSink sink(CommandLine cli) {
    return new OutputSink(cli.require("output"), common(cli, "format"), common(cli, "mode"));
  }

  /** {@code sparkscore <task> --help}: the common options, then the task's, from their declarations. */
  public static String help(Task task) {
    return "usage: sparkscore " + task.name() + " --input PATH --output PATH [options]\n  " + task.summary()
        + "\n\noptions of every task:\n" + OptionsHelp.render(COMMON)
        + "\noptions of " + task.name() + " (job files: the same names as keys of a task of this kind):\n"
        + OptionsHelp.render(TaskOptions.specs(task));
  }

  /** Runs the task and returns the summary it printed. */
  public static JobSummary run(SparkSession spark, Task task, CommandLine cli, PrintStream out) {
    String textCol = common(cli, "text-col");
    String idCol = common(cli, "id-col");
    InputSource source = InputSource.of(cli.require("input"), cli.get("input-format").orElse(null));
    OutputSink sink = sink(cli).mergeOn(idCol);
    TaskOptions options = TaskOptions.read(task, cli);
    Transformer stage = task.stage(options, textCol);
    String statusCol = common(cli, "status-col");
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
              otherColumns(task.inputColumns(options, textCol), textCol, idCol)), accounting);
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
