package io.sparkscore.cli;

import io.sparkscore.sql.SparkScoreExtensions;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** The SparkSession every command runs in. */
public final class Sessions {
  private Sessions() {}

  /**
   * The session: under spark-submit, the one it configured; from the launcher, an embedded
   * {@code local[*]} one. Delta's and SparkScore's SQL extensions are always enabled.
   */
  public static SparkSession session(String appName) {
    return session(appName, "local[*]", Map.of(), System.getProperty("sparkscore.spark.log.level", "WARN"));
  }

  /**
   * The session with a job's settings: {@code master} applies only outside spark-submit (which
   * sets its own), {@code conf} always.
   */
  public static SparkSession session(String appName, String master, Map<String, String> conf, String logLevel) {
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName(appName)
            .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension," + SparkScoreExtensions.class.getName())
            .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    if (System.getProperty("spark.master") == null) {
      builder.master(master).config("spark.ui.enabled", "false");
    }
    conf.forEach(builder::config);
    SparkSession spark = builder.getOrCreate();
    spark.sparkContext().setLogLevel(logLevel);
    return spark;
  }
}
