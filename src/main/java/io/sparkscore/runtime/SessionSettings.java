package io.sparkscore.runtime;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * How an ONNX Runtime session is built. {@code intraOpThreads} 0 derives the count inside a Spark
 * task from its executor's cores and its stage's concurrent tasks ({@link io.sparkscore.Environment#threadsForTask}, which the Spark host answers);
 * outside Spark it leaves ONNX Runtime's default (all cores).
 */
public record SessionSettings(
    int intraOpThreads,
    String optimization,
    boolean memoryPattern,
    boolean cpuArena,
    DeviceRequest device,
    CudaSettings cuda)
    implements Serializable {

  public static final List<String> OPTIMIZATIONS = List.of("all", "extended", "basic", "none");
  public static final SessionSettings DEFAULTS =
      new SessionSettings(0, "all", true, true, DeviceRequest.AUTO, CudaSettings.DEFAULTS);

  public SessionSettings {
    if (intraOpThreads < 0) {
      throw new IllegalArgumentException("intraOpThreads must be >= 0 (0 = derived from the task's cores), got " + intraOpThreads);
    }
    optimization = optimization.toLowerCase(Locale.ROOT);
    if (!OPTIMIZATIONS.contains(optimization)) {
      throw new IllegalArgumentException("optimization must be one of " + OPTIMIZATIONS + ", got '" + optimization + "'");
    }
  }

  public SessionSettings withDevice(DeviceRequest value) {
    return new SessionSettings(intraOpThreads, optimization, memoryPattern, cpuArena, value, cuda);
  }

  public SessionSettings withIntraOpThreads(int value) {
    return new SessionSettings(value, optimization, memoryPattern, cpuArena, device, cuda);
  }
}
