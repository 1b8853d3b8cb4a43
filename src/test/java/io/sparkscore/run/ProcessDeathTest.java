package io.sparkscore.run;

import static io.sparkscore.testing.JobTesting.quoted;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sparkscore.testing.JobTesting;
import io.sparkscore.testing.ChildJvm;
import io.sparkscore.testing.CliRun;
import io.sparkscore.testing.TestSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job killed with SIGKILL (the driver JVM with everything it started) at the moments
 * that matter to a Delta sink: before anything is written, once data files are written but not
 * committed, and right after the commit, before the run's bookkeeping. After each kill the table
 * must show no partial commit, and the same command run again, with no cleanup, must leave every id
 * exactly once. For incremental runs the rerun resumes from Spark's checkpoint, including a batch
 * whose commit landed but whose checkpoint entry did not.
 */
@Timeout(600)
class ProcessDeathTest {
  private static final long KILL_TIMEOUT_SECONDS = 240;

  private final SparkSession spark = TestSpark.session();

  @TempDir Path dir;

  /** A moment of a run, seen from outside: in the driver's output or in the table's directory. */
  private record Moment(String name, Predicate<Path> reached) {}

  /** The run has printed its header: Spark is up and the plan is made, nothing is written yet. */
  private static Moment started(String runId) {
    return new Moment("started", log -> read(log).contains(": run " + runId + ":"));
  }

  /** A data file the table did not hold before is on disk. */
  private static Moment filesWritten(Path table) {
    Set<Path> before = dataFiles(table);
    return new Moment("data files written", log -> !before.containsAll(dataFiles(table)));
  }

  /** The table's log has a version it did not have before. */
  private static Moment committed(Path table) {
    long before = commits(table);
    return new Moment("committed", log -> commits(table) > before);
  }

  @Test
  void aMergeRunKilledAtAnyMomentIsFinishedByRunningItAgain() throws Exception {
    Path out = dir.resolve("scored");
    String file = job("merge", "input { path = " + quoted(JobTesting.reviews()) + ", filter = \"id < 'r00400'\" }\n"
        + "output { path = " + quoted(out) + ", mode = merge }\n");
    JobTesting.ok(file, "--run-id", "seed", "--set", "input.filter=\"id < 'r00200'\"");
    assertExactlyOnce(out, 200);

    killAndCheck(started("kill-1"), file, "kill-1", out);
    killAndCheck(filesWritten(out), file, "kill-2", out);
    killAndCheck(committed(out), file, "kill-3", out);
    CliRun rerun = JobTesting.ok(file, "--run-id", "rerun");
    assertTrue(rerun.out().contains("summary: 400 rows in, 400 rows written"), rerun::toString);
    assertExactlyOnce(out, 400);
    assertEquals(400, table(out).where(col("run_id").equalTo("rerun")).count(), "the rerun upserted every row");
  }

  @Test
  void anIncrementalRunKilledAfterItsCommitOrBeforeItResumesFromItsCheckpoint() throws Exception {
    Path landing = dir.resolve("landing");
    Path out = dir.resolve("scored");
    land(landing, "r00000", "r00150");
    String file = job("incremental", "input { path = " + quoted(landing) + ", format = delta }\n"
        + "output { path = " + quoted(out) + " }\n"
        + "run { incremental = true }\n");

    // The first batch's MERGE commits; the checkpoint has not yet recorded the batch as done.
    Moment afterCommit = committed(out);
    killAt(afterCommit, file, "kill-commit");
    assertNoPartialCommit(out, 0, 150);
    CliRun resumed = JobTesting.ok(file, "--run-id", "resume-1");
    boolean replayed = resumed.out().contains("summary: 150 rows in, 150 rows written");
    assertTrue(replayed || resumed.out().contains("nothing written"), resumed::toString);
    System.out.println("process death: incremental run killed after its commit; the rerun "
        + (replayed ? "replayed the batch the checkpoint had not marked done" : "found the batch done"));
    assertExactlyOnce(out, 150);

    land(landing, "r00150", "r00250");
    Moment midWrite = filesWritten(out);
    killAt(midWrite, file, "kill-write");
    assertNoPartialCommit(out, 150, 250);
    CliRun second = JobTesting.ok(file, "--run-id", "resume-2");
    assertTrue(second.out().contains("summary: 100 rows in, 100 rows written"), second::toString);
    assertExactlyOnce(out, 250);

    CliRun idle = JobTesting.ok(file, "--run-id", "idle");
    assertTrue(idle.out().contains("nothing written"), idle::toString);
    assertExactlyOnce(out, 250);
  }

