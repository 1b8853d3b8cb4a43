package io.sparkscore;

import java.util.List;
import java.util.ServiceLoader;
import org.apache.hadoop.conf.Configuration;

/**
 * What the JVM's host (Spark, or nothing) tells the model, tokenizer and ONNX layers, which must not
 * depend on Spark themselves: settings, the running task's share of cores and GPUs, and the Hadoop
 * configuration for model URIs. The host registers an implementation with {@link ServiceLoader}
 * ({@code META-INF/services/io.sparkscore.Environment}); the jar ships the Spark one, so executors
 * find it without any setup. Without one, the plain-JVM answers below hold.
 */
public interface Environment {
  /** The host's value of configuration key {@code key} (for Spark: its conf), or null. */
  default String conf(String key) {
    return null;
  }

  /** Intra-op threads a session opened by the running task should use; 0 means ONNX Runtime's default (all cores). */
  default int threadsForTask() {
    return 0;
  }

  /** The GPU addresses the host assigned to the running task; empty outside a task. */
  default List<String> taskGpuAddresses() {
    return List.of();
  }

  /** The Hadoop configuration to open model URIs with. */
  default Configuration hadoopConfiguration() {
    return new Configuration();
  }

  /** The registered host, else the plain JVM. */
  static Environment current() {
    return Holder.CURRENT;
  }

  /** Loaded once per JVM: the lookup scans the classpath. */
  final class Holder {
    private static final Environment CURRENT =
        ServiceLoader.load(Environment.class, Environment.class.getClassLoader()).findFirst().orElse(new Environment() {});

    private Holder() {}
  }
}
