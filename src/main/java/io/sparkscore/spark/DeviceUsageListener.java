package io.sparkscore.spark;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.TaskInfo;
import io.sparkscore.compat.ScalaSeqs;

/**
 * The devices each finished task ran its model batches on, read from the task's {@link DeviceUsage}
 * update. Spark delivers listener events asynchronously: a task shows up here shortly after it ends.
 */
public final class DeviceUsageListener extends SparkListener {
  /** One task's batches per device, with where it ran. */
  public record TaskDevices(int stageId, int partition, String executorId, String host, Map<String, Long> batches) {}

  private final List<TaskDevices> tasks = new CopyOnWriteArrayList<>();

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    TaskInfo info = taskEnd.taskInfo();
    Map<String, Long> batches = new TreeMap<>();
    for (AccumulableInfo accumulable : ScalaSeqs.toJava(info.accumulables())) {
      if (accumulable.name().contains(DeviceUsage.NAME)
          && accumulable.update().isDefined()
          && accumulable.update().get() instanceof Map<?, ?> update) {
        update.forEach((device, count) -> batches.merge((String) device, (Long) count, Long::sum));
      }
    }
    if (!batches.isEmpty()) {
      tasks.add(new TaskDevices(taskEnd.stageId(), info.partitionId(), info.executorId(), info.host(), batches));
    }
  }

  /** The tasks seen so far that ran model batches. */
  public List<TaskDevices> tasks() {
    return List.copyOf(tasks);
  }
}
