package io.sparkscore.run;

import static io.sparkscore.testing.JobTesting.quoted;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.tables.DeltaTable;
import io.sparkscore.cli.SparkScoreMain;
import io.sparkscore.compat.ScalaSeqs;
import io.sparkscore.testing.Chromium;
import io.sparkscore.testing.CliRun;
import io.sparkscore.testing.JobTesting;
import io.sparkscore.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sparkscore run} end to end through {@link SparkScoreMain#run}: 40 sample reviews, a tiny
 * BERT for embeddings and tokens in one pass, real Delta tables on disk.
 */
class RunJobTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SparkSession spark = TestSpark.session();

  @TempDir Path dir;

  private String job(Path output, String extra) {
    return "input { path = " + quoted(JobTesting.reviews()) + ", filter = \"id < 'r00040'\" }\n"
        + "tasks {\n"
        + "  vec { task = embed, model = " + quoted(JobTesting.tinyBert()) + " }\n"
        + "  tok { task = tokenize, model = " + quoted(JobTesting.tinyBert()) + " }\n"
        + "}\n"
        + "output { path = " + quoted(output) + " }\n"
        + "run { progress = lines, progress-interval = 200ms }\n"
        + extra;
  }

  private Dataset<Row> table(Path path) {
    return spark.read().format("delta").load(path.toString());
  }

  private long rowsOf(Dataset<Row> table, String runId) {
    return table.where(col("run_id").equalTo(runId)).count();
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  @Test
  void mergeUpsertsOnTheIdSoTwoRunsLeaveOneRowPerId() throws Exception {
    Path out = dir.resolve("merged");
    String file = JobTesting.write(dir, "merge.conf", job(out, "output.mode = merge\n"));
    JobTesting.ok(file, "--run-id", "m1");
    CliRun second = JobTesting.ok(file, "--run-id", "m2");
    assertTrue(second.out().contains("summary: 40 rows in, 40 rows written, 0 with null/empty text"), second::toString);
    assertEquals(40, table(out).count());
    assertEquals(40, table(out).select("id").distinct().count());
    assertEquals(40, rowsOf(table(out), "m2"));

    JobTesting.ok(file, "--run-id", "m3", "--filter", "id >= 'r00030' AND id < 'r00050'");
    Dataset<Row> merged = table(out);
    assertEquals(50, merged.count(), "10 ids updated, 10 inserted");
    assertEquals(50, merged.select("id").distinct().count());
    assertEquals(30, rowsOf(merged, "m2"), "rows the third run did not see keep the second run's id");
    assertEquals(20, rowsOf(merged, "m3"));

    Row row = merged.where(col("id").equalTo("r00035")).first();
    Path model = Paths.get(JobTesting.tinyBert());
    assertEquals("embed", row.getAs("vec_task"));
    assertEquals(JobTesting.tinyBert(), row.getAs("vec_model"));
    assertEquals(sha256(model.resolve("onnx/model.onnx")), row.getAs("vec_model_sha256"));
    assertEquals("tokenize", row.getAs("tok_task"));
    assertEquals(sha256(model.resolve("tokenizer.json")), row.getAs("tok_model_sha256"));
    assertEquals(32, row.<scala.collection.Seq<Float>>getAs("vec_embedding").size());
    assertFalse(row.isNullAt(row.fieldIndex("scored_at")));
    assertEquals(List.of("id", "text", "vec_embedding", "vec_status", "vec_task", "vec_model", "vec_model_sha256",
        "tok_input_ids", "tok_attention_mask", "tok_tokens", "tok_status", "tok_task", "tok_model", "tok_model_sha256",
        "run_id", "scored_at"),
        List.of(merged.columns()));

    DeltaTable delta = DeltaTable.forPath(spark, out.toString());
    Map<String, String> properties = delta.detail().first().getJavaMap(delta.detail().first().fieldIndex("properties"));
    assertEquals("m3", properties.get("sparkscore.run.id"));
    assertEquals("merge", properties.get("sparkscore.job.name"));
    JsonNode config = JSON.readTree(properties.get("sparkscore.job.config"));
    assertEquals("embed", config.path("tasks").path("vec").path("task").asText());
    assertEquals("id >= 'r00030' AND id < 'r00050'", config.path("input").path("filter").asText());
    List<Row> merges = delta.history().where(col("operation").equalTo("MERGE")).select("userMetadata").collectAsList();
    assertEquals(List.of("m3", "m2"), merges.stream().map(r -> r.getString(0)).toList());

    JsonNode metrics = JSON.readTree(out.resolve("_sparkscore/runs/m3/metrics.json").toFile());
    assertEquals(20, metrics.path("run").path("rowsIn").asLong());
    assertEquals(20, metrics.path("run").path("rowsScored").asLong(), "the progress listener saw every row");
    assertEquals(20, metrics.path("run").path("rowsWritten").asLong());
    assertEquals("embed", metrics.path("tasks").path(0).path("task").asText());
    assertTrue(Files.isRegularFile(out.resolve("_sparkscore/runs/m3/report.html")));
  }

  @Test
  void overwriteReplacesAndAppendAddsIntoAPartitionedTable() {
    Path out = dir.resolve("plain");
    String file = JobTesting.write(dir, "plain.conf", job(out, "output.partition-by = [run_id]\n"));
    JobTesting.ok(file, "--run-id", "o1");
    CliRun second = JobTesting.ok(file, "--run-id", "o2");
    assertEquals(40, table(out).count());
    assertEquals(40, rowsOf(table(out), "o2"));
    assertTrue(second.out().contains("-> " + out + " (delta, overwrite)"), second::toString);

    JobTesting.ok(file, "--run-id", "a3", "--mode", "append");
    assertEquals(80, table(out).count());
    assertEquals(40, rowsOf(table(out), "o2"));
    assertEquals(40, rowsOf(table(out), "a3"));
    Row detail = DeltaTable.forPath(spark, out.toString()).detail().first();
    assertEquals(List.of("run_id"), detail.getList(detail.fieldIndex("partitionColumns")));
    assertTrue(Files.isDirectory(out.resolve("run_id=a3")));
  }

  @Test
  void repeatedIdsAreRefusedBeforeAMergeWritesAnything() throws Exception {
    String input = JobTesting.write(dir, "dupes.jsonl", """
        {"id": "a", "text": "one"}
        {"id": "b", "text": "two"}
        {"id": "a", "text": "three"}
        """);
    Path out = dir.resolve("never");
    String file = JobTesting.write(dir, "dupes.conf", job(out, "output.mode = merge\n"));
    CliRun result = JobTesting.run(file, "--input", input, "--filter", "true");
    assertEquals(2, result.status(), result::toString);
    assertTrue(result.err().contains("error: input " + input + ": 1 rows share an id with another row in column 'id', "
        + "e.g. a (2 rows); merge keeps one row per id, so ids must be unique (nothing was written)"), result::toString);
    assertFalse(Files.exists(out.resolve("_delta_log")));
  }

  @Test
  void nullAndEmptyTextsAreCountedAndKeptInParquetOutput() throws Exception {
    String input = JobTesting.write(dir, "texts.jsonl", """
        {"id": "a", "text": "fine"}
        {"id": "b", "text": ""}
        {"id": "c", "text": null}
        {"id": "d", "text": "   "}
        """);
    Path out = dir.resolve("texts.parquet");
    String file = JobTesting.write(dir, "texts.conf", job(out, "output.format = parquet\n"));
    CliRun result = JobTesting.ok(file, "--input", input, "--filter", "true", "--run-id", "t1");
    assertTrue(result.out().contains("summary: 4 rows in, 4 rows written, 3 with null/empty text"), result::toString);
    Dataset<Row> written = spark.read().parquet(out.toString());
    assertEquals(4, written.count());
    assertTrue(written.where(col("id").equalTo("c")).first().isNullAt(written.schema().fieldIndex("vec_embedding")));
    assertTrue(Files.isRegularFile(out.resolve("_sparkscore/runs/t1/report.html")));
  }

  @Test
  void sentimentAndZeroShotTakeTheirOptionsFromTheJobFile() throws Exception {
    Path out = dir.resolve("classified");
    String file = JobTesting.write(dir, "classify.conf",
        "input { path = " + quoted(JobTesting.reviews()) + ", filter = \"id < 'r00020'\" }\n"
            + "tasks {\n"
            + "  mood { task = sentiment, model = " + quoted(TestSpark.fixtureModel("tiny-bert-sentiment"))
            + ", top-k = 2 }\n"
            + "  topic { task = zero-shot, model = " + quoted(TestSpark.fixtureModel("tiny-nli"))
            + ", labels = [\"food, drink\", sports, \"say \\\"hi\\\"\"], multi-label = true }\n"
            + "}\n"
            + "output { path = " + quoted(out) + " }\n");
    JobTesting.ok(file, "--run-id", "c1");
    Dataset<Row> table = table(out);
    assertEquals(20, table.count());
    Row row = table.first();
    assertEquals(2, row.<scala.collection.Seq<?>>getAs("mood_scores").size(), "top-k = 2");
    assertTrue(List.of("NEG", "NEU", "POS").contains(row.<String>getAs("mood_label")));
    List<String> labels = ScalaSeqs.toJava(row.<scala.collection.Seq<String>>getAs("topic_labels"));
    assertEquals(java.util.Set.of("food, drink", "sports", "say \"hi\""), java.util.Set.copyOf(labels));
    assertEquals("zero-shot", row.getAs("topic_task"));

    JsonNode metrics = JSON.readTree(out.resolve("_sparkscore/runs/c1/metrics.json").toFile());
    List<String> titles = new java.util.ArrayList<>();
    metrics.path("charts").forEach(chart -> titles.add(chart.path("title").asText()));
    assertEquals(List.of("mood_label", "mood_score", "mood_status", "topic_label, topic_labels: top label",
        "topic_scores: top score", "topic_status"),
        titles);
    long moods = 0;
    for (JsonNode count : metrics.path("charts").path(0).path("counts")) {
      moods += count.asLong();
    }
    assertEquals(20, moods, "the label distribution covers every row");
  }

  @Test
  void catalogTablesWorkAsInputAndOutput() {
    Path landing = dir.resolve("landing");
    spark.read().json(JobTesting.reviews()).limit(10).write().format("delta").save(landing.toString());
    String table = "sparkscore_run_job_test";
    spark.sql("DROP TABLE IF EXISTS " + table);
    try {
      String file = JobTesting.write(dir, "tables.conf",
          "input.table = \"delta.`" + landing + "`\"\n"
              + "tasks { vec { task = embed, model = " + quoted(JobTesting.tinyBert()) + " } }\n"
              + "output { table = " + table + ", mode = merge }\n");
      JobTesting.ok(file, "--run-id", "t1");
      CliRun second = JobTesting.ok(file, "--run-id", "t2");
      assertTrue(second.out().contains("-> table " + table + " (delta, merge)"), second::toString);
      assertEquals(10, spark.table(table).count());
      assertEquals(10, rowsOf(spark.table(table), "t2"));
      String location = DeltaTable.forName(spark, table).detail().first().getString(
          DeltaTable.forName(spark, table).detail().first().fieldIndex("location"));
      assertTrue(Files.isRegularFile(Paths.get(java.net.URI.create(location)).resolve("_sparkscore/runs/t2/report.html")),
          location);
    } finally {
      spark.sql("DROP TABLE IF EXISTS " + table);
    }
  }

  @Test
  void theReportLoadsInHeadlessChromiumWithItsCharts() throws Exception {
    Optional<Path> browser = Chromium.binary();
    // .ci/run sets this: in CI the report must render, not skip.
    if (browser.isEmpty() && Boolean.parseBoolean(System.getenv("SPARKSCORE_REQUIRE_CHROMIUM"))) {
      fail("no chromium on PATH, and SPARKSCORE_REQUIRE_CHROMIUM is set");
    }
    if (browser.isEmpty()) {
      System.out.println("SKIPPED theReportLoadsInHeadlessChromiumWithItsCharts: no chromium on PATH "
          + "(apt-get install -y chromium; .ci/run installs it)");
    }
    Assumptions.assumeTrue(browser.isPresent(), "no chromium on PATH");
    Path out = dir.resolve("reported");
    Path reportDir = dir.resolve("report");
    String file = JobTesting.write(dir, "report.conf", job(out, ""));
    CliRun result = JobTesting.ok(file, "--report", reportDir.toString());
    assertTrue(result.out().contains("report: " + reportDir + "/report.html"), result::toString);
    assertTrue(result.out().contains("progress: "), result::toString);

    JsonNode metrics = JSON.readTree(reportDir.resolve("metrics.json").toFile());
    List<String> titles = new java.util.ArrayList<>();
    metrics.path("charts").forEach(chart -> titles.add(chart.path("title").asText()));
    assertEquals(List.of("vec_embedding: L2 norm", "vec_status, tok_status",
        "tok_input_ids, tok_attention_mask, tok_tokens: length"), titles);
    long lengths = 0;
    for (JsonNode count : metrics.path("charts").path(2).path("counts")) {
      lengths += count.asLong();
    }
    assertEquals(40, lengths, "the length histogram covers every row");

    Chromium.Page page = Chromium.load(browser.get(), reportDir.resolve("report.html"), dir);
    assertEquals(List.of(), page.console(), "console messages or uncaught errors");
    Matcher html = Pattern.compile("<html[^>]*>").matcher(page.dom());
    assertTrue(html.find(), page.dom());
    assertFalse(html.group().contains("data-errors"), "script errors: " + html.group());
    int charts = metrics.path("charts").size() + 1;
    assertTrue(page.dom().contains("data-charts-rendered=\"" + charts + "\""), page.dom());
    Matcher canvas = Pattern.compile("<canvas[^>]*>").matcher(page.dom());
    int drawn = 0;
    while (canvas.find()) {
      assertTrue(canvas.group().contains("box-sizing: border-box"), "Chart.js did not size " + canvas.group());
      drawn++;
    }
    assertEquals(charts, drawn);
    assertTrue(page.dom().contains("vec_embedding: L2 norm (histogram)"), page.dom());
  }
}
