package io.sparkscore.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkscore.compat.ScalaSeqs;
import java.util.List;
import org.apache.spark.Success$;
import org.apache.spark.TaskKilled;
import org.apache.spark.TaskState;
import org.apache.spark.executor.ExecutorMetrics;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.TaskInfo;
import org.apache.spark.scheduler.TaskLocality;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.Tuple4;
import scala.collection.immutable.Seq;

/** The progress line, and the listener's count from heartbeats and task ends (events as Spark posts them). */
class ProgressTest {
  private static final long ACCUMULATOR = 42;

  @Test
  void theLineShowsDoneTotalRateEtaAndElapsedTime() {
    assertEquals("1,200 / 3,000 rows  40% | 85.3 rows/s | ETA 0:21 | 1:02 elapsed",
        Progress.line(1200, 3000, 85.3, 62));
    assertEquals("1,200 rows | 0.0 rows/s | 0:03 elapsed", Progress.line(1200, 0, 0, 3));
    assertEquals("3,000 / 3,000 rows 100% | 12.0 rows/s | 1:01:01 elapsed", Progress.line(3000, 3000, 12, 3661));
  }

  private static Seq<AccumulableInfo> accumulables(long id, long value) {
    AccumulableInfo info = new AccumulableInfo(id, Option.apply("sparkscore.rows"), Option.apply((Object) value),
        Option.apply((Object) value), false, false, Option.empty());
    return ScalaSeqs.toScala(List.of(info));
  }

  // The update's element type is Tuple4<…, Seq<AccumulableInfo>> with scala.collection.Seq on Scala 2.12 and
  // immutable.Seq on 2.13: the raw Seq fits either line's constructor.
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static SparkListenerExecutorMetricsUpdate heartbeat(long taskId, long value) {
    Tuple4<Object, Object, Object, Seq<AccumulableInfo>> task = new Tuple4<>(taskId, 0, 0, accumulables(ACCUMULATOR, value));
    Seq updates = ScalaSeqs.toScala(List.of(task));
    return new SparkListenerExecutorMetricsUpdate("driver", updates,
        scala.collection.immutable.Map$.MODULE$.empty());
  }

  private static SparkListenerTaskEnd end(long taskId, long value, boolean success) {
    TaskInfo info = new TaskInfo(taskId, 0, 0, 0, 0L, "driver", "localhost", TaskLocality.PROCESS_LOCAL(), false);
    info.setAccumulables(accumulables(ACCUMULATOR, value));
    info.markFinished(success ? TaskState.FINISHED() : TaskState.KILLED(), 1L);
    return new SparkListenerTaskEnd(0, 0, "ResultTask",
        success ? Success$.MODULE$ : new TaskKilled("test", ScalaSeqs.toScala(List.<AccumulableInfo>of()),
            ScalaSeqs.toScala(List.<org.apache.spark.util.AccumulatorV2<?, ?>>of()),
            ScalaSeqs.toScala(List.<Object>of())),
        info, new ExecutorMetrics(), new TaskMetrics());
  }

  @Test
  void runningTasksCountFromHeartbeatsAndFinishedOnesFromTheirEnd() {
    ProgressListener listener = new ProgressListener(ACCUMULATOR);
    listener.onExecutorMetricsUpdate(heartbeat(1, 10));
    listener.onExecutorMetricsUpdate(heartbeat(2, 5));
    assertEquals(15, listener.rows());
    listener.onExecutorMetricsUpdate(heartbeat(1, 30));
    assertEquals(35, listener.rows());

    listener.onTaskEnd(end(1, 50, true));
    assertEquals(55, listener.rows(), "task 1 final, task 2 still running");
    listener.onExecutorMetricsUpdate(heartbeat(1, 30));
    assertEquals(55, listener.rows(), "a late heartbeat does not bring an ended task back");

    listener.onTaskEnd(end(2, 20, false));
    assertEquals(50, listener.rows(), "a killed attempt's rows will be scored again by its retry");
  }
}
