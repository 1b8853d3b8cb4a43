package io.sparkscore.spark;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;

/** What the surrounding Spark runtime grants a task, read the same way on the driver and executors. */
public final class SparkResources {
  private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\s*\\d+)?])?");
  private static final Pattern LOCAL_CLUSTER = Pattern.compile("local-cluster\\[\\s*\\d+\\s*,\\s*(\\d+)\\s*,.*]");

  private SparkResources() {}

  /**
   * Cores one task holds ({@code spark.task.cpus}, default 1) inside Spark, so concurrent tasks do
   * not oversubscribe the executor; 0 (ONNX Runtime's own default: all cores) outside Spark.
   */
  public static int taskCpus() {
    SparkEnv env = SparkEnv.get();
    return env == null ? 0 : env.conf().getInt("spark.task.cpus", 1);
  }

  /**
   * Intra-op threads for the running task: its executor's cores shared by the tasks of its stage
   * that can run there at once, never fewer than the task's {@code spark.task.cpus}. A stage with
   * as many partitions as task slots gets {@code spark.task.cpus} per task; one with fewer (a small
   * Parquet file is a single partition) gets the cores that would otherwise idle. Outside a task
   * this is {@link #taskCpus()}.
   */
  public static int threadsForTask() {
    TaskContext task = TaskContext.get();
    SparkEnv env = SparkEnv.get();
    if (task == null || env == null) {
      return taskCpus();
    }
    SparkConf conf = env.conf();
    return threadsPerTask(executorCores(conf, conf.get("spark.master", "")), task.cpus(), task.numPartitions());
  }

  /**
   * The rule behind {@link #threadsForTask()}. {@code executorCores} 0 means unknown. Which
   * executors the other tasks land on is unknown too, so all of them are counted against this one:
   * the rule may leave cores idle but never oversubscribes.
   */
  static int threadsPerTask(int executorCores, int taskCpus, int partitions) {
    int cpus = Math.max(1, taskCpus);
    if (executorCores < cpus) {
      return cpus;
    }
    int concurrent = Math.max(1, Math.min(executorCores / cpus, partitions));
    return Math.max(cpus, executorCores / concurrent);
  }

  /**
   * Cores of one executor: N of {@code local[N]} ({@code local[*]}: this machine's), C of
   * {@code local-cluster[E,C,M]}, else {@code spark.executor.cores}; 0 when the conf does not say.
   */
  static int executorCores(SparkConf conf, String master) {
    Matcher local = LOCAL.matcher(master);
    if (local.matches()) {
      String n = local.group(1);
      if (n == null) {
        return 1;
      }
      return n.equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(n);
    }
    Matcher cluster = LOCAL_CLUSTER.matcher(master);
    if (cluster.matches()) {
      return Integer.parseInt(cluster.group(1));
    }
    return conf.getInt("spark.executor.cores", 0);
  }
}
