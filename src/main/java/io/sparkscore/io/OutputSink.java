package io.sparkscore.io;

import io.delta.tables.DeltaTable;
import io.sparkscore.SparkScoreException;
import io.sparkscore.compat.ScalaSeqs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.CreateTableWriter;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.analysis.TableAlreadyExistsException;
import org.apache.spark.sql.functions;

/**
 * Writes a job's result as a Delta table (the default), Parquet, or Spark's JSON-lines part files,
 * to a path or (Delta only) a catalog table. Immutable: {@link #partitionBy} and {@link #mergeOn}
 * return new sinks. Modes: {@code overwrite} replaces the data (and, for Delta, the schema),
 * {@code append} adds rows, {@code merge} upserts on the id column with Delta's MERGE (a row whose
 * id is already there is replaced, others are inserted; the first run creates the table).
 */
public final class OutputSink {
  public static final List<String> FORMATS = List.of("delta", "parquet", "json");
  public static final List<String> MODES = List.of("overwrite", "append", "merge");

  /** Delta's default "auto" re-reads a source made only of Delta scans instead of materialising it: that would score every row twice. */
  private static final String MATERIALIZE_SOURCE = "spark.databricks.delta.merge.materializeSource";
  private static final String COMMIT_METADATA = "spark.databricks.delta.commitInfo.userMetadata";

  private final String target;
  private final boolean table;
  private final String format;
  private final String mode;
  private final List<String> partitionBy;
  private final String mergeKey;

  public OutputSink(String path, String format, String mode) {
    this(path, false, format, mode, List.of(), "id");
  }

  private OutputSink(String target, boolean table, String format, String mode, List<String> partitionBy, String mergeKey) {
    this.target = target;
    this.table = table;
    this.format = format.toLowerCase(Locale.ROOT);
    this.mode = mode.toLowerCase(Locale.ROOT);
    this.partitionBy = List.copyOf(partitionBy);
    this.mergeKey = mergeKey;
    if (!FORMATS.contains(this.format)) {
      throw SparkScoreException.user("output format '%s' is not one of %s", format, FORMATS);
    }
    if (!MODES.contains(this.mode)) {
      throw SparkScoreException.user("write mode '%s' is not one of %s", mode, MODES);
    }
    if ((table || this.mode.equals("merge")) && !this.format.equals("delta")) {
      throw SparkScoreException.user("%s needs the delta format, not %s",
          table ? "writing to a catalog table" : "write mode merge", format);
    }
  }

  /** A Delta table in the session's catalog, created by the first write. */
  public static OutputSink table(String name, String mode) {
    return new OutputSink(name, true, "delta", mode, List.of(), "id");
  }

  /** This sink, writing one directory per value of {@code columns} (new tables only, for Delta). */
  public OutputSink partitionBy(List<String> columns) {
    return new OutputSink(target, table, format, mode, columns, mergeKey);
  }

  /** This sink, matching rows on {@code idColumn} in merge mode (default {@code id}). */
  public OutputSink mergeOn(String idColumn) {
    return new OutputSink(target, table, format, mode, partitionBy, idColumn);
  }

  /** The path, or the table name for catalog tables. */
  public String path() {
    return target;
  }

  public boolean isTable() {
    return table;
  }

  public String format() {
    return format;
  }

  public String mode() {
    return mode;
  }

  public void write(Dataset<Row> result) {
    write(result, "");
  }

  /** Writes {@code result}; {@code note} (e.g. a run id) goes into the Delta commit's userMetadata. */
  public void write(Dataset<Row> result, String note) {
    SparkSession spark = result.sparkSession();
    boolean exists = (table || mode.equals("merge")) && exists(spark);
    Map<String, String> settings = new java.util.HashMap<>();
    if (format.equals("delta") && !note.isEmpty()) {
      settings.put(COMMIT_METADATA, note);
    }
    if (mode.equals("merge") && exists) {
      settings.put(MATERIALIZE_SOURCE, "all");
    }
    withConf(spark.conf(), settings, () -> {
      if (mode.equals("merge") && exists) {
        merge(result);
      } else if (table) {
        writeTable(result, exists);
      } else {
        writePath(result);
      }
    });
  }

