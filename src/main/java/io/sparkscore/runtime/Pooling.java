package io.sparkscore.runtime;

import java.util.List;
import java.util.Locale;

/** Turns token vectors into one vector per sequence, as sentence-transformers' Pooling module does. */
public final class Pooling {
  public static final List<String> MODES = List.of("mean", "cls", "max", "pooler", "none");

  private Pooling() {}

  public static String checkMode(String mode) {
    String m = mode.toLowerCase(Locale.ROOT);
    if (!MODES.contains(m)) {
      throw new IllegalArgumentException("pooling '" + mode + "' is not one of " + MODES);
    }
    return m;
  }

  /** Attention-mask weighted mean of row {@code row}'s first {@code tokens} vectors of a [batch, seq, hidden] tensor. */
  public static float[] mean(FloatTensor states, int row, int tokens) {
    int seq = states.dim(1);
    int hidden = states.dim(2);
    float[] out = new float[hidden];
    int base = row * seq * hidden;
    double[] sum = new double[hidden];
    for (int t = 0; t < tokens; t++) {
      int offset = base + t * hidden;
      for (int h = 0; h < hidden; h++) {
        sum[h] += states.data()[offset + h];
      }
    }
    // sentence-transformers clamps the token count at 1e-9: an all-padding row pools to zeros.
    double count = Math.max(tokens, 1e-9);
    for (int h = 0; h < hidden; h++) {
      out[h] = (float) (sum[h] / count);
    }
    return out;
  }

  /** Element-wise max over the row's real tokens. */
  public static float[] max(FloatTensor states, int row, int tokens) {
    int seq = states.dim(1);
    int hidden = states.dim(2);
    float[] out = new float[hidden];
    java.util.Arrays.fill(out, tokens > 0 ? Float.NEGATIVE_INFINITY : 0f);
    int base = row * seq * hidden;
    for (int t = 0; t < tokens; t++) {
      int offset = base + t * hidden;
      for (int h = 0; h < hidden; h++) {
        out[h] = Math.max(out[h], states.data()[offset + h]);
      }
    }
    return out;
  }

  /** The first token's vector ([CLS] / {@code <s>}). */
  public static float[] cls(FloatTensor states, int row) {
    return tokens(states, row, 1);
  }

  /** The row's first {@code tokens} vectors, flattened (tokens × hidden). */
  public static float[] tokens(FloatTensor states, int row, int tokens) {
    int seq = states.dim(1);
    int hidden = states.dim(2);
    float[] out = new float[tokens * hidden];
    System.arraycopy(states.data(), row * seq * hidden, out, 0, tokens * hidden);
    return out;
  }

  /** Row {@code row} of a [batch, width] tensor. */
  public static float[] row(FloatTensor matrix, int row) {
    int width = matrix.dim(1);
    float[] out = new float[width];
    System.arraycopy(matrix.data(), row * width, out, 0, width);
    return out;
  }

  /** Divides by the L2 norm (clamped at 1e-12, as torch.nn.functional.normalize does), in place. */
  public static float[] normalize(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += (double) x * x;
    }
    double scale = 1.0 / Math.max(Math.sqrt(norm), 1e-12);
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (v[i] * scale);
    }
    return v;
  }
}
