package io.sparkscore.io;

import io.sparkscore.SparkScoreException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a job's input: JSON lines, CSV/TSV, Parquet, Delta or plain text (one document per line,
 * with ids generated from line numbers), chosen by {@code --input-format} or the path.
 */
public final class InputSource {
  public static final List<String> FORMATS = List.of("json", "csv", "tsv", "parquet", "delta", "text");
  /** Spark's column for records it could not parse. */
  private static final String CORRUPT = "_corrupt_record";

  private final String path;
  private final String format;

  private InputSource(String path, String format) {
    this.path = path;
    this.format = format;
  }

  public static InputSource of(String path, String explicitFormat) {
    String format = explicitFormat != null ? explicitFormat.toLowerCase(Locale.ROOT) : guessFormat(path);
    if (!FORMATS.contains(format)) {
      throw SparkScoreException.user("input format '%s' is not one of %s", format, FORMATS);
    }
    return new InputSource(path, format);
  }

  static String guessFormat(String path) {
    String lower = path.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
    if (lower.endsWith(".jsonl") || lower.endsWith(".json") || lower.endsWith(".ndjson")) {
      return "json";
    }
    if (lower.endsWith(".csv")) {
      return "csv";
    }
    if (lower.endsWith(".tsv")) {
      return "tsv";
    }
    if (lower.endsWith(".parquet")) {
      return "parquet";
    }
    if (lower.endsWith(".txt") || lower.endsWith(".text")) {
      return "text";
    }
    java.nio.file.Path local = java.nio.file.Paths.get(path.startsWith("file:") ? path.substring(5) : path);
    if (java.nio.file.Files.isDirectory(local.resolve("_delta_log"))) {
      return "delta";
    }
    if (java.nio.file.Files.isDirectory(local)) {
      try (var files = java.nio.file.Files.list(local)) {
        if (files.anyMatch(f -> f.getFileName().toString().endsWith(".parquet"))) {
          return "parquet";
        }
      } catch (java.io.IOException e) {
        throw SparkScoreException.user(e, "cannot list input directory %s: %s", path, e.getMessage());
      }
    }
    throw SparkScoreException.user(
        "cannot tell the format of input %s from its name; pass --input-format (one of %s)", path, FORMATS);
  }

  public String format() {
    return format;
  }

  public String path() {
    return path;
  }

  /** A catalog table (any name Spark resolves, including {@code delta.`/some/path`}). */
  public static InputSource table(String name) {
    return new InputSource(name, "table");
  }

  /**
   * What a job takes from its input: the id and text columns, rows matching {@code filter} (SQL,
   * empty for all), at most {@code limit} of them (0 for all), and {@code keep}: other columns to
   * carry through.
   */
  public record Selection(
      String textCol, String idCol, boolean idColGiven, String filter, long limit, List<String> keep) {
    public Selection {
      keep = List.copyOf(keep);
    }

    public static Selection of(String textCol, String idCol, boolean idColGiven) {
      return new Selection(textCol, idCol, idColGiven, "", 0, List.of());
    }
  }

  /**
   * The input with {@code idCol} and {@code textCol}. Without an id column (plain text, or files with
   * none and no {@code --id-col}) ids are 0-based line/row numbers, malformed records included, so a
   * record keeps its id once its file is fixed. JSON and CSV/TSV records Spark cannot parse, and every
   * record of a CSV file whose quoting is broken, are left out and counted by a new {@link RowAccounting}.
   */
  public Dataset<Row> read(SparkSession spark, String textCol, String idCol, boolean idColGiven) {
    return read(spark, Selection.of(textCol, idCol, idColGiven), RowAccounting.register(spark));
  }

  /** The selected rows and columns: id, text, then the kept columns; left-out records counted in {@code accounting}. */
  public Dataset<Row> read(SparkSession spark, Selection selection, RowAccounting accounting) {
    Dataset<Row> raw =
        switch (format) {
          case "json" -> spark.read().option("mode", "PERMISSIVE").option("columnNameOfCorruptRecord", CORRUPT)
              .json(path);
          case "csv" -> delimited(spark, ",", "\"");
          case "tsv" -> delimited(spark, "\t", "");
          case "parquet" -> spark.read().parquet(path);
          case "delta" -> spark.read().format("delta").load(path);
          case "table" -> spark.table(path);
          default -> spark.read().text(path).withColumnRenamed("value", selection.textCol());
        };
    return select(spark, raw, selection, accounting);
  }

  /**
   * The input as a stream of appended rows, for incremental runs; only Delta tables qualify because
   * their log says exactly which rows are new.
   */
  public Dataset<Row> readStream(SparkSession spark) {
    return switch (format) {
      case "delta" -> spark.readStream().format("delta").load(path);
      case "table" -> spark.readStream().table(path);
      default -> throw SparkScoreException.user("incremental runs read a Delta table; input %s is %s", path, format);
    };
  }

