package io.sparkscore.run;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkscore.SparkScoreException;
import io.sparkscore.io.ConcurrentCommits;
import io.sparkscore.io.InputSource;
import io.sparkscore.io.InputSource.Selection;
import io.sparkscore.io.OutputSink;
import io.sparkscore.io.RowAccounting;
import io.sparkscore.reports.ColumnProfiles;
import io.sparkscore.reports.RunReport;
import io.sparkscore.runtime.ScoringMetrics;
import io.sparkscore.spark.DeviceUsage;
import io.sparkscore.spark.DuplicateRows;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * Runs a checked {@link Job}: reads the input (whole, or for incremental runs only the rows
 * a Delta table gained since the last run), scores it in one pass, writes it with lineage, records
 * the job on the table, prints progress and a summary line, and writes the run report.
 */
public final class JobRunner {
  /** Where run artefacts live inside an output directory; Spark, Delta and VACUUM skip "_" names. */
  public static final String RUN_DIR = "_sparkscore";
  private static final int THROUGHPUT_POINTS = 300;

  /** What a run did; {@link #toString()} is the summary line. */
  public record Summary(String runId, long rowsIn, long rowsWritten, long emptyText, long duplicates, double seconds,
      long batches, String reportDir) {
    public double rowsPerSecond() {
      return seconds > 0 ? rowsWritten / seconds : 0;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT,
          "summary: %,d rows in, %,d rows written, %,d with null/empty text, %.1f s wall, %.1f rows/s, "
              + "%,d duplicate rows served from the window",
          rowsIn, rowsWritten, emptyText, seconds, rowsPerSecond(), duplicates);
    }
  }

  private final SparkSession spark;
  private final Job job;
  private final PrintStream out;
  private final InputSource source;
  private final Selection selection;
  private final OutputSink sink;
  private final ScoringPlan plan;
  private final String runId;
  private final RowAccounting accounting;
  // Written by the streaming query's thread in incremental runs, read after it ends.
  private volatile StructType inputSchema;
  private volatile long rowsIn;
  private volatile long emptyText;
  private volatile long batches;

  private JobRunner(SparkSession spark, Job job, PrintStream out) {
    this.spark = spark;
    this.job = job;
    this.out = out;
    Job.Input in = job.input();
    this.source = in.table().isEmpty() ? InputSource.of(in.path(), in.format()) : InputSource.table(in.table());
    this.selection = new Selection(in.textCol(), in.idCol(), in.idColGiven(), in.filter(), in.limit(), in.keep());
    Job.Output o = job.output();
    OutputSink base = o.table().isEmpty() ? new OutputSink(o.path(), o.format(), o.mode()) : OutputSink.table(o.table(), o.mode());
    this.sink = base.partitionBy(o.partitionBy()).mergeOn(in.idCol());
    this.plan = new ScoringPlan(job.tasks());
    this.runId = job.run().id();
    this.accounting = RowAccounting.register(spark);
  }

  /** Runs {@code job}; prints progress, the summary line and where the report went to {@code out}. */
  public static Summary run(SparkSession spark, Job job, PrintStream out) {
    return new JobRunner(spark, job, out).run();
  }

  private Summary run() {
    Instant started = Instant.now();
    long startNanos = System.nanoTime();
    ScoringMetrics.Snapshot before = ScoringMetrics.snapshot();
    Map<String, Long> devicesBefore = DeviceUsage.driverTotals();
    long duplicatesBefore = DuplicateRows.driverTotal();
    LongAccumulator scored = spark.sparkContext().longAccumulator("sparkscore.rows");
    ProgressListener listener = new ProgressListener(scored.id());
    out.printf("%s: run %s: %s -> %s (%s, %s)%n", job.name(), runId, job.input().describe(), job.output().describe(),
        sink.format(), job.run().incremental() ? "incremental merge" : sink.mode());
    spark.sparkContext().addSparkListener(listener);
    Progress progress = Progress.start(out, job.run().progress(), job.run().progressInterval(), listener::rows);
    try {
      if (job.run().incremental()) {
        incremental(progress, scored);
      } else {
        batch(progress, scored);
      }
    } finally {
      progress.close();
      spark.sparkContext().removeSparkListener(listener);
    }
    if (job.run().incremental() && rowsIn == 0) {
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      out.printf("%s: no new rows in %s since the last run (checkpoint %s); nothing written%n",
          job.name(), job.input().describe(), checkpoint());
      return new Summary(runId, 0, 0, 0, 0, seconds, batches, "");
    }
    sink.setProperties(spark, properties(started));
    Dataset<Row> written = sink.read(spark).where(col(ScoringPlan.RUN_ID).equalTo(runId));
    long rowsWritten = written.count();
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    String reportDir = job.run().report().isEmpty()
        ? sink.location(spark) + "/" + RUN_DIR + "/runs/" + runId
        : job.run().report();
    Summary summary = new Summary(runId, rowsIn, rowsWritten, emptyText,
        DuplicateRows.driverTotal() - duplicatesBefore, seconds, batches, reportDir);
    Map<String, Long> devices = DeviceUsage.since(devicesBefore, DeviceUsage.driverTotals());
    if (!devices.isEmpty()) {
      out.println(job.name() + ": model batches by device: " + devices);
    }
    accounting.report(spark, job.name()).forEach(out::println);
    out.println(summary);
    report(summary, started, written, listener.rows(), progress, devices, ScoringMetrics.snapshot().minus(before)).write(
        reportDir, spark.sparkContext().hadoopConfiguration());
    out.println("report: " + reportDir + "/report.html");
    return summary;
  }

  private void batch(Progress progress, LongAccumulator scored) {
    Dataset<Row> input = source.read(spark, selection, accounting);
    inputSchema = input.schema();
    inspect(input, progress);
    write(input, scored, "");
  }

  /**
   * Structured Streaming from the Delta input with {@code Trigger.AvailableNow}: Spark's checkpoint
   * records which table versions were consumed, each micro-batch is scored and merged on the id
   * (so a batch replayed after a failure upserts the same rows again: exactly-once results).
   */
  private void incremental(Progress progress, LongAccumulator scored) {
    Dataset<Row> stream = source.readStream(spark);
    if (!Arrays.asList(stream.columns()).contains(selection.idCol())) {
      throw SparkScoreException.user(
          "incremental input %s has no id column '%s' (columns: %s); incremental runs need stable ids to merge on",
          job.input().describe(), selection.idCol(), String.join(", ", stream.columns()));
    }
    inputSchema = source.select(spark, stream, selection, accounting).schema();
    StreamingQuery query;
    try {
      query = stream.writeStream()
          .trigger(Trigger.AvailableNow())
          .option("checkpointLocation", checkpoint())
          .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, batchId) -> {
            Dataset<Row> input = source.select(batch.sparkSession(), batch, selection, accounting);
            if (inspect(input, progress) > 0) {
              write(input, scored, "batch " + batchId);
            }
          })
          .start();
      query.awaitTermination();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new SparkScoreException(SparkScoreException.Kind.RESOURCES, "the incremental query did not start: " + e, e);
    } catch (StreamingQueryException e) {
      SparkScoreException user = SparkScoreException.userCause(e);
      throw user != null ? user : new IllegalStateException("incremental run failed: " + e.getMessage(), e);
    }
  }

  /**
   * Scores {@code input} and writes it, counting row statuses under {@code round}; a write that loses
   * to another job's commit is written again.
   */
  private void write(Dataset<Row> input, LongAccumulator scored, String round) {
    Dataset<Row> rows = accounting.countStatuses(
        plan.apply(spread(input), runId, scored), plan.statusColumns(input.schema()), round);
    ConcurrentCommits.write(sink.path(), () -> sink.write(rows, runId), () -> { });
  }

  /** The checkpoint directory: {@code run.checkpoint}, else {@code <output>/_sparkscore/checkpoint}. */
  private String checkpoint() {
    if (!job.run().checkpoint().isEmpty()) {
      return job.run().checkpoint();
    }
    if (sink.isTable() && !sink.exists(spark)) {
      throw SparkScoreException.user("output table %s does not exist yet, so it has no directory to keep the "
          + "checkpoint in; give run.checkpoint (--checkpoint DIR)", sink.path());
    }
    return sink.location(spark) + "/" + RUN_DIR + "/checkpoint";
  }

  /**
   * Counts rows and rows without text, and for merge refuses null or repeated ids before any
   * scoring: MERGE would fail half-way on repeats, and null ids never match, so they would pile up.
   * Returns the row count.
   */
  private long inspect(Dataset<Row> input, Progress progress) {
    Column text = col(selection.textCol());
    Column id = col(selection.idCol());
    boolean merge = sink.mode().equals("merge");
    List<Column> aggregates = new ArrayList<>(List.of(
        coalesce(sum(when(text.isNull().or(trim(text).equalTo("")), 1L).otherwise(0L)), lit(0L))));
    if (merge) {
      aggregates.add(countDistinct(id));
      aggregates.add(coalesce(sum(when(id.isNull(), 1L).otherwise(0L)), lit(0L)));
    }
    Row stats = input.agg(count(lit(1)), aggregates.toArray(new Column[0])).first();
    long rows = stats.getLong(0);
    if (merge) {
      long nullIds = stats.getLong(3);
      if (nullIds > 0) {
        throw SparkScoreException.user("input %s: %,d rows have no id (null in column '%s'); merge needs an id on "
            + "every row (nothing was written)", job.input().describe(), nullIds, selection.idCol());
      }
      if (stats.getLong(2) < rows) {
        String examples = input.groupBy(id).count().where(col("count").gt(1)).limit(5).collectAsList().stream()
            .map(r -> r.get(0) + " (" + r.getLong(1) + " rows)").collect(Collectors.joining(", "));
        throw SparkScoreException.user("input %s: %,d rows share an id with another row in column '%s', e.g. %s; "
            + "merge keeps one row per id, so ids must be unique (nothing was written)",
            job.input().describe(), rows - stats.getLong(2), selection.idCol(), examples);
      }
    }
    rowsIn += rows;
    emptyText += stats.getLong(1);
    batches++;
    progress.expect(rows);
    return rows;
  }

  /** Spreads the rows over at least {@code run.partitions} (default: Spark's parallelism) tasks. */
  private Dataset<Row> spread(Dataset<Row> input) {
    int parallelism = job.run().partitions() > 0 ? job.run().partitions() : spark.sparkContext().defaultParallelism();
    return input.rdd().getNumPartitions() < parallelism ? input.repartition(parallelism) : input;
  }

  /** Table properties: which job, config and run produced the table's last write. */
  private Map<String, String> properties(Instant started) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("sparkscore.job.name", job.name());
    properties.put("sparkscore.job.file", job.file());
    properties.put("sparkscore.job.config", job.configJson());
    properties.put("sparkscore.run.id", runId);
    properties.put("sparkscore.run.started", started.toString());
    return properties;
  }

  private RunReport report(Summary summary, Instant started, Dataset<Row> written, long rowsScored, Progress progress,
      Map<String, Long> devices, ScoringMetrics.Snapshot scoring) {
    List<ScoringPlan.ResultColumn> results = plan.resultColumns(inputSchema);
    List<StructField> fields = new ArrayList<>();
    for (ScoringPlan.ResultColumn column : results) {
      fields.add(new StructField(column.name(), column.type(), true, org.apache.spark.sql.types.Metadata.empty()));
    }
    List<RunReport.Task> tasks = new ArrayList<>();
    for (Job.TaskSpec task : job.tasks()) {
      List<String> columns = results.stream().filter(c -> c.task().equals(task.name())).map(ScoringPlan.ResultColumn::name)
          .toList();
      tasks.add(new RunReport.Task(task.name(), task.task(), task.model().name(), task.model().file(),
          task.model().sha256(), columns));
    }
    Map<String, Object> counters = new LinkedHashMap<>();
    counters.put("batchesByDevice", devices);
    counters.put("duplicateRowsServedFromWindow", summary.duplicates());
    Map<String, Object> driver = new LinkedHashMap<>();
    driver.put("scope", "ONNX work done in the driver JVM (all of it in local mode, none of the executors' on a cluster)");
    driver.put("rows", scoring.rows());
    driver.put("batches", scoring.batches());
    driver.put("realTokens", scoring.realTokens());
    driver.put("paddedTokens", scoring.paddedTokens());
    driver.put("paddingWaste", scoring.paddingWaste());
    counters.put("driverJvm", driver);
    Job.Input in = job.input();
    Job.Output o = job.output();
    try {
      return new RunReport(
          new RunReport.Job(job.name(), job.file(), new ObjectMapper().readTree(job.configJson())),
          new RunReport.Run(runId, started.toString(), Instant.now().toString(), summary.seconds(), summary.rowsIn(),
              rowsScored, summary.rowsWritten(), summary.emptyText(), summary.rowsPerSecond(), job.run().incremental(), batches),
          new RunReport.Input(in.describe(), in.table().isEmpty() ? in.format() : "table", in.filter(), in.limit()),
          new RunReport.Output(o.describe(), sink.format(), sink.mode(), o.partitionBy()),
          new RunReport.Spark(spark.version(), spark.sparkContext().master(), spark.sparkContext().applicationId(),
              spark.sparkContext().defaultParallelism()),
          tasks,
          ColumnProfiles.of(written, fields),
          progress.throughput(THROUGHPUT_POINTS),
          counters);
    } catch (JsonProcessingException e) {
      throw new SparkScoreException(SparkScoreException.Kind.INTERNAL, "job config did not render as JSON", e);
    }
  }
}
