package io.sparkscore.spark;

import io.sparkscore.runtime.OnnxModel;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.AccumulatorV2;

/**
 * Model batches per device, counted by the tasks that ran them ({@link OnnxModel#deviceLabel()}:
 * {@code cuda:1}, {@code cpu}, {@code cpu (fallback from cuda:1)}) and merged on the driver. Executors
 * are other JVMs, so this is how the driver learns where each task really ran. Registered under
 * {@link #NAME}: Spark's UI lists every task's devices on its stage page, and
 * {@link DeviceUsageListener} reads them per task. Like any accumulator updated in a transformation,
 * a recomputed partition counts again.
 */
public final class DeviceUsage extends AccumulatorV2<String, Map<String, Long>> {
  private static final long serialVersionUID = 1L;
  public static final String NAME = "sparkscore batches by device";
  /** Every count merged into a DeviceUsage of this JVM; on the driver, each finished task's once. */
  private static final Map<String, LongAdder> MERGED = new ConcurrentHashMap<>();

  private final ConcurrentHashMap<String, Long> counts = new ConcurrentHashMap<>();

  /** A new accumulator registered with the active Spark context; called on the driver. */
  public static DeviceUsage register() {
    DeviceUsage usage = new DeviceUsage();
    SparkSession.active().sparkContext().register(usage, NAME);
    return usage;
  }

  /**
   * Batches per device that finished tasks reported to this driver JVM, over all stages and jobs so
   * far; a job reads it before and after to see its own.
   */
  public static Map<String, Long> driverTotals() {
    Map<String, Long> totals = new TreeMap<>();
    MERGED.forEach((device, count) -> totals.put(device, count.sum()));
    return totals;
  }

  /** What {@code after} holds beyond {@code before} (two {@link #driverTotals()} readings). */
  public static Map<String, Long> since(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> delta = new TreeMap<>(after);
    before.forEach((device, count) -> delta.merge(device, -count, Long::sum));
    delta.values().removeIf(count -> count == 0);
    return delta;
  }

  @Override
  public boolean isZero() {
    return counts.isEmpty();
  }

  @Override
  public DeviceUsage copy() {
    DeviceUsage copy = new DeviceUsage();
    copy.counts.putAll(counts);
    return copy;
  }

  @Override
  public void reset() {
    counts.clear();
  }

  /** Counts one batch run on {@code deviceLabel}. */
  @Override
  public void add(String deviceLabel) {
    counts.merge(deviceLabel, 1L, Long::sum);
  }

  /** Spark calls this on the driver with each finished task's copy, which is why it also feeds {@link #driverTotals()}. */
  @Override
  public void merge(AccumulatorV2<String, Map<String, Long>> other) {
    other.value().forEach(
        (device, count) -> {
          counts.merge(device, count, Long::sum);
          MERGED.computeIfAbsent(device, d -> new LongAdder()).add(count);
        });
  }

  @Override
  public Map<String, Long> value() {
    return Collections.unmodifiableMap(new TreeMap<>(counts));
  }
}
