package io.sparkscore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkscore.testing.CliRun;
import io.sparkscore.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tokenize and embed commands end to end through the real main class, into real tables. */
class ScoreCommandTest {
  @TempDir Path tmp;

  @Test
  void embedsPlainTextIntoADeltaTable() throws IOException {
    Path input = tmp.resolve("docs.txt");
    Files.writeString(input, "first line\n\nthird line, after an empty one\nfourth\nFirst line\n");
    Path output = tmp.resolve("embeddings");
    CliRun run = CliRun.of("embed", "--input", input.toString(), "--output", output.toString(),
        "--model", TestSpark.fixtureModel("tiny-bert"), "--partitions", "1");
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("embed: wrote 5 rows to " + output + " (delta, overwrite)"), run.out());
    assertTrue(run.out().contains("rows/s, 1 duplicate rows served from the window"), run.out());
    Dataset<Row> table = TestSpark.session().read().format("delta").load(output.toString());
    assertEquals(List.of("id", "text", "embedding", "status"), List.of(table.columns()));
    List<Row> rows = table.orderBy("id").collectAsList();
    assertEquals(5, rows.size());
    assertEquals(rows.get(0).getList(2), rows.get(4).getList(2), "the uncased tokenizer makes both lines one sequence");
    assertEquals(0L, rows.get(0).getLong(0));
    assertEquals("first line", rows.get(0).getString(1));
    assertEquals("", rows.get(1).getString(1));
    assertEquals(32, rows.get(1).getList(2).size(), "empty text is embedded as [CLS] [SEP]");
  }

  @Test
  void tokenizesJsonLinesToJsonWithTheirIds() throws IOException {
    Path input = tmp.resolve("docs.jsonl");
    Files.writeString(input, "{\"doc\": \"a-1\", \"body\": \"Hello there!\"}\n{\"doc\": \"a-2\", \"body\": null}\n");
    Path output = tmp.resolve("tokens");
    CliRun run = CliRun.of("tokenize", "--input", input.toString(), "--output", output.toString(), "--format", "json",
        "--text-col", "body", "--id-col", "doc", "--model", TestSpark.fixtureModel("tiny-bert"));
    assertEquals(0, run.status(), run.err());
    List<Row> rows = TestSpark.session().read().json(output.toString()).orderBy("doc").collectAsList();
    assertEquals("a-1", rows.get(0).getAs("doc"));
    assertEquals(List.of("[CLS]", "hell", "##o", "there", "!", "[SEP]"), rows.get(0).getList(rows.get(0).fieldIndex("tokens")));
    assertTrue(rows.get(1).isNullAt(rows.get(1).fieldIndex("body")));
  }

  @Test
  void appendAddsRowsAndOverwriteReplacesThem() throws IOException {
    Path input = tmp.resolve("docs.csv");
    Files.writeString(input, "id,text\n1,\"one, with a comma\"\n2,two\n");
    String output = tmp.resolve("table").toString();
    String model = TestSpark.fixtureModel("tiny-bert");
    assertEquals(0, CliRun.of("tokenize", "--input", input.toString(), "--output", output, "--model", model).status());
    assertEquals(0, CliRun.of("tokenize", "--input", input.toString(), "--output", output, "--model", model, "--mode", "append").status());
    assertEquals(4, TestSpark.session().read().format("delta").load(output).count());
    assertEquals(0, CliRun.of("tokenize", "--input", input.toString(), "--output", output, "--model", model).status());
    assertEquals(2, TestSpark.session().read().format("delta").load(output).count());
    assertEquals("one, with a comma",
        TestSpark.session().read().format("delta").load(output).orderBy("id").first().getAs("text"));
  }

  @Test
  void badOptionsAreReportedBeforeSparkWork() {
    CliRun unknown = CliRun.of("embed", "--input", "x.txt", "--output", "y", "--modle", "minilm");
    assertEquals(2, unknown.status());
    assertTrue(unknown.err().startsWith("error: embed: unknown option --modle (options: "), unknown.err());
    CliRun missing = CliRun.of("embed", "--input", "x.txt");
    assertEquals("error: embed: --output is required\n", missing.err());
    CliRun format = CliRun.of("embed", "--input", "x.txt", "--output", "y", "--format", "orc");
    assertEquals("error: output format 'orc' is not one of [delta, parquet, json]\n", format.err());
    CliRun noText = CliRun.of("embed", "--input", TestSpark.repoRoot().resolve("jobs/data/reviews.jsonl").toString(),
        "--output", "y", "--text-col", "body");
    assertEquals(2, noText.status());
    assertTrue(noText.err().contains("has no text column 'body' (columns: id, text); pass --text-col"), noText.err());
    CliRun command = CliRun.of("summarize", "--input", "x");
    assertTrue(command.err().startsWith("error: unknown task 'summarize'; tasks: tokenize, embed"), command.err());
  }

  @Test
  void commandsRunningAtOnceInOneJvmEachCountTheirOwnRows() throws Exception {
    List<String> reviews = Files.readAllLines(TestSpark.repoRoot().resolve("jobs/data/reviews.txt"));
    String model = TestSpark.fixtureModel("tiny-bert");
    int[] sizes = {300, 200};
    CyclicBarrier start = new CyclicBarrier(sizes.length);
    ExecutorService pool = Executors.newFixedThreadPool(sizes.length);
    try {
      List<Future<CliRun>> runs = new ArrayList<>();
      for (int size : sizes) {
        Path input = Files.write(tmp.resolve(size + ".txt"), reviews.subList(0, size));
        runs.add(pool.submit(() -> {
          start.await();
          return CliRun.of("embed", "--input", input.toString(), "--output", tmp.resolve("out-" + size).toString(),
              "--model", model, "--format", "parquet");
        }));
      }
      for (int i = 0; i < sizes.length; i++) {
        CliRun run = runs.get(i).get(5, TimeUnit.MINUTES);
        assertEquals(0, run.status(), run::toString);
        assertTrue(run.out().contains("embed: wrote " + sizes[i] + " rows to " + tmp.resolve("out-" + sizes[i])),
            run::toString);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
