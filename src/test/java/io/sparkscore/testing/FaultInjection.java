package io.sparkscore.testing;

import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.TaskContext;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;
import org.apache.spark.util.TaskCompletionListener;

/**
 * A Spark plugin for fault-tolerance tests, on the test classpath only: with
 * {@code spark.plugins=io.sparkscore.testing.FaultInjection} and the conf key {@value #KEY} set to a
 * fraction, the first attempt of about that fraction of the tasks that write rows fails after it
 * has written all of them, so Spark must retry them and the sink must discard what they wrote.
 * Later attempts run normally; the default 0 never fails anything.
 */
public final class FaultInjection implements SparkPlugin {
  public static final String KEY = "spark.sparkscore.test.failFirstAttempts";

  /** The JVM options that switch it on in a child JVM's embedded Spark. */
  public static String[] options(double fraction) {
    return new String[] {"-Dspark.plugins=" + FaultInjection.class.getName(), "-D" + KEY + "=" + fraction};
  }

  @Override
  public DriverPlugin driverPlugin() {
    return new DriverPlugin() {
      @Override
      public Map<String, String> init(SparkContext sc, PluginContext context) {
        return Map.of();
      }
    };
  }

  @Override
  public ExecutorPlugin executorPlugin() {
    return new ExecutorPlugin() {
      private double fraction;

      @Override
      public void init(PluginContext context, Map<String, String> extraConf) {
        fraction = context.conf().getDouble(KEY, 0.0);
      }

      @Override
      public void onTaskStart() {
        TaskContext task = TaskContext.get();
        if (task != null && task.attemptNumber() == 0) {
          task.addTaskCompletionListener((TaskCompletionListener) done -> failIfChosen(done, fraction));
        }
      }
    };
  }

  /** Runs once the task's body (scoring and writing) has finished, when its output metrics are final. */
  private static void failIfChosen(TaskContext task, double fraction) {
    if (task.isInterrupted() || task.taskMetrics().outputMetrics().recordsWritten() == 0) {
      return;
    }
    // The golden ratio spreads consecutive partitions evenly over [0, 1).
    double position = (task.partitionId() * 0.6180339887498949) % 1.0;
    if (position < fraction) {
      throw new IllegalStateException(String.format(
          "injected failure (%s=%s) of partition %d, attempt %d", KEY, fraction, task.partitionId(),
          task.attemptNumber()));
    }
  }
}
