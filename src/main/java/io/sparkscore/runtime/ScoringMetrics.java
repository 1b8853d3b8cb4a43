package io.sparkscore.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of this JVM's scoring work: rows, batches, real and padded tokens, and which devices
 * sessions really ran on. Jobs and the benchmark read them to report padding waste and devices.
 */
public final class ScoringMetrics {
  private static final LongAdder ROWS = new LongAdder();
  private static final LongAdder BATCHES = new LongAdder();
  private static final LongAdder REAL_TOKENS = new LongAdder();
  private static final LongAdder PADDED_TOKENS = new LongAdder();
  private static final Map<Device, LongAdder> BATCHES_BY_DEVICE = new ConcurrentHashMap<>();

  private ScoringMetrics() {}

  public static void rows(long count) {
    ROWS.add(count);
  }

  public static void batch(Device device, long realTokens, long paddedTokens) {
    BATCHES.increment();
    REAL_TOKENS.add(realTokens);
    PADDED_TOKENS.add(paddedTokens);
    BATCHES_BY_DEVICE.computeIfAbsent(device, d -> new LongAdder()).increment();
  }

  public record Snapshot(long rows, long batches, long realTokens, long paddedTokens, Map<String, Long> batchesByDevice) {
    /** Padded tokens over real tokens, minus one. */
    public double paddingWaste() {
      return realTokens == 0 ? 0.0 : (double) paddedTokens / realTokens - 1.0;
    }

    public Snapshot minus(Snapshot earlier) {
      Map<String, Long> devices = new java.util.TreeMap<>(batchesByDevice);
      earlier.batchesByDevice.forEach((k, v) -> devices.merge(k, -v, Long::sum));
      devices.values().removeIf(v -> v == 0);
      return new Snapshot(rows - earlier.rows, batches - earlier.batches, realTokens - earlier.realTokens,
          paddedTokens - earlier.paddedTokens, devices);
    }
  }

  public static Snapshot snapshot() {
    Map<String, Long> devices = new java.util.TreeMap<>();
    BATCHES_BY_DEVICE.forEach((k, v) -> devices.put(k.toString(), v.sum()));
    return new Snapshot(ROWS.sum(), BATCHES.sum(), REAL_TOKENS.sum(), PADDED_TOKENS.sum(), devices);
  }
}
