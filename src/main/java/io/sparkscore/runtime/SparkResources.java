package io.sparkscore.runtime;

import org.apache.spark.SparkEnv;

/** What the surrounding Spark runtime grants a task, read the same way on the driver and executors. */
public final class SparkResources {
  private SparkResources() {}

  /**
   * Cores one task holds ({@code spark.task.cpus}, default 1) inside Spark, so concurrent tasks do
   * not oversubscribe the executor; 0 (ONNX Runtime's own default: all cores) outside Spark.
   */
  public static int taskCpus() {
    SparkEnv env = SparkEnv.get();
    return env == null ? 0 : env.conf().getInt("spark.task.cpus", 1);
  }
}
