package io.sparkscore;

import java.util.ArrayList;
import java.util.List;

/**
 * Operator settings that hold in every JVM of a job: a system property, else the host's conf key
 * {@code spark.<name>} ({@link Environment#conf}), which Spark hands to executors too. (Spark refuses {@code -Dspark…} options
 * in {@code spark.executor.extraJavaOptions}, which {@code -Dsparkscore…} matches, so on a cluster
 * the conf key is the way.)
 */
public final class Settings {
  private Settings() {}

  /** The comma-separated values of setting {@code name}; empty when unset. */
  public static List<String> list(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      value = Environment.current().conf("spark." + name);
    }
    List<String> values = new ArrayList<>();
    if (value != null) {
      for (String part : value.split(",")) {
        if (!part.isBlank()) {
          values.add(part.trim());
        }
      }
    }
    return values;
  }
}
