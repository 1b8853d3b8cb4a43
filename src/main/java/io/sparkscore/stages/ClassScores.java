package io.sparkscore.stages;

import java.util.Arrays;
import java.util.Comparator;

/** Score functions over logits and best-first ordering, as Hugging Face's pipelines compute them. */
final class ClassScores {
  static final String SOFTMAX = "softmax";
  static final String SIGMOID = "sigmoid";
  static final String NONE = "none";

  private ClassScores() {}

  /** Applies {@code function} (softmax, sigmoid or none) to the logits. */
  static double[] apply(String function, float[] logits) {
    double[] values = new double[logits.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = logits[i];
    }
    return switch (function) {
      case SOFTMAX -> softmax(values);
      case SIGMOID -> sigmoid(values);
      case NONE -> values;
      default -> throw new IllegalArgumentException("unknown score function " + function);
    };
  }

  /** exp(x - max) / sum, in place; the shift keeps large logits finite. */
  static double[] softmax(double[] values) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (int i = 0; i < values.length; i++) {
      values[i] = Math.exp(values[i] - max);
      sum += values[i];
    }
    for (int i = 0; i < values.length; i++) {
      values[i] /= sum;
    }
    return values;
  }

  static double[] sigmoid(double[] values) {
    for (int i = 0; i < values.length; i++) {
      values[i] = 1.0 / (1.0 + Math.exp(-values[i]));
    }
    return values;
  }

  /** Indices of {@code scores}, highest first; ties keep index order, as Python's stable sort does. */
  static Integer[] bestFirst(double[] scores) {
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
    return order;
  }
}
