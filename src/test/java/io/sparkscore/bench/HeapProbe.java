package io.sparkscore.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Heap of this JVM (in local mode the driver is the executor) while a run goes on, two ways:
 *
 * <ul>
 *   <li>{@link #peakUsedBytes()}: the sum of the heap pools' peak usage since {@link #start}, which
 *       resets the peaks after a full collection. It counts garbage not yet collected, so it follows
 *       how far the collector lets the young generation fill as much as what the run keeps.
 *   <li>{@link #peakLiveBytes()}: only with {@code sampleLive}: a sampler forces a full collection
 *       every {@code intervalMs} and keeps the largest heap in use right after one, i.e. the most
 *       the run ever really held. The collections slow the run, so a sampled run is not timed.
 * </ul>
 */
final class HeapProbe implements AutoCloseable {
  private final List<MemoryPoolMXBean> heapPools;
  private final AtomicLong peakLive = new AtomicLong();
  private final AtomicLong samples = new AtomicLong();
  private final ScheduledExecutorService sampler;

  private HeapProbe(List<MemoryPoolMXBean> heapPools, ScheduledExecutorService sampler) {
    this.heapPools = heapPools;
    this.sampler = sampler;
  }

  static HeapProbe start(boolean sampleLive, long intervalMs) {
    List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP && p.isValid())
        .toList();
    collect();
    pools.forEach(MemoryPoolMXBean::resetPeakUsage);
    ScheduledExecutorService sampler = null;
    if (sampleLive) {
      sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sparkscore-bench-heap-sampler");
        t.setDaemon(true);
        return t;
      });
    }
    HeapProbe probe = new HeapProbe(pools, sampler);
    if (sampler != null) {
      sampler.scheduleWithFixedDelay(probe::sample, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }
    return probe;
  }

  private static void collect() {
    System.gc();
    System.gc();
  }

  private void sample() {
    collect();
    peakLive.accumulateAndGet(usedBytes(), Math::max);
    samples.incrementAndGet();
  }

  private static long usedBytes() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  long peakUsedBytes() {
    long sum = 0;
    for (MemoryPoolMXBean pool : heapPools) {
      sum += pool.getPeakUsage().getUsed();
    }
    return sum;
  }

  /** Largest heap in use after a forced collection during the run; -1 when none was sampled. */
  long peakLiveBytes() {
    if (sampler != null && samples.get() == 0) {
      // A run shorter than one sampling interval still gets its live heap, measured at its end.
      sample();
    }
    return samples.get() == 0 ? -1 : peakLive.get();
  }

  long samples() {
    return samples.get();
  }

  @Override
  public void close() {
    if (sampler != null) {
      sampler.shutdownNow();
      try {
        sampler.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
