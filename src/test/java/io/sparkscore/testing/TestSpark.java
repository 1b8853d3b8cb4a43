package io.sparkscore.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.spark.sql.SparkSession;

/** One local Spark session for the whole suite (with Delta), and paths to the test fixtures. */
public final class TestSpark {
  private static SparkSession session;

  private TestSpark() {}

  public static synchronized SparkSession session() {
    if (session == null) {
      session =
          SparkSession.builder()
              .master("local[2]")
              .appName("sparkscore-tests")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension,io.sparkscore.sql.SparkScoreExtensions")
              .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.driver.host", "127.0.0.1")
              .getOrCreate();
      session.sparkContext().setLogLevel("WARN");
    }
    return session;
  }

  /** The repository root (Surefire passes it; tests run from it otherwise). */
  public static Path repoRoot() {
    return Paths.get(System.getProperty("sparkscore.repo.root", ".")).toAbsolutePath().normalize();
  }

  /**
   * This Spark line's build directory, {@code target/spark-<line>} (Surefire passes it): classes, the
   * launcher's classpath files and test output.
   */
  public static Path buildDir() {
    String line = org.apache.spark.package$.MODULE$.SPARK_VERSION().startsWith("3.") ? "3.5" : "4";
    String dir = System.getProperty("sparkscore.build.dir");
    return dir != null ? Paths.get(dir).toAbsolutePath().normalize() : repoRoot().resolve("target/spark-" + line);
  }

  /** The Scala binary version Spark runs on here: 2.13 on the Spark 4 line, 2.12 on 3.5. */
  public static String scalaBinaryVersion() {
    return scala.util.Properties.versionNumberString().replaceAll("^(\\d+\\.\\d+).*", "$1");
  }

  /** A generated tiny model under src/test/resources/models. */
  public static String fixtureModel(String name) {
    return repoRoot().resolve("src/test/resources/models").resolve(name).toString();
  }

  /** A real model under ../shared/models, or null when this checkout has none. */
  public static Path sharedModel(String name) {
    Path path = repoRoot().resolve("../shared/models").resolve(name).normalize();
    return Files.isDirectory(path) ? path : null;
  }

  /** A corpus under ../shared/data, or null when absent. */
  public static Path sharedData(String relative) {
    Path path = repoRoot().resolve("../shared/data").resolve(relative).normalize();
    return Files.exists(path) ? path : null;
  }
}
