package io.sparkscore.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkscore.testing.TestSpark;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.Test;

class SparkResourcesTest {

  @Test
  void executorCoresComeFromTheLocalMasterOrTheConf() {
    SparkConf conf = new SparkConf(false);
    assertEquals(1, SparkResources.executorCores(conf, "local"));
    assertEquals(2, SparkResources.executorCores(conf, "local[2]"));
    assertEquals(4, SparkResources.executorCores(conf, "local[4, 3]"));
    assertEquals(Runtime.getRuntime().availableProcessors(), SparkResources.executorCores(conf, "local[*]"));
    assertEquals(3, SparkResources.executorCores(conf, "local-cluster[2, 3, 1024]"));
    assertEquals(0, SparkResources.executorCores(conf, "yarn"), "unknown when the conf does not say");
    assertEquals(8, SparkResources.executorCores(conf.set("spark.executor.cores", "8"), "yarn"));
  }

  @Test
  void threadsShareAnExecutorsCoresAmongItsConcurrentTasks() {
    assertEquals(1, SparkResources.threadsPerTask(2, 1, 2), "a task per core");
    assertEquals(1, SparkResources.threadsPerTask(2, 1, 50), "more partitions than slots");
    assertEquals(2, SparkResources.threadsPerTask(2, 1, 1), "one partition gets both cores");
    assertEquals(4, SparkResources.threadsPerTask(16, 1, 4));
    assertEquals(2, SparkResources.threadsPerTask(8, 2, 8), "never below spark.task.cpus");
    assertEquals(8, SparkResources.threadsPerTask(8, 2, 1));
    assertEquals(2, SparkResources.threadsPerTask(0, 2, 1), "unknown cores: spark.task.cpus");
  }

  @Test
  void insideATaskTheRuleSeesTheStagesPartitions() {
    var spark = TestSpark.session();
    List<Integer> one = spark.range(10).coalesce(1)
        .mapPartitions((org.apache.spark.api.java.function.MapPartitionsFunction<Long, Integer>)
            rows -> List.of(SparkResources.threadsForTask()).iterator(), Encoders.INT())
        .collectAsList();
    assertEquals(List.of(2), one, "local[2] with one partition");
    List<Integer> two = spark.range(10).repartition(2)
        .mapPartitions((org.apache.spark.api.java.function.MapPartitionsFunction<Long, Integer>)
            rows -> List.of(SparkResources.threadsForTask()).iterator(), Encoders.INT())
        .collectAsList();
    assertEquals(List.of(1, 1), two);
    assertEquals(1, SparkResources.threadsForTask(), "on the driver: spark.task.cpus");
  }
}
