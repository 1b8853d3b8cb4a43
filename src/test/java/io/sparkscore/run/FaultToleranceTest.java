package io.sparkscore.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import io.sparkscore.io.ConcurrentCommits;
import io.sparkscore.testing.ChildJvm;
import io.sparkscore.testing.CliRun;
import io.sparkscore.testing.FaultInjection;
import io.sparkscore.testing.JobTesting;
import io.sparkscore.testing.LogCapture;
import io.sparkscore.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failed tasks and concurrent writers leave the Delta table exactly as one clean run would. */
class FaultToleranceTest {
  private static final Pattern INJECTED = Pattern.compile("injected failure \\(.*?\\) of partition (\\d+), attempt 0");

  @TempDir Path tmp;

  @Test
  void retriedTaskAttemptsWriteExactlyWhatACleanRunWrites() throws Exception {
    Path input = Files.write(tmp.resolve("docs.txt"),
        Files.readAllLines(TestSpark.repoRoot().resolve("jobs/data/reviews.txt")).subList(0, 400));
    String model = TestSpark.fixtureModel("tiny-bert");
    String clean = tmp.resolve("clean").toString();
    String faulty = tmp.resolve("faulty").toString();
    CliRun run = CliRun.of("embed", "--input", input.toString(), "--output", clean, "--model", model,
        "--partitions", "8");
    assertEquals(0, run.status(), run.err());

    // Spark retries a task only when the master allows it: local[2,4] gives each task four attempts.
    ChildJvm.Result faultyRun = ChildJvm.sparkscore("embed", "--input", input.toString(), "--output", faulty,
            "--model", model, "--partitions", "8")
        .options("-Dspark.master=local[2,4]")
        .options(FaultInjection.options(0.5))
        .run(tmp.resolve("faulty.log"), 300);
    assertEquals(0, faultyRun.status(), faultyRun.log());
    Set<String> failed = new HashSet<>();
    Matcher m = INJECTED.matcher(faultyRun.log());
    while (m.find()) {
      failed.add(m.group(1));
    }
    // The golden-ratio spread puts partitions 0, 2, 4, 5 and 7 of 8 below 0.5.
    assertEquals(Set.of("0", "2", "4", "5", "7"), failed, "these scoring tasks failed once");
    assertTrue(faultyRun.log().contains("embed: wrote 400 rows"), "the summary counts retried rows once:\n"
        + faultyRun.log());

    assertEquals(JobTesting.rows(clean), JobTesting.rows(faulty), "the same rows, values and statuses as the clean run");
    assertEquals(400, JobTesting.distinctIds(faulty));
    assertEquals(1, DeltaTable.forPath(TestSpark.session(), faulty).history().count(), "one commit");
  }

  /** Holds a partition's rows until another writer has committed, so this write's commit must conflict. */
  private static final CountDownLatch OTHER_COMMITTED = new CountDownLatch(1);
  private static final CountDownLatch WRITE_STARTED = new CountDownLatch(1);

  private static final class WaitForTheOtherWriter implements MapPartitionsFunction<Row, Row> {
    @Override
    public java.util.Iterator<Row> call(java.util.Iterator<Row> rows) throws InterruptedException {
      WRITE_STARTED.countDown();
      assertTrue(OTHER_COMMITTED.await(120, TimeUnit.SECONDS));
      return rows;
    }
  }

  @Test
  void aWriteThatLosesToAConcurrentCommitIsWrittenAgain() throws Exception {
    SparkSession spark = TestSpark.session();
    String table = tmp.resolve("table").toString();
    spark.range(0, 10).toDF("id").write().format("delta").save(table);
    Dataset<Row> mine = spark.range(100, 150).toDF("id");
    Dataset<Row> held = mine.mapPartitions(new WaitForTheOtherWriter(), Encoders.row(mine.schema())).coalesce(1);
    AtomicInteger resets = new AtomicInteger();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (LogCapture log = LogCapture.of(ConcurrentCommits.class)) {
      Future<?> write = pool.submit(() -> ConcurrentCommits.write(table,
          () -> held.write().format("delta").mode(SaveMode.Overwrite).save(table), resets::incrementAndGet));
      assertTrue(WRITE_STARTED.await(120, TimeUnit.SECONDS));
      spark.range(1000, 1001).toDF("id").write().format("delta").mode(SaveMode.Append).save(table);
      OTHER_COMMITTED.countDown();
      write.get(300, TimeUnit.SECONDS);
      assertEquals(1, resets.get(), "one conflict, one retry");
      assertEquals(1, log.matching("while this one wrote (ConcurrentAppendException").size(), log.lines().toString());
    } finally {
      pool.shutdownNow();
    }
    List<Long> ids = spark.read().format("delta").load(table).orderBy("id").as(Encoders.LONG()).collectAsList();
    List<Long> expected = new ArrayList<>();
    for (long i = 100; i < 150; i++) {
      expected.add(i);
    }
    assertEquals(expected, ids, "the overwrite written again replaced everything, the concurrent append included");
    assertEquals(List.of("WRITE", "WRITE", "WRITE"),
        DeltaTable.forPath(spark, table).history().orderBy("version").select("operation").as(Encoders.STRING())
            .collectAsList());
  }

  @Test
  void twoJobsWritingOneTableAtOnceBothFinish() throws Exception {
    List<String> lines = Files.readAllLines(TestSpark.repoRoot().resolve("jobs/data/reviews.jsonl"));
    Path first = Files.write(tmp.resolve("first.jsonl"), lines.subList(0, 150));
    Path second = Files.write(tmp.resolve("second.jsonl"), lines.subList(150, 300));
    String model = TestSpark.fixtureModel("tiny-bert");
    for (String mode : List.of("append", "overwrite")) {
      String table = tmp.resolve("table-" + mode).toString();
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<CliRun>> runs = new ArrayList<>();
        for (Path input : List.of(first, second)) {
          runs.add(pool.submit(() -> {
            start.await();
            return CliRun.of("embed", "--input", input.toString(), "--output", table, "--model", model,
                "--mode", mode);
          }));
        }
        start.countDown();
        for (Future<CliRun> run : runs) {
          CliRun done = run.get(300, TimeUnit.SECONDS);
          assertEquals(0, done.status(), mode + ": " + done.err());
        }
      } finally {
        pool.shutdownNow();
      }
      int ids = JobTesting.distinctIds(table);
      if (mode.equals("append")) {
        assertEquals(300, ids, "both jobs' rows, each once");
      } else {
        assertEquals(150, ids, "one job's rows, not a mix");
        Set<Object> prefixes = new HashSet<>();
        TestSpark.session().read().format("delta").load(table).select("id").collectAsList()
            .forEach(r -> prefixes.add(Integer.parseInt(r.getString(0).substring(1)) < 150));
        assertEquals(1, prefixes.size(), "all rows come from the same job");
      }
    }
  }
}
