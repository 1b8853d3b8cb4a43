package io.sparkscore.jobs;

import java.util.concurrent.atomic.LongAdder;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/** Counts the records Spark's tasks read and wrote (file writers, Delta included, report them). */
public final class WriteMetricsListener extends SparkListener {
  private final LongAdder written = new LongAdder();
  private final LongAdder read = new LongAdder();

  /** Only successful tasks count: a failed attempt's output is discarded and its partition runs again. */
  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    if (taskEnd.taskMetrics() != null && taskEnd.reason() instanceof Success$) {
      written.add(taskEnd.taskMetrics().outputMetrics().recordsWritten());
      read.add(taskEnd.taskMetrics().inputMetrics().recordsRead());
    }
  }

  /** Forgets what was counted, before a write runs again. */
  public void reset() {
    written.reset();
    read.reset();
  }

  public long recordsWritten() {
    return written.sum();
  }

  public long recordsRead() {
    return read.sum();
  }
}
