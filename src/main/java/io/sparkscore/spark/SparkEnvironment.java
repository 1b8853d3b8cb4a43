package io.sparkscore.spark;

import io.sparkscore.Environment;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.apache.spark.resource.ResourceInformation;
import scala.Option;

/**
 * Spark as the {@link Environment} of the lower layers, registered in
 * {@code META-INF/services/io.sparkscore.Environment}: the same answers on the driver and on
 * executors, read from the running {@link SparkEnv} and {@link TaskContext}.
 */
public final class SparkEnvironment implements Environment {
  @Override
  public String conf(String key) {
    SparkEnv env = SparkEnv.get();
    return env == null ? null : env.conf().get(key, null);
  }

  @Override
  public int threadsForTask() {
    return SparkResources.threadsForTask();
  }

  @Override
  public List<String> taskGpuAddresses() {
    TaskContext task = TaskContext.get();
    if (task == null) {
      return List.of();
    }
    Option<ResourceInformation> gpu = task.resources().get("gpu");
    return gpu.isDefined() ? List.of(gpu.get().addresses()) : List.of();
  }

  @Override
  public Configuration hadoopConfiguration() {
    SparkEnv env = SparkEnv.get();
    return env == null ? new Configuration() : SparkHadoopUtil.get().newConfiguration(env.conf());
  }
}
