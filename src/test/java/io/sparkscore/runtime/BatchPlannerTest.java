package io.sparkscore.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchPlannerTest {

  @Test
  void unsortedBatchesKeepInputOrderAndCutAtMaxRows() {
    List<int[]> plan = BatchPlanner.plan(new int[] {5, 1, 4, 2, 3}, 2, 1_000, false);
    assertEquals(3, plan.size());
    assertArrayEquals(new int[] {0, 1}, plan.get(0));
    assertArrayEquals(new int[] {2, 3}, plan.get(1));
    assertArrayEquals(new int[] {4}, plan.get(2));
  }

  @Test
  void sortedBatchesGroupSimilarLengthsWithTiesInInputOrder() {
    List<int[]> plan = BatchPlanner.plan(new int[] {9, 3, 9, 3, 5, 3}, 3, 1_000, true);
    assertArrayEquals(new int[] {1, 3, 5}, plan.get(0));
    assertArrayEquals(new int[] {4, 0, 2}, plan.get(1));
  }

  @Test
  void everyIndexIsPlannedExactlyOnce() {
    Random random = new Random(7);
    int[] lengths = random.ints(1_000, 1, 257).toArray();
    for (boolean sort : new boolean[] {true, false}) {
      int[] seen = new int[lengths.length];
      for (int[] batch : BatchPlanner.plan(lengths, 64, 4_096, sort)) {
        for (int i : batch) {
          seen[i]++;
        }
      }
      assertTrue(Arrays.stream(seen).allMatch(n -> n == 1), "sort=" + sort);
    }
  }

  @Test
  void tokenBudgetCountsRowsTimesLongestAndLetsAnOverlongRowRunAlone() {
    // 3 rows of 4 fit a budget of 12; a 4th would make 16.
    List<int[]> plan = BatchPlanner.plan(new int[] {4, 4, 4, 4, 20, 1}, 10, 12, false);
    assertArrayEquals(new int[] {0, 1, 2}, plan.get(0));
    assertArrayEquals(new int[] {3}, plan.get(1));
    assertArrayEquals(new int[] {4}, plan.get(2), "longer than the budget: a batch of its own");
    assertArrayEquals(new int[] {5}, plan.get(3));
    for (int[] batch : plan) {
      int longest = Arrays.stream(batch).map(i -> new int[] {4, 4, 4, 4, 20, 1}[i]).max().orElseThrow();
      assertTrue(batch.length == 1 || batch.length * longest <= 12);
    }
  }

  @Test
  void paddingWasteIsPaddedOverRealMinusOne() {
    int[] lengths = {2, 4, 4};
    assertEquals(0.0, BatchPlanner.paddingWaste(lengths, List.of(new int[] {1, 2}, new int[] {0})), 1e-12);
    // One batch pads all three to 4: 12 computed for 10 real tokens.
    assertEquals(0.2, BatchPlanner.paddingWaste(lengths, List.of(new int[] {0, 1, 2})), 1e-12);
    assertEquals(0.0, BatchPlanner.paddingWaste(new int[0], List.of()), 1e-12);
  }

  @Test
  void sortingCutsPaddingOnMixedLengths() {
    int[] lengths = new Random(11).ints(2_048, 7, 161).toArray();
    double sorted = BatchPlanner.paddingWaste(lengths, BatchPlanner.plan(lengths, 64, 16_384, true));
    double unsorted = BatchPlanner.paddingWaste(lengths, BatchPlanner.plan(lengths, 64, 16_384, false));
    assertTrue(unsorted > 0.5, "random order pads a lot: " + unsorted);
    assertTrue(sorted < 0.05, "length-sorted batches pad little: " + sorted);
  }

  @Test
  void emptyInputPlansNothingAndBadLimitsAreRefused() {
    assertEquals(List.of(), BatchPlanner.plan(new int[0], 8, 100, true));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BatchPlanner.plan(new int[] {1}, 0, 100, true));
    assertEquals("maxRows and maxTokens must be > 0, got 0, 100", e.getMessage());
  }
}
