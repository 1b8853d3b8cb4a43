package io.sparkscore.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Cuts sequences into batches; a batch never exceeds {@code maxRows} rows or {@code maxTokens}
 * padded tokens (rows × longest), except that a single sequence longer than the budget still gets a
 * batch of its own.
 *
 * <p>With {@code sortByLength} the sequences are ordered by token count and cut where it costs
 * least: the plan minimises the padded tokens computed plus {@code batchCost} per batch, the fixed
 * price of one session run counted in tokens. A small cost (CPU) lets similar lengths form batches
 * of their own, so padding all but vanishes; a large one (GPU, where a launch is dear) keeps batches
 * big. Without sorting, batches are cut greedily in input order.
 */
public final class BatchPlanner {
  private BatchPlanner() {}

  public static List<int[]> plan(int[] lengths, int maxRows, int maxTokens, boolean sortByLength, int batchCost) {
    if (maxRows <= 0 || maxTokens <= 0 || batchCost < 0) {
      throw new IllegalArgumentException("maxRows and maxTokens must be > 0 and batchCost >= 0, got "
          + maxRows + ", " + maxTokens + ", " + batchCost);
    }
    return sortByLength
        ? cheapestCuts(byLength(lengths), lengths, maxRows, maxTokens, batchCost)
        : greedyCuts(lengths, maxRows, maxTokens);
  }

  private static List<int[]> greedyCuts(int[] lengths, int maxRows, int maxTokens) {
    List<int[]> batches = new ArrayList<>();
    int[] current = new int[Math.min(maxRows, Math.max(1, lengths.length))];
    int count = 0;
    int longest = 0;
    for (int index = 0; index < lengths.length; index++) {
      int newLongest = Math.max(longest, Math.max(1, lengths[index]));
      if (count > 0 && (count == maxRows || (long) newLongest * (count + 1) > maxTokens)) {
        batches.add(Arrays.copyOf(current, count));
        count = 0;
        newLongest = Math.max(1, lengths[index]);
      }
      current[count++] = index;
      longest = newLongest;
    }
    if (count > 0) {
      batches.add(Arrays.copyOf(current, count));
    }
    return batches;
  }

  /**
   * Contiguous cuts of the length-ordered sequences with the least total cost. In ascending order a
   * batch's longest sequence is its last, so cost[i] (the best plan of the first i) is the cheapest
   * cost[j] + (i - j) × length[i - 1] + batchCost over the batch starts j the limits allow.
   */
  private static List<int[]> cheapestCuts(int[] order, int[] lengths, int maxRows, int maxTokens, int batchCost) {
    int n = order.length;
    long[] cost = new long[n + 1];
    int[] start = new int[n + 1];
    for (int i = 1; i <= n; i++) {
      long longest = Math.max(1, lengths[order[i - 1]]);
      cost[i] = Long.MAX_VALUE;
      for (int j = i - 1; j >= 0 && i - j <= maxRows && (j == i - 1 || (i - j) * longest <= maxTokens); j--) {
        long candidate = cost[j] + (i - j) * longest + batchCost;
        if (candidate <= cost[i]) { // on a tie, the bigger batch
          cost[i] = candidate;
          start[i] = j;
        }
      }
    }
    List<int[]> batches = new ArrayList<>();
    for (int i = n; i > 0; i = start[i]) {
      batches.add(Arrays.copyOfRange(order, start[i], i));
    }
    Collections.reverse(batches);
    return batches;
  }

  /**
   * Indices ordered by length, ties by index, so plans are deterministic. Sorting packed
   * (length, index) longs keeps the hot path free of boxed comparators.
   */
  private static int[] byLength(int[] lengths) {
    long[] keys = new long[lengths.length];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = ((long) Math.max(0, lengths[i]) << 32) | i;
    }
    Arrays.sort(keys);
    int[] order = new int[keys.length];
    for (int i = 0; i < keys.length; i++) {
      order[i] = (int) keys[i];
    }
    return order;
  }

  /** Padded tokens over real tokens, minus one: 0 means no padding at all. */
  public static double paddingWaste(int[] lengths, List<int[]> batches) {
    long real = 0;
    long padded = 0;
    for (int[] batch : batches) {
      int longest = 1;
      for (int i : batch) {
        longest = Math.max(longest, lengths[i]);
        real += lengths[i];
      }
      padded += (long) longest * batch.length;
    }
    return real == 0 ? 0.0 : (double) padded / real - 1.0;
  }
}
