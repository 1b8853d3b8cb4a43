package io.sparkscore.spark;

import java.util.concurrent.atomic.LongAdder;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.AccumulatorV2;

/**
 * Rows that a scoring window served from an identical row before them instead of running the model
 * again, counted by the tasks and merged on the driver, as {@link DeviceUsage} counts batches. A
 * command reads {@link #driverTotal()} before and after its jobs to report its own. Like any
 * accumulator updated in a transformation, a recomputed partition counts again.
 */
public final class DuplicateRows extends AccumulatorV2<Long, Long> {
  private static final long serialVersionUID = 1L;
  public static final String NAME = "sparkscore duplicate rows served from the window";
  /** Every count merged into a DuplicateRows of this JVM; on the driver, each finished task's once. */
  private static final LongAdder MERGED = new LongAdder();

  private long count;

  /** A new accumulator registered with the active Spark context; called on the driver. */
  public static DuplicateRows register() {
    DuplicateRows rows = new DuplicateRows();
    SparkSession.active().sparkContext().register(rows, NAME);
    return rows;
  }

  /** Duplicate rows that finished tasks reported to this driver JVM so far. */
  public static long driverTotal() {
    return MERGED.sum();
  }

  @Override
  public boolean isZero() {
    return count == 0;
  }

  @Override
  public DuplicateRows copy() {
    DuplicateRows copy = new DuplicateRows();
    copy.count = count;
    return copy;
  }

  @Override
  public void reset() {
    count = 0;
  }

  @Override
  public synchronized void add(Long rows) {
    count += rows;
  }

  /** Spark calls this on the driver with each finished task's copy, which is why it also feeds {@link #driverTotal()}. */
  @Override
  public synchronized void merge(AccumulatorV2<Long, Long> other) {
    long rows = other.value();
    count += rows;
    MERGED.add(rows);
  }

  @Override
  public synchronized Long value() {
    return count;
  }
}
