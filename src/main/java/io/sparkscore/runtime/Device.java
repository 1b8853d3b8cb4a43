package io.sparkscore.runtime;

import java.io.Serializable;

/** Where a session runs: the CPU, or one CUDA device by index. */
public record Device(boolean cuda, int index) implements Serializable {
  public static final Device CPU = new Device(false, -1);

  public static Device cuda(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("CUDA device index must be >= 0, got " + index);
    }
    return new Device(true, index);
  }

  @Override
  public String toString() {
    return cuda ? "cuda:" + index : "cpu";
  }
}
