package io.sparkscore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkscore.stages.TextEmbedder;
import io.sparkscore.stages.TextTokenizer;
import io.sparkscore.testing.CliRun;
import io.sparkscore.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sparkscore sql}: a script's query written into a Delta table, a query shown as a table, errors. */
class SqlCommandTest {
  private static final String BERT = TestSpark.fixtureModel("tiny-bert");

  @Test
  void scriptWritesItsLastQueryIntoDelta(@TempDir Path dir) throws Exception {
    Path input = Files.writeString(dir.resolve("in.json"),
        "{\"id\": 1, \"text\": \"a happy dog\"}\n{\"id\": 2, \"text\": null}\n{\"id\": 3, \"text\": \"\"}\n");
    Path script = Files.writeString(dir.resolve("embed.sql"),
        "-- the input; a ';' in a string does not end a statement\n"
            + "CREATE OR REPLACE TEMP VIEW docs AS SELECT id, text, 'a;b' AS note FROM json.`" + input + "`;\n"
            + "SET spark.sparkscore.model.tiny = " + BERT + ";\n"
            + "SELECT id, sparkscore_embed(text, 'tiny') AS embedding FROM docs;\n");
    Path output = dir.resolve("out");
    CliRun run = CliRun.of("sql", "-f", script.toString(), "--output", output.toString());
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("sql: wrote 3 rows to " + output), run.out());

    SparkSession spark = TestSpark.session();
    List<Row> written = spark.read().format("delta").load(output.toString()).orderBy("id").collectAsList();
    Dataset<Row> docs = spark.read().json(input.toString()).select("id", "text");
    List<Row> expected = new TextEmbedder().setModel(BERT).transform(docs).orderBy("id").collectAsList();
    assertEquals(3, written.size());
    for (int i = 0; i < 3; i++) {
      assertEquals(expected.get(i).getLong(0), written.get(i).getLong(0));
      assertEquals(expected.get(i).get(2), written.get(i).get(1), "the stage's embedding, null for null text");
    }
  }

  @Test
  void queryIsShownAsATable() {
    Dataset<Row> text = TestSpark.session().sql("SELECT 'a happy dog' AS text");
    int tokens = new TextTokenizer().setModel(BERT).transform(text).first().getList(1).size();
    CliRun run = CliRun.of("sql", "SELECT size(sparkscore_tokenize('a happy dog', '" + BERT + "').tokens) AS n");
    assertEquals(0, run.status(), run.err());
    assertEquals("+-+\n|n|\n+-+\n|" + tokens + "|\n+-+\n", run.out());
  }

  @Test
  void analysisErrorsExitWithTheMessage() {
    CliRun run = CliRun.of("sql", "SELECT sparkscore_embed('x', 'nosuchalias')");
    assertEquals(2, run.status());
    assertTrue(run.err().contains("argument 2 (model) 'nosuchalias' is not a model alias"), run.err());
  }
}