  /**
   * Applies {@code selection} to rows read from this input (a whole read or one micro-batch): the
   * malformed records are numbered with the rest, then left out and counted, before the filter.
   */
  public Dataset<Row> select(SparkSession spark, Dataset<Row> raw, Selection selection, RowAccounting accounting) {
    String textCol = selection.textCol();
    String idCol = selection.idCol();
    if (raw.columns().length == 0) {
      // A JSON or CSV input without records has no columns to infer: it is an empty input, not one
      // that lacks a text column.
      raw = spark.createDataFrame(List.of(), emptySchema(selection));
    }
    List<String> columns = Arrays.stream(raw.columns()).filter(c -> !c.equals(CORRUPT)).toList();
    if (!columns.contains(textCol)) {
      throw SparkScoreException.user(
          "input %s has no text column '%s' (columns: %s); pass --text-col", path, textCol, String.join(", ", columns));
    }
    if (!raw.schema().apply(textCol).dataType().sameType(DataTypes.StringType)) {
      raw = raw.withColumn(textCol, raw.col(textCol).cast(DataTypes.StringType));
    }
    if (!columns.contains(idCol) && selection.idColGiven()) {
      throw SparkScoreException.user(
          "input %s has no id column '%s' (columns: %s)", path, idCol, String.join(", ", columns));
    }
    for (String keep : selection.keep()) {
      if (!columns.contains(keep)) {
        throw SparkScoreException.user(
            "input %s has no column '%s' to keep (columns: %s)", path, keep, String.join(", ", columns));
      }
    }
    raw = markMalformed(spark, raw);
    if (!columns.contains(idCol)) {
      raw = withLineNumbers(spark, raw, idCol);
    }
    raw = accounting.dropMalformed(raw);
    if (!selection.filter().isEmpty()) {
      raw = filter(raw, selection.filter());
    }
    if (selection.limit() > 0) {
      raw = raw.limit((int) Math.min(Integer.MAX_VALUE, selection.limit()));
    }
    List<Column> selected = new ArrayList<>(List.of(raw.col(idCol), raw.col(textCol)));
    for (String keep : selection.keep()) {
      selected.add(raw.col(keep));
    }
    return raw.select(selected.toArray(new Column[0]));
  }

  /** The string columns an input with no records stands for: its text, its id when one is named, and the kept ones. */
  private static StructType emptySchema(Selection selection) {
    StructType schema = new StructType().add(selection.textCol(), DataTypes.StringType);
    if (selection.idColGiven()) {
      schema = schema.add(selection.idCol(), DataTypes.StringType);
    }
    for (String keep : selection.keep()) {
      schema = schema.add(keep, DataTypes.StringType);
    }
    return schema;
  }

  private Dataset<Row> filter(Dataset<Row> raw, String condition) {
    try {
      return raw.filter(condition);
    } catch (Exception e) {
      // AnalysisException is checked in Java's eyes, yet Scala methods never declare it.
      if (e instanceof AnalysisException analysis) {
        throw SparkScoreException.user(analysis, "input filter '%s' does not apply to input %s: %s",
            condition, path, analysis.getSimpleMessage());
      }
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  /**
   * CSV or TSV with a header, every column a string, read with Spark's corrupt-record column so that
   * records with the wrong number of fields are flagged rather than padded or cut.
   */
  private Dataset<Row> delimited(SparkSession spark, String separator, String quote) {
    var reader = spark.read().option("header", "true").option("sep", separator).option("quote", quote);
    if (!quote.isEmpty()) {
      reader = reader.option("multiLine", "true").option("escape", quote);
    }
    StructType schema = new StructType();
    for (String column : reader.csv(path).columns()) {
      schema = schema.add(column, DataTypes.StringType);
    }
    if (schema.isEmpty()) {
      return spark.emptyDataFrame(); // no header line: no records either
    }
    return reader.schema(schema.add(CORRUPT, DataTypes.StringType))
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", CORRUPT)
        .csv(path);
  }

  /** Adds why each record is malformed (null when it is not), its raw text and its file. */
  private Dataset<Row> markMalformed(SparkSession spark, Dataset<Row> raw) {
    Column file = functions.input_file_name();
    Column reason = functions.lit(null).cast(DataTypes.StringType);
    Column record = functions.lit(null).cast(DataTypes.StringType);
    if (Arrays.asList(raw.columns()).contains(CORRUPT)) {
      reason = functions.when(raw.col(CORRUPT).isNotNull(), "unparsable " + format + " record");
      record = raw.col(CORRUPT);
    }
    if (format.equals("csv")) {
      // input_file_name() and Hadoop's listing spell the scheme differently: compare paths.
      Column filePath = functions.regexp_replace(file, "^[a-zA-Z][a-zA-Z0-9+.-]*:(//[^/]*)?", "");
      for (MalformedInput.Problem problem : MalformedInput.brokenQuoting(spark, path, ',').values()) {
        String brokenPath = new org.apache.hadoop.fs.Path(problem.file()).toUri().getRawPath();
        reason = functions.when(filePath.equalTo(brokenPath), "broken quoting at " + problem).otherwise(reason);
      }
    }
    return raw.withColumn(RowAccounting.MALFORMED_COL, reason)
        .withColumn(RowAccounting.RECORD_COL, record)
        .withColumn(RowAccounting.FILE_COL, file)
        .drop(CORRUPT);
  }

  /** Adds 0-based row numbers in file order: stable across reruns of the same input. */
  private static Dataset<Row> withLineNumbers(SparkSession spark, Dataset<Row> raw, String idCol) {
    StructType schema = new StructType().add(idCol, DataTypes.LongType, false);
    for (var field : raw.schema().fields()) {
      schema = schema.add(field);
    }
    JavaRDD<Row> numbered =
        raw.javaRDD()
            .zipWithIndex()
            .map(
                pair -> {
                  Row row = pair._1();
                  Object[] values = new Object[row.size() + 1];
                  values[0] = pair._2();
                  for (int i = 0; i < row.size(); i++) {
                    values[i + 1] = row.get(i);
                  }
                  return RowFactory.create(values);
                });
    return spark.createDataFrame(numbered, schema);
  }
}
