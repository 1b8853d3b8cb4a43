package io.sparkscore.stages;

/** The most probable tokens of one position's logits, as {@code logits.softmax(-1).topk(k)} gives them. */
final class TopTokens {
  private TopTokens() {}

  /**
   * Writes the {@code k} best (token id, probability) pairs of the {@code vocabulary} logits at
   * {@code offset}, best first, into {@code out} from {@code at}; probabilities are softmax over the
   * whole vocabulary, candidates only {@code targets} when not null. Ties go to the lower id.
   */
  static void select(float[] logits, long offset, int vocabulary, int[] targets, int k, float[] out, int at) {
    int base = Math.toIntExact(offset);
    double max = Double.NEGATIVE_INFINITY;
    for (int v = 0; v < vocabulary; v++) {
      max = Math.max(max, logits[base + v]);
    }
    double sum = 0;
    for (int v = 0; v < vocabulary; v++) {
      sum += Math.exp(logits[base + v] - max);
    }
    int[] bestIds = new int[k];
    float[] bestLogits = new float[k];
    int kept = 0;
    int candidates = targets != null ? targets.length : vocabulary;
    for (int c = 0; c < candidates; c++) {
      int id = targets != null ? targets[c] : c;
      float logit = logits[base + id];
      if (kept == k && !better(logit, id, bestLogits[k - 1], bestIds[k - 1])) {
        continue;
      }
      int slot = kept < k ? kept++ : k - 1;
      while (slot > 0 && better(logit, id, bestLogits[slot - 1], bestIds[slot - 1])) {
        bestIds[slot] = bestIds[slot - 1];
        bestLogits[slot] = bestLogits[slot - 1];
        slot--;
      }
      bestIds[slot] = id;
      bestLogits[slot] = logit;
    }
    for (int i = 0; i < kept; i++) {
      out[at + 2 * i] = bestIds[i];
      out[at + 2 * i + 1] = (float) (Math.exp(bestLogits[i] - max) / sum);
    }
  }

  private static boolean better(float logit, int id, float otherLogit, int otherId) {
    return logit > otherLogit || (logit == otherLogit && id < otherId);
  }
}
