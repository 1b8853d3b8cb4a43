package io.sparkscore.jobs;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.spark.SparkContext;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import scala.collection.JavaConverters;

/**
 * Counts the records read and written (file writers, Delta included, report them) by the jobs one
 * command submits. The command's thread tags its jobs with a local property, which Spark copies
 * onto every job the thread submits, Delta's own included; so commands running at once in one JVM,
 * as a notebook's cells may, each count only their own rows.
 */
public final class WriteMetricsListener extends SparkListener implements AutoCloseable {
  static final String TAG = "sparkscore.command";

  private final SparkContext context;
  private final String tag = UUID.randomUUID().toString();
  private final String previousTag;
  private final Set<Integer> stages = ConcurrentHashMap.newKeySet();
  private final LongAdder written = new LongAdder();
  private final LongAdder read = new LongAdder();

  private WriteMetricsListener(SparkContext context) {
    this.context = context;
    this.previousTag = context.getLocalProperty(TAG);
  }

  /** Counts what the jobs this thread submits from now until {@link #close()} read and write. */
  public static WriteMetricsListener track(SparkContext context) {
    WriteMetricsListener listener = new WriteMetricsListener(context);
    context.addSparkListener(listener);
    context.setLocalProperty(TAG, listener.tag);
    return listener;
  }

  @Override
  public void onJobStart(SparkListenerJobStart job) {
    if (job.properties() != null && tag.equals(job.properties().getProperty(TAG))) {
      for (Object stage : JavaConverters.seqAsJavaList(job.stageIds())) {
        stages.add((Integer) stage);
      }
    }
  }

  /** Only successful tasks count: a failed attempt's output is discarded and its partition runs again. */
  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    if (stages.contains(taskEnd.stageId()) && taskEnd.taskMetrics() != null && taskEnd.reason() instanceof Success$) {
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

  /** Stops tagging this thread's jobs and stops listening. */
  @Override
  public void close() {
    context.setLocalProperty(TAG, previousTag);
    context.removeSparkListener(this);
  }
}
