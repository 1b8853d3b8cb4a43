package io.sparkscore.runtime;

import java.util.Arrays;

/** A model output copied out of native memory: row-major values and their shape. */
public record FloatTensor(float[] data, long[] shape) {

  public int dim(int axis) {
    return (int) shape[axis];
  }

  public int rank() {
    return shape.length;
  }

  @Override
  public String toString() {
    return "FloatTensor" + Arrays.toString(shape);
  }
}
