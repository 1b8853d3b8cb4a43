package io.sparkscore.stages;

import java.util.Arrays;
import java.util.List;

/**
 * What a model stage does with text longer than its window (the {@code longText} param), and how
 * the values of a chunked text's windows become one value.
 */
final class LongText {
  static final String TRUNCATE = "truncate";
  static final String CHUNK = "chunk";
  static final String[] MODES = {TRUNCATE, CHUNK};

  private LongText() {}

  /**
   * The windows' vectors averaged with each window's token count (special tokens included) as its
   * weight, so a short last window counts for what it holds; shared (stride) tokens count in both.
   */
  static float[] weightedMean(List<RowScorer.Scored> windows) {
    int width = windows.get(0).value().length;
    double[] sum = new double[width];
    long weight = 0;
    for (RowScorer.Scored window : windows) {
      int tokens = window.encoding().getIds().length;
      float[] v = window.value();
      for (int i = 0; i < width; i++) {
        sum[i] += (double) v[i] * tokens;
      }
      weight += tokens;
    }
    float[] out = new float[width];
    for (int i = 0; i < width; i++) {
      out[i] = (float) (sum[i] / Math.max(weight, 1));
    }
    return out;
  }

  /** The element-wise maximum of the windows' vectors. */
  static float[] max(List<RowScorer.Scored> windows) {
    float[] out = new float[windows.get(0).value().length];
    Arrays.fill(out, Float.NEGATIVE_INFINITY);
    for (RowScorer.Scored window : windows) {
      float[] v = window.value();
      for (int i = 0; i < out.length; i++) {
        out[i] = Math.max(out[i], v[i]);
      }
    }
    return out;
  }
}
