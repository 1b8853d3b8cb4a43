package io.sparkscore.runtime;

import java.io.Serializable;
import java.util.Locale;

/**
 * What the user asked for: {@code auto} (the task's GPU when Spark assigned one or a device id is
 * set, CPU otherwise, falling back to CPU with a warning when CUDA fails), {@code cpu}, or
 * {@code cuda} (a GPU is required: no fallback). {@code deviceId} -1 means "not set".
 */
public record DeviceRequest(Mode mode, int deviceId) implements Serializable {

  public enum Mode {
    AUTO,
    CPU,
    CUDA
  }

  public static final DeviceRequest AUTO = new DeviceRequest(Mode.AUTO, -1);
  public static final DeviceRequest CPU = new DeviceRequest(Mode.CPU, -1);

  public DeviceRequest {
    if (deviceId < -1) {
      throw new IllegalArgumentException("deviceId must be >= 0, or -1 for none, got " + deviceId);
    }
  }

  /** Parses {@code auto}, {@code cpu}, {@code cuda} or {@code cuda:N}. */
  public static DeviceRequest parse(String text) {
    String value = text == null ? "auto" : text.trim().toLowerCase(Locale.ROOT);
    if (value.startsWith("cuda:")) {
      int index;
      try {
        index = Integer.parseInt(value.substring(5));
      } catch (NumberFormatException e) {
        index = -1;
      }
      if (index < 0) {
        throw new IllegalArgumentException("device '" + text + "': expected cuda:N with N a GPU index (0, 1, ...)");
      }
      return new DeviceRequest(Mode.CUDA, index);
    }
    return switch (value) {
      case "auto" -> AUTO;
      case "cpu" -> CPU;
      case "cuda", "gpu" -> new DeviceRequest(Mode.CUDA, -1);
      default -> throw new IllegalArgumentException(
          "device '" + text + "' is not one of auto, cpu, cuda, cuda:N");
    };
  }

  @Override
  public String toString() {
    String name = mode.name().toLowerCase(Locale.ROOT);
    return deviceId >= 0 ? name + ":" + deviceId : name;
  }
}