  /** Kills a merge run of all 400 rows at {@code moment}; the table must hold one whole commit. */
  private void killAndCheck(Moment moment, String file, String runId, Path out) throws Exception {
    killAt(moment, file, runId);
    long rows = assertNoPartialCommit(out, 200, 400);
    System.out.printf("process death: merge run killed when %s; the table then held %d rows%n", moment.name(), rows);
  }

  private String job(String name, String inputAndOutput) {
    return JobTesting.write(dir, name + ".conf", "name = " + name + "\n" + inputAndOutput
        + "tasks { vec { task = embed, model = " + quoted(JobTesting.tinyBert()) + " } }\n");
  }

  private void land(Path landing, String fromId, String toId) {
    spark.read().json(JobTesting.reviews()).where(col("id").geq(fromId).and(col("id").lt(toId)))
        .write().format("delta").mode("append").save(landing.toString());
  }

  /** Runs {@code sparkscore run} in a JVM of its own and kills it, and all it started, at {@code moment}. */
  private void killAt(Moment moment, String file, String runId) throws Exception {
    Path log = dir.resolve(runId + ".log");
    Process job = ChildJvm.sparkscore("run", "--config", file, "--run-id", runId).start(log);
    long deadline = System.nanoTime() + KILL_TIMEOUT_SECONDS * 1_000_000_000L;
    while (!moment.reached().test(log)) {
      if (!job.isAlive()) {
        fail("the run ended (status " + job.exitValue() + ") before it was " + moment.name() + ":\n" + read(log));
      }
      if (System.nanoTime() > deadline) {
        ChildJvm.destroyTree(job);
        fail("the run was not " + moment.name() + " within " + KILL_TIMEOUT_SECONDS + " s:\n" + read(log));
      }
      Thread.sleep(5);
    }
    ChildJvm.destroyTree(job);
    assertTrue(!job.isAlive(), "killed");
  }

  /** The table as its last commit left it: one of the two row counts, each id once; returns the count. */
  private long assertNoPartialCommit(Path table, long before, long after) {
    if (commits(table) == 0) {
      assertEquals(0, before, "the table existed before the killed run");
      return 0;
    }
    long rows = assertExactlyOnce(table, -1);
    assertTrue(rows == before || rows == after, "a whole commit or none: " + rows + " rows, expected " + before
        + " or " + after);
    return rows;
  }

  /** Every id once; with {@code expected} >= 0, that many rows. Returns the row count. */
  private long assertExactlyOnce(Path path, long expected) {
    Dataset<Row> rows = table(path);
    long count = rows.count();
    if (expected >= 0) {
      assertEquals(expected, count, "rows in " + path);
    }
    assertEquals(count, rows.select("id").distinct().count(), "ids are unique in " + path);
    assertEquals(0, rows.where(col("vec_embedding").isNull()).count(), "every row is scored");
    return count;
  }

  private Dataset<Row> table(Path path) {
    return spark.read().format("delta").load(path.toString());
  }

  private static Set<Path> dataFiles(Path table) {
    if (!Files.isDirectory(table)) {
      return Set.of();
    }
    try (Stream<Path> files = Files.walk(table)) {
      return files.filter(f -> f.toString().endsWith(".parquet") && !table.relativize(f).startsWith("_delta_log")
          && !table.relativize(f).startsWith("_sparkscore")).collect(Collectors.toSet());
    } catch (IOException | UncheckedIOException e) {
      return Set.of(); // a file vanished mid-walk (Spark renames its temporaries): look again next poll
    }
  }

  private static long commits(Path table) {
    Path log = table.resolve("_delta_log");
    if (!Files.isDirectory(log)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(log)) {
      return files.filter(f -> f.getFileName().toString().matches("\\d{20}\\.json")).count();
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
