package io.sparkscore.run;

import static io.sparkscore.testing.JobTesting.quoted;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import io.sparkscore.testing.JobTesting;
import io.sparkscore.testing.CliRun;
import io.sparkscore.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --incremental} from a Delta table that grows between runs: each run scores only what
 * arrived, a run with nothing new writes nothing, and replaying everything (a fresh checkpoint)
 * upserts instead of duplicating.
 */
class IncrementalRunTest {
  private final SparkSession spark = TestSpark.session();

  @TempDir Path dir;

  private void land(String fromId, String toId) {
    spark.read().json(JobTesting.reviews())
        .where(col("id").geq(fromId).and(col("id").lt(toId)))
        .write().format("delta").mode("append").save(dir.resolve("landing").toString());
  }

  private long rowsOf(Dataset<Row> table, String runId) {
    return table.where(col("run_id").equalTo(runId)).count();
  }

  @Test
  void eachRunScoresOnlyTheRowsThatArrivedSinceTheLastOne() {
    Path out = dir.resolve("scored");
    land("r00000", "r00020");
    String file = JobTesting.write(dir, "incremental.conf",
        "input { path = " + quoted(dir.resolve("landing")) + ", format = delta }\n"
            + "tasks { vec { task = embed, model = " + quoted(JobTesting.tinyBert()) + " } }\n"
            + "output { path = " + quoted(out) + " }\n"
            + "run { incremental = true, progress = off }\n");

    CliRun first = JobTesting.ok(file, "--run-id", "i1");
    assertTrue(first.out().contains("(delta, incremental merge)"), first::toString);
    assertTrue(first.out().contains("summary: 20 rows in, 20 rows written"), first::toString);
    assertTrue(Files.isDirectory(out.resolve("_sparkscore/checkpoint/offsets")), "Spark's checkpoint, under the output");
    long version = DeltaTable.forPath(spark, out.toString()).history(1).first().getLong(0);

    CliRun idle = JobTesting.ok(file, "--run-id", "i2");
    assertTrue(idle.out().contains("no new rows in " + dir.resolve("landing") + " since the last run (checkpoint "
        + out.resolve("_sparkscore/checkpoint") + "); nothing written"), idle::toString);
    assertFalse(idle.out().contains("summary:"), idle::toString);
    assertEquals(version, DeltaTable.forPath(spark, out.toString()).history(1).first().getLong(0), "no new commit");
    assertFalse(Files.exists(out.resolve("_sparkscore/runs/i2")));

    land("r00020", "r00030");
    CliRun third = JobTesting.ok(file, "--run-id", "i3");
    assertTrue(third.out().contains("summary: 10 rows in, 10 rows written"), third::toString);
    Dataset<Row> table = spark.read().format("delta").load(out.toString());
    assertEquals(30, table.count());
    assertEquals(20, rowsOf(table, "i1"));
    assertEquals(10, rowsOf(table, "i3"));
    assertEquals(10, table.where(col("run_id").equalTo("i3").and(col("id").geq("r00020"))).count());

    CliRun replay = JobTesting.ok(file, "--run-id", "i4", "--checkpoint", dir.resolve("fresh-checkpoint").toString());
    assertTrue(replay.out().contains("summary: 30 rows in, 30 rows written"), replay::toString);
    table = spark.read().format("delta").load(out.toString());
    assertEquals(30, table.count(), "replayed rows are upserted, not added");
    assertEquals(30, rowsOf(table, "i4"));
  }

  @Test
  void anInputWithoutIdsCannotRunIncrementally() {
    spark.read().json(JobTesting.reviews()).limit(5).select("text")
        .write().format("delta").save(dir.resolve("no-ids").toString());
    String file = JobTesting.write(dir, "no-ids.conf",
        "input { path = " + quoted(dir.resolve("no-ids")) + " }\n"
            + "tasks { vec { task = embed, model = " + quoted(JobTesting.tinyBert()) + " } }\n"
            + "output { path = " + quoted(dir.resolve("out")) + " }\n");
    CliRun result = JobTesting.run(file, "--incremental");
    assertEquals(2, result.status(), result::toString);
    assertTrue(result.err().contains("error: incremental input " + dir.resolve("no-ids") + " has no id column 'id' "
        + "(columns: text); incremental runs need stable ids to merge on"), result::toString);
  }
}
