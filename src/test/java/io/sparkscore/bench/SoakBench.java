package io.sparkscore.bench;

import static io.sparkscore.testing.JobTesting.quoted;
import static org.apache.spark.sql.functions.col;

import io.sparkscore.testing.ChildJvm;
import io.sparkscore.testing.JobTesting;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Soak: {@code sparkscore run} jobs SIGKILLed (with every process they started) at random moments,
 * each kill followed by the same command again, as a scheduler would retry it: a merge job upserting
 * 400 rows, and an incremental job that finds a few new rows landed before each try. Every try is a
 * JVM of its own; a moment is uniform over the time an unkilled run took. After the kills, one run
 * goes to the end, and the table must hold every expected id exactly once: rows lost are ids
 * missing, rows duplicated are rows beyond one per id. A time bound keeps the soak finite.
 */
final class SoakBench {
  private static final int MERGE_ROWS = 400;
  private static final int LANDED_PER_TRY = 20;
  private static final long SEED = 20_261_204L;

  private final SparkSession spark;
  private final Path dir;
  private final PrintStream out;
  private final Random random = new Random(SEED);
  private int kills;
  private int finishedFirst;
  private long lost;
  private long duplicated;
  private long partial;

  SoakBench(SparkSession spark, Path dir, PrintStream out) {
    this.spark = spark;
    this.dir = dir;
    this.out = out;
  }

  void run(int target, double minutes, Map<String, Object> figures) throws Exception {
    Files.createDirectories(dir);
    long deadline = System.nanoTime() + (long) (minutes * 60e9);
    out.printf(Locale.ROOT, "%nsoak: %d SIGKILLs at random moments, merge and incremental runs, at most %.0f min%n",
        target, minutes);
    Path merged = dir.resolve("merged");
    String mergeJob = job("merge", "input { path = " + quoted(JobTesting.reviews()) + ", filter = \"id < 'r00400'\" }\n"
        + "output { path = " + quoted(merged) + ", mode = merge }\n");
    chain(mergeJob, merged, target / 2, deadline / 2 + System.nanoTime() / 2, () -> MERGE_ROWS);

    Path landing = dir.resolve("landing");
    Path scored = dir.resolve("scored");
    String incremental = job("incremental", "input { path = " + quoted(landing) + ", format = delta }\n"
        + "output { path = " + quoted(scored) + " }\nrun { incremental = true }\n");
    int[] landed = {0};
    chain(incremental, scored, target - target / 2, deadline, () -> {
      land(landing, landed[0], landed[0] + LANDED_PER_TRY);
      landed[0] += LANDED_PER_TRY;
      return landed[0];
    });
    figures.put("soak_kills", kills);
    figures.put("soak_runs_done_before_their_kill", finishedFirst);
    figures.put("soak_rows_lost", lost);
    figures.put("soak_rows_duplicated", duplicated);
    figures.put("soak_unscored_rows", partial);
  }

  private interface Expected {
    long beforeTry();
  }

  /** One unkilled run to time it, then kills until {@code count} or {@code deadline}, then one run to the end. */
  private void chain(String file, Path table, int count, long deadline, Expected expected) throws Exception {
    long rows = expected.beforeTry();
    long start = System.nanoTime();
    runToEnd(file, "timing");
    double seconds = (System.nanoTime() - start) / 1e9;
    check(table, rows, "timing run");
    for (int k = 1; k <= count && System.nanoTime() < deadline; k++) {
      rows = expected.beforeTry();
      Path log = dir.resolve(name(file) + "-kill-" + k + ".log");
      Process job = ChildJvm.sparkscore("run", "--config", file, "--run-id", "kill-" + k).start(log);
      double moment = random.nextDouble() * seconds;
      Thread.sleep((long) (moment * 1000));
      boolean alive = job.isAlive();
      ChildJvm.destroyTree(job);
      if (alive) {
        kills++;
      } else {
        finishedFirst++;
      }
      long held = table(table).count();
      out.printf(Locale.ROOT, "  %-11s try %2d killed at %5.1f s of ~%.0f s%s; table holds %d rows%n",
          name(file), k, moment, seconds, alive ? "" : " (it had already finished)", held);
    }
    runToEnd(file, "final");
    check(table, rows, "final run");
  }

  private void runToEnd(String file, String runId) throws IOException, InterruptedException {
    ChildJvm.Result result = ChildJvm.sparkscore("run", "--config", file, "--run-id", runId)
        .run(dir.resolve(name(file) + "-" + runId + ".log"), 1800);
    if (result.status() != 0) {
      throw new IllegalStateException("soak: " + runId + " run of " + file + " failed:\n" + result.log());
    }
  }

  /** Counts what the table lacks or repeats against {@code expected} ids. */
  private void check(Path table, long expected, String when) {
    Dataset<Row> rows = table(table);
    long count = rows.count();
    long distinct = rows.select("id").distinct().count();
    long unscored = rows.where(col("vec_embedding").isNull()).count();
    lost += Math.max(0, expected - distinct);
    duplicated += count - distinct;
    partial += unscored;
    out.printf(Locale.ROOT, "  after the %s: %d rows, %d distinct ids, %d expected, %d unscored%n",
        when, count, distinct, expected, unscored);
  }

  private String job(String name, String inputAndOutput) {
    return JobTesting.write(dir, name + ".conf", "name = " + name + "\n" + inputAndOutput
        + "tasks { vec { task = embed, model = " + quoted(JobTesting.tinyBert()) + " } }\n");
  }

  private static String name(String file) {
    return Path.of(file).getFileName().toString().replace(".conf", "");
  }

  private void land(Path landing, int from, int to) {
    spark.read().json(JobTesting.reviews())
        .where(col("id").geq(String.format("r%05d", from)).and(col("id").lt(String.format("r%05d", to))))
        .write().format("delta").mode("append").save(landing.toString());
  }

  private Dataset<Row> table(Path path) {
    return spark.read().format("delta").load(path.toString());
  }
}
