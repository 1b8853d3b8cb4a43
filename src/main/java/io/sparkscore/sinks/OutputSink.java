package io.sparkscore.sinks;

import io.sparkscore.SparkScoreException;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/** Writes a job's result as a Delta table (the default), Parquet, or Spark's JSON-lines part files. */
public final class OutputSink {
  public static final List<String> FORMATS = List.of("delta", "parquet", "json");
  public static final List<String> MODES = List.of("overwrite", "append");

  private final String path;
  private final String format;
  private final String mode;

  public OutputSink(String path, String format, String mode) {
    this.path = path;
    this.format = format.toLowerCase(Locale.ROOT);
    this.mode = mode.toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(this.format)) {
      throw SparkScoreException.user("output format '%s' is not one of %s", format, FORMATS);
    }
    if (!MODES.contains(this.mode)) {
      throw SparkScoreException.user("write mode '%s' is not one of %s", mode, MODES);
    }
  }

  public String path() {
    return path;
  }

  public String format() {
    return format;
  }

  public String mode() {
    return mode;
  }

  public void write(Dataset<Row> result) {
    result.write()
        .format(format)
        .mode(mode.equals("append") ? SaveMode.Append : SaveMode.Overwrite)
        .save(path);
  }
}
