package io.sparkscore.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts sequences into batches. With {@code sortByLength} the sequences of a window are ordered by
 * token count first, so each batch pads to a length close to all of its rows; either way a batch
 * closes before it exceeds {@code maxRows} rows or {@code maxTokens} padded tokens (rows × longest).
 * A single sequence longer than the budget still gets a batch of its own.
 */
public final class BatchPlanner {
  private BatchPlanner() {}

  public static List<int[]> plan(int[] lengths, int maxRows, int maxTokens, boolean sortByLength) {
    if (maxRows <= 0 || maxTokens <= 0) {
      throw new IllegalArgumentException("maxRows and maxTokens must be > 0, got " + maxRows + ", " + maxTokens);
    }
    int[] order = sortByLength ? byLength(lengths) : identity(lengths.length);
    List<int[]> batches = new ArrayList<>();
    int[] current = new int[Math.min(maxRows, Math.max(1, lengths.length))];
    int count = 0;
    int longest = 0;
    for (int index : order) {
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

  private static int[] identity(int size) {
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    return order;
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
