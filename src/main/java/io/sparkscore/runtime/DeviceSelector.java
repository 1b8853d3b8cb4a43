package io.sparkscore.runtime;

import io.sparkscore.Environment;
import io.sparkscore.SparkScoreException;
import java.util.List;

/**
 * Picks the device a task's session runs on. Order: the GPU Spark's scheduler assigned to the task
 * ({@code TaskContext.resources().get("gpu")}), else an explicit device id, else the CPU. A task
 * given several GPUs uses the first.
 */
public final class DeviceSelector {
  private DeviceSelector() {}

  public static Device select(DeviceRequest request, List<String> taskGpuAddresses) {
    if (request.mode() == DeviceRequest.Mode.CPU) {
      return Device.CPU;
    }
    if (taskGpuAddresses != null && !taskGpuAddresses.isEmpty()) {
      String address = taskGpuAddresses.get(0).trim();
      try {
        return Device.cuda(Integer.parseInt(address));
      } catch (NumberFormatException e) {
        throw new SparkScoreException(
            SparkScoreException.Kind.RESOURCES,
            "Spark assigned GPU address '" + address + "', which is not a CUDA device index; check the discovery script");
      }
    }
    if (request.deviceId() >= 0) {
      return Device.cuda(request.deviceId());
    }
    if (request.mode() == DeviceRequest.Mode.CUDA) {
      return Device.cuda(0);
    }
    return Device.CPU;
  }

  /** The GPU addresses the host (Spark) gave the running task, or an empty list outside a task. */
  public static List<String> taskGpuAddresses() {
    return Environment.current().taskGpuAddresses();
  }
}
