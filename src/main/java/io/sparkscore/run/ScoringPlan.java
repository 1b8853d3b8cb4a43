package io.sparkscore.run;

import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * One pass over the input: each task's stage in turn, its new columns renamed under the task's
 * column prefix, lineage on every row, and a row counter that progress reads while tasks run.
 *
 * <p>Lineage: {@code <prefix>task}, {@code <prefix>model}, {@code <prefix>model_sha256} per task,
 * then {@code run_id} and {@code scored_at} (the time the write's query started).
 */
public final class ScoringPlan {
  public static final String RUN_ID = "run_id";
  public static final String SCORED_AT = "scored_at";
  public static final List<String> RUN_COLUMNS = List.of(RUN_ID, SCORED_AT);
  public static final List<String> TASK_COLUMNS = List.of("task", "model", "model_sha256");
  /**
   * The status column a task's stage writes, under a name no input has; it becomes {@code
   * <prefix>status}, so that tasks without a prefix do not see one another's.
   */
  public static final String STAGE_STATUS = "_sparkscore_status";
  public static final String STATUS = "status";

  /** A column a task adds, under its final (prefixed) name. */
  public record ResultColumn(String task, String name, DataType type) {}

  private final List<Job.TaskSpec> tasks;

  public ScoringPlan(List<Job.TaskSpec> tasks) {
    this.tasks = List.copyOf(tasks);
  }

  /** The columns {@code task}'s stage adds to {@code schema}, unprefixed; runs the stage's own checks. */
  public static List<StructField> addedColumns(Job.TaskSpec task, StructType schema) {
    List<StructField> added = new ArrayList<>();
    for (StructField field : task.stage().transformSchema(schema).fields()) {
      if (!schema.getFieldIndex(field.name()).isDefined()) {
        added.add(field);
      }
    }
    return added;
  }

  /** The result columns of every task on an input of {@code schema}, in output order. */
  public List<ResultColumn> resultColumns(StructType schema) {
    List<ResultColumn> out = new ArrayList<>();
    StructType current = schema;
    for (Job.TaskSpec task : tasks) {
      for (StructField field : addedColumns(task, current)) {
        String name = outputName(task, field.name());
        out.add(new ResultColumn(task.name(), name, field.dataType()));
        current = current.add(name, field.dataType(), field.nullable());
      }
    }
    return out;
  }

  /** {@code input} scored by every task, with lineage; each row leaving it adds one to {@code rows}. */
  public Dataset<Row> apply(Dataset<Row> input, String runId, LongAccumulator rows) {
    Dataset<Row> scored = input;
    for (Job.TaskSpec task : tasks) {
      Set<String> before = new HashSet<>(Arrays.asList(scored.columns()));
      Dataset<Row> out = task.stage().transform(scored);
      Map<String, String> renames = new LinkedHashMap<>();
      for (String column : out.columns()) {
        if (!before.contains(column) && !outputName(task, column).equals(column)) {
          renames.put(column, outputName(task, column));
        }
      }
      scored = renames.isEmpty() ? out : out.withColumnsRenamed(renames);
      Job.ModelIdentity model = task.model();
      scored = scored
          .withColumn(task.columnPrefix() + "task", lit(task.task()))
          .withColumn(task.columnPrefix() + "model", orNull(model.name()))
          .withColumn(task.columnPrefix() + "model_sha256", orNull(model.sha256()));
    }
    scored = scored.withColumn(RUN_ID, lit(runId)).withColumn(SCORED_AT, current_timestamp());
    return scored.mapPartitions(new CountingPartition(rows), Encoders.row(scored.schema()));
  }

  /** The name under which {@code task}'s column {@code column} is written. */
  private static String outputName(Job.TaskSpec task, String column) {
    return task.columnPrefix() + (column.equals(STAGE_STATUS) ? STATUS : column);
  }

  /** The row status columns of the tasks whose stages write one. */
  public List<String> statusColumns(StructType schema) {
    Set<String> results = new HashSet<>();
    resultColumns(schema).forEach(c -> results.add(c.name()));
    return tasks.stream().map(t -> t.columnPrefix() + STATUS).filter(results::contains).toList();
  }

  private static org.apache.spark.sql.Column orNull(String value) {
    return value.isEmpty() ? lit(null).cast(DataTypes.StringType) : lit(value);
  }
}
