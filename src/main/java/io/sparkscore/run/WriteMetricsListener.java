package io.sparkscore.run;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.spark.SparkContext;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import io.sparkscore.compat.ScalaSeqs;

/**
 * Counts the records written (file writers, Delta included, report them) by the jobs one command
 * submits. The command's thread tags its jobs with a local property, which Spark copies
 * onto every job the thread submits, Delta's own included; so commands running at once in one JVM,
 * as a notebook's cells may, each count only their own rows.
 */
public final class WriteMetricsListener extends SparkListener implements AutoCloseable {
  static final String TAG = "sparkscore.command";
  /** Longest wait for the listener bus to deliver the end of this command's jobs. */
  private static final long DRAIN_MILLIS = 10_000;

  private final SparkContext context;
  private final String tag = UUID.randomUUID().toString();
  private final String previousTag;
  private final Set<Integer> stages = ConcurrentHashMap.newKeySet();
  /** This command's jobs whose start has been delivered and whose end has not. */
  private final Set<Integer> runningJobs = ConcurrentHashMap.newKeySet();
  private final LongAdder written = new LongAdder();

  private WriteMetricsListener(SparkContext context) {
    this.context = context;
    this.previousTag = context.getLocalProperty(TAG);
  }

  /** Counts what the jobs this thread submits from now until {@link #close()} write. */
  public static WriteMetricsListener track(SparkContext context) {
    WriteMetricsListener listener = new WriteMetricsListener(context);
    context.addSparkListener(listener);
    context.setLocalProperty(TAG, listener.tag);
    return listener;
  }

  @Override
  public void onJobStart(SparkListenerJobStart job) {
    if (job.properties() != null && tag.equals(job.properties().getProperty(TAG))) {
      runningJobs.add(job.jobId());
      for (Object stage : ScalaSeqs.toJava(job.stageIds())) {
        stages.add((Integer) stage);
      }
    }
  }

  @Override
  public void onJobEnd(SparkListenerJobEnd job) {
    if (runningJobs.remove(job.jobId())) {
      synchronized (this) {
        notifyAll();
      }
    }
  }

  /** Only successful tasks count: a failed attempt's output is discarded and its partition runs again. */
  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    if (stages.contains(taskEnd.stageId()) && taskEnd.taskMetrics() != null && taskEnd.reason() instanceof Success$) {
      written.add(taskEnd.taskMetrics().outputMetrics().recordsWritten());
    }
  }

  /** Forgets what was counted, before a write runs again. */
  public void reset() {
    written.reset();
  }

  /** What this command's successful tasks wrote; final once {@link #close()} has returned. */
  public long recordsWritten() {
    return written.sum();
  }

  private synchronized void awaitJobEnds() {
    long deadline = System.currentTimeMillis() + DRAIN_MILLIS;
    try {
      for (long left = DRAIN_MILLIS; !runningJobs.isEmpty() && left > 0; left = deadline - System.currentTimeMillis()) {
        wait(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops tagging this thread's jobs and stops listening. Spark delivers listener events on a thread
   * of its own, so the last tasks' ends may still be on their way when a write returns: this first
   * waits (a few seconds at most) until every job the command started has been seen to end.
   */
  @Override
  public void close() {
    awaitJobEnds();
    context.setLocalProperty(TAG, previousTag);
    context.removeSparkListener(this);
  }
}