  private void writePath(Dataset<Row> result) {
    DataFrameWriter<Row> writer = result.write().format(format)
        .mode(mode.equals("append") ? SaveMode.Append : SaveMode.Overwrite);
    if (!partitionBy.isEmpty()) {
      writer = writer.partitionBy(partitionBy.toArray(new String[0]));
    }
    if (format.equals("delta")) {
      writer = writer.option("overwriteSchema", String.valueOf(mode.equals("overwrite")));
    }
    writer.save(target);
  }

  /** Catalog tables go through the V2 writer, which creates, replaces or appends as a table operation. */
  private void writeTable(Dataset<Row> result, boolean exists) {
    try {
      if (exists && mode.equals("append")) {
        result.writeTo(target).append();
        return;
      }
      CreateTableWriter<Row> writer = result.writeTo(target).using("delta");
      if (!partitionBy.isEmpty()) {
        List<Column> columns = partitionBy.stream().map(functions::col).toList();
        writer = writer.partitionedBy(columns.get(0),
            ScalaSeqs.toScala(columns.subList(1, columns.size())));
      }
      if (exists) {
        writer.createOrReplace();
      } else {
        writer.create();
      }
    } catch (NoSuchTableException | TableAlreadyExistsException e) {
      throw SparkScoreException.user(e, "output table %s was created or dropped by someone else during this run: %s",
          target, e.getMessage());
    }
  }

  public boolean exists(SparkSession spark) {
    return table ? spark.catalog().tableExists(target) : DeltaTable.isDeltaTable(spark, target);
  }

  private void merge(Dataset<Row> result) {
    SparkSession spark = result.sparkSession();
    DeltaTable delta = table ? DeltaTable.forName(spark, target) : DeltaTable.forPath(spark, target);
    String key = "`" + mergeKey.replace("`", "``") + "`";
    try {
      delta.as("t")
          .merge(result.as("s"), "t." + key + " = s." + key)
          .whenMatched().updateAll()
          .whenNotMatched().insertAll()
          .withSchemaEvolution()
          .execute();
    } catch (RuntimeException e) {
      if (String.valueOf(e.getMessage()).contains("DELTA_MULTIPLE_SOURCE_ROW_MATCHING_TARGET_ROW_IN_MERGE")) {
        throw SparkScoreException.user(e,
            "merge into %s: several input rows share an id in column '%s'; ids must be unique to upsert (nothing was written)",
            target, mergeKey);
      }
      throw e;
    }
  }

  /** Runs {@code action} with session settings changed, restoring the previous values after. */
  private static void withConf(RuntimeConfig conf, Map<String, String> settings, Runnable action) {
    List<Map.Entry<String, scala.Option<String>>> previous = new ArrayList<>();
    settings.forEach((k, v) -> {
      previous.add(Map.entry(k, conf.getOption(k)));
      conf.set(k, v);
    });
    try {
      action.run();
    } finally {
      for (var entry : previous) {
        if (entry.getValue().isDefined()) {
          conf.set(entry.getKey(), entry.getValue().get());
        } else {
          conf.unset(entry.getKey());
        }
      }
    }
  }

  /** Rows read back from the output (all of them: later runs filter by their run id). */
  public Dataset<Row> read(SparkSession spark) {
    return table ? spark.table(target) : spark.read().format(format).load(target);
  }

  /**
   * Records {@code properties} on the Delta table (ignored for Parquet and JSON, which have none):
   * what produced its last write, in the {@code properties} of {@code DESCRIBE DETAIL}.
   */
  public void setProperties(SparkSession spark, Map<String, String> properties) {
    if (!format.equals("delta") || properties.isEmpty()) {
      return;
    }
    List<String> pairs = new ArrayList<>();
    properties.forEach((k, v) -> pairs.add(sqlString(k) + " = " + sqlString(v)));
    spark.sql("ALTER TABLE " + identifier() + " SET TBLPROPERTIES (" + String.join(", ", pairs) + ")");
  }

  /** Properties of the Delta table as it is now. */
  public Map<String, String> properties(SparkSession spark) {
    DeltaTable delta = table ? DeltaTable.forName(spark, target) : DeltaTable.forPath(spark, target);
    Row detail = delta.detail().first();
    return detail.getJavaMap(detail.fieldIndex("properties"));
  }

  /** The table's directory: the path itself, or a catalog table's location. */
  public String location(SparkSession spark) {
    if (!table) {
      return target;
    }
    return DeltaTable.forName(spark, target).detail().select("location").first().getString(0);
  }

  private String identifier() {
    return table ? target : "delta.`" + target.replace("`", "``") + "`";
  }

  private static String sqlString(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
