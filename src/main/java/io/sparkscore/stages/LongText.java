package io.sparkscore.stages;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * What a model stage does with text longer than its window (the {@code longText} param), and how
 * the values of a chunked text's windows become one value.
 */
final class LongText {
  static final String TRUNCATE = "truncate";
  static final String CHUNK = "chunk";
  static final String[] MODES = {TRUNCATE, CHUNK};
  /** Windows weighted by their token count (special tokens included; shared stride tokens count in both). */
  static final String MEAN = "mean";
  /** Each element's highest value in any window. */
  static final String MAX = "max";

  private LongText() {}

  /** The windows' values, each first mapped by {@code score}, combined by {@code aggregation}. */
  static double[] combine(List<RowScorer.Scored> windows, String aggregation, Function<float[], double[]> score) {
    double[] out = null;
    long weight = 0;
    for (RowScorer.Scored window : windows) {
      double[] v = score.apply(window.value());
      int tokens = window.encoding().getIds().length;
      if (out == null) {
        out = new double[v.length];
        Arrays.fill(out, aggregation.equals(MAX) ? Double.NEGATIVE_INFINITY : 0.0);
      }
      for (int i = 0; i < out.length; i++) {
        out[i] = aggregation.equals(MAX) ? Math.max(out[i], v[i]) : out[i] + v[i] * tokens;
      }
      weight += tokens;
    }
    if (aggregation.equals(MEAN)) {
      for (int i = 0; i < out.length; i++) {
        out[i] /= Math.max(weight, 1);
      }
    }
    return out;
  }

  /** Vectors as they are. */
  static double[] identity(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = values[i];
    }
    return out;
  }
}
