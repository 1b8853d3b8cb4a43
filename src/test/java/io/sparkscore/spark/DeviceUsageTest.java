package io.sparkscore.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkscore.stages.TextEmbedder;
import io.sparkscore.testing.CliRun;
import io.sparkscore.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-task device report on local Spark ({@code GpuClusterTest} covers executors in other JVMs). */
class DeviceUsageTest {
  @Test
  void countsMergeAndSubtract() {
    DeviceUsage task = new DeviceUsage();
    assertTrue(task.isZero());
    task.add("cuda:1");
    task.add("cuda:1");
    task.add("cpu");
    DeviceUsage copy = task.copy();
    task.reset();
    assertTrue(task.isZero());
    assertEquals(Map.of("cpu", 1L, "cuda:1", 2L), copy.value());
    Map<String, Long> before = DeviceUsage.driverTotals();
    DeviceUsage driver = new DeviceUsage();
    driver.merge(copy);
    driver.merge(copy);
    assertEquals(Map.of("cpu", 2L, "cuda:1", 4L), driver.value());
    assertEquals(Map.of("cpu", 2L, "cuda:1", 4L), DeviceUsage.since(before, DeviceUsage.driverTotals()));
  }

  @Test
  void eachTaskReportsItsDevices() throws Exception {
    SparkSession spark = TestSpark.session();
    DeviceUsageListener listener = new DeviceUsageListener();
    spark.sparkContext().addSparkListener(listener);
    Map<String, Long> before = DeviceUsage.driverTotals();
    try {
      long rows = new TextEmbedder().setModel(TestSpark.fixtureModel("tiny-bert")).setBatchSize(2)
          .transform(spark.createDataset(List.of("a", "b c", "d e f", "g"), org.apache.spark.sql.Encoders.STRING())
              .toDF("text").repartition(2))
          .collectAsList().size();
      assertEquals(4, rows);
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
    List<DeviceUsageListener.TaskDevices> tasks = listener.tasks();
    assertEquals(2, tasks.size(), "both tasks ran batches: " + tasks);
    long batches = 0;
    for (DeviceUsageListener.TaskDevices task : tasks) {
      assertEquals(List.of("cpu"), List.copyOf(task.batches().keySet()), task.toString());
      assertEquals("driver", task.executorId());
      batches += task.batches().get("cpu");
    }
    assertTrue(batches >= 2, "batches of at most 2 rows: " + tasks);
    assertEquals(Map.of("cpu", batches), DeviceUsage.since(before, DeviceUsage.driverTotals()));
  }

  @Test
  void aJobPrintsWhereItsBatchesRan(@TempDir Path dir) throws IOException {
    CliRun run = CliRun.embed(dir, "--model", TestSpark.fixtureModel("tiny-bert"));
    assertEquals(0, run.status(), run.err());
    List<String> lines = run.out().lines().toList();
    assertTrue(lines.get(0).matches("embed: model batches by device: \\{cpu=[1-9]\\d*}"), lines.get(0));
    assertTrue(lines.get(lines.size() - 1).startsWith("embed: wrote 3 rows"), lines.toString());
  }
}
