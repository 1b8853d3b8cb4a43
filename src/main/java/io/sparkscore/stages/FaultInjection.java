package io.sparkscore.stages;

import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;

/**
 * A switch for fault-tolerance tests: with the Spark conf key {@value #KEY} set to a fraction, the
 * first attempt of about that fraction of scoring tasks fails after producing all of its rows, so
 * Spark must retry them and the sink must discard what they wrote. Later attempts run normally;
 * the default 0 never fails anything.
 */
final class FaultInjection {
  static final String KEY = "spark.sparkscore.test.failFirstAttempts";

  private FaultInjection() {}

  /** Fails the running task if it is one of the chosen first attempts. */
  static void afterLastRow() {
    TaskContext task = TaskContext.get();
    SparkEnv env = SparkEnv.get();
    if (task == null || env == null || task.attemptNumber() > 0) {
      return;
    }
    double fraction = env.conf().getDouble(KEY, 0.0);
    // The golden ratio spreads consecutive partitions evenly over [0, 1).
    double position = (task.partitionId() * 0.6180339887498949) % 1.0;
    if (position < fraction) {
      throw new IllegalStateException(String.format(
          "injected failure (%s=%s) of partition %d, attempt %d", KEY, fraction, task.partitionId(),
          task.attemptNumber()));
    }
  }
}
