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
    List<int[]> plan = BatchPlanner.plan(new int[] {5, 1, 4, 2, 3}, 2, 1_000, false, 0);
    assertEquals(3, plan.size());
    assertArrayEquals(new int[] {0, 1}, plan.get(0));
    assertArrayEquals(new int[] {2, 3}, plan.get(1));
    assertArrayEquals(new int[] {4}, plan.get(2));
  }

  @Test
  void sortedBatchesGroupSimilarLengthsWithTiesInInputOrder() {
    List<int[]> plan = BatchPlanner.plan(new int[] {9, 3, 9, 3, 5, 3}, 3, 1_000, true, 8);
    assertArrayEquals(new int[] {1, 3, 5}, plan.get(0));
    assertArrayEquals(new int[] {4, 0, 2}, plan.get(1));
  }

  @Test
  void everyIndexIsPlannedExactlyOnce() {
    Random random = new Random(7);
    int[] lengths = random.ints(1_000, 1, 257).toArray();
    for (boolean sort : new boolean[] {true, false}) {
      int[] seen = new int[lengths.length];
      for (int[] batch : BatchPlanner.plan(lengths, 64, 4_096, sort, 8)) {
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
    List<int[]> plan = BatchPlanner.plan(new int[] {4, 4, 4, 4, 20, 1}, 10, 12, false, 0);
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
    double sorted = BatchPlanner.paddingWaste(lengths, BatchPlanner.plan(lengths, 64, 16_384, true, BatchSettings.CPU_BATCH_COST));
    double unsorted = BatchPlanner.paddingWaste(lengths, BatchPlanner.plan(lengths, 64, 16_384, false, BatchSettings.CPU_BATCH_COST));
    assertTrue(unsorted > 0.5, "random order pads a lot: " + unsorted);
    assertTrue(sorted < 0.05, "length-sorted batches pad little: " + sorted);
  }

  @Test
  void emptyInputPlansNothingAndBadLimitsAreRefused() {
    assertEquals(List.of(), BatchPlanner.plan(new int[0], 8, 100, true, 8));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BatchPlanner.plan(new int[] {1}, 0, 100, true, 8));
    assertEquals("maxRows and maxTokens must be > 0 and batchCost >= 0, got 0, 100, 8", e.getMessage());
  }

  @Test
  void sortedCutsWeighPaddingAgainstTheCostOfABatch() {
    int[] lengths = {9, 3, 9, 3, 5, 3};
    // Free batches: the 5 runs alone rather than pad to 9 (32 tokens computed instead of 36).
    List<int[]> free = BatchPlanner.plan(lengths, 3, 1_000, true, 0);
    assertEquals(3, free.size());
    assertArrayEquals(new int[] {4}, free.get(1));
    assertArrayEquals(new int[] {0, 2}, free.get(2));
    // A batch dearer than 4 padded tokens: two full batches.
    assertEquals(2, BatchPlanner.plan(lengths, 3, 1_000, true, 5).size());
  }

  @Test
  void aFewHundredMixedLengthsStillPadUnderFivePercentOnCpuAndStayInBigBatchesOnGpu() {
    // One partition's window of prose, 5 to 120 words: too few rows for fixed 64-row batches to
    // find neighbours of similar length.
    int[] lengths = new Random(3).ints(300, 8, 170).toArray();
    List<int[]> cpu = BatchPlanner.plan(lengths, 64, BatchSettings.CPU_TOKEN_BUDGET, true, BatchSettings.CPU_BATCH_COST);
    List<int[]> gpu = BatchPlanner.plan(lengths, 64, BatchSettings.GPU_TOKEN_BUDGET, true, BatchSettings.GPU_BATCH_COST);
    assertTrue(BatchPlanner.paddingWaste(lengths, cpu) < 0.05, "cpu waste " + BatchPlanner.paddingWaste(lengths, cpu));
    assertEquals(5, gpu.size(), "300 rows in batches of at most 64");
    for (int[] batch : cpu) {
      int longest = Arrays.stream(batch).map(i -> lengths[i]).max().orElseThrow();
      assertTrue(batch.length <= 64 && batch.length * longest <= BatchSettings.CPU_TOKEN_BUDGET);
    }
  }
}
