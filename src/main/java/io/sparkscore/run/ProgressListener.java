package io.sparkscore.run;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import scala.Tuple4;
import io.sparkscore.compat.ScalaSeqs;
import scala.collection.Seq;

/**
 * Rows scored so far, read from one accumulator: running tasks' values arrive with executor
 * heartbeats ({@code spark.executor.heartbeatInterval}), finished tasks' values with their end event.
 * Failed attempts drop out, so a retried partition is not counted twice.
 */
public final class ProgressListener extends SparkListener {
  private final long accumulatorId;
  private final Map<Long, Long> running = new ConcurrentHashMap<>();
  private final Set<Long> ended = ConcurrentHashMap.newKeySet();
  private final LongAdder finished = new LongAdder();

  public ProgressListener(long accumulatorId) {
    this.accumulatorId = accumulatorId;
  }

  @Override
  public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
    for (Tuple4<Object, Object, Object, ? extends Seq<AccumulableInfo>> task : ScalaSeqs.toJava(update.accumUpdates())) {
      long taskId = (Long) task._1();
      Long value = valueOf(task._4());
      // A heartbeat can overtake the task's end event; a task that ended is final.
      if (value != null && !ended.contains(taskId)) {
        running.put(taskId, value);
      }
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    long taskId = end.taskInfo().taskId();
    ended.add(taskId);
    running.remove(taskId);
    if (end.taskInfo().successful()) {
      Long value = valueOf(end.taskInfo().accumulables());
      if (value != null) {
        finished.add(value);
      }
    }
  }

  private Long valueOf(Seq<AccumulableInfo> infos) {
    for (AccumulableInfo info : ScalaSeqs.toJava(infos)) {
      if (info.id() == accumulatorId && info.update().isDefined()) {
        return ((Number) info.update().get()).longValue();
      }
    }
    return null;
  }

  /** Rows that have left the scoring stages, finished tasks and running ones together. */
  public long rows() {
    long live = 0;
    for (long value : running.values()) {
      live += value;
    }
    return finished.sum() + live;
  }
}
