package io.sparkscore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.sparkscore.testing.TaskCommands.assertError;
import static io.sparkscore.testing.TaskCommands.run;
import static io.sparkscore.testing.TaskCommands.stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkscore.SparkScoreException;
import io.sparkscore.config.Task;
import io.sparkscore.config.Tasks;
import io.sparkscore.stages.MaskFiller;
import io.sparkscore.stages.PairClassifier;
import io.sparkscore.testing.TaskCommands;
import io.sparkscore.testing.Reference;
import io.sparkscore.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pair and fill-mask commands: their flags, and whole runs whose results are the pipelines' references. */
class PairFillMaskCommandsTest {
  private static final String RERANKER = TestSpark.fixtureModel("tiny-xlmr-reranker");
  private static final String MLM = TestSpark.fixtureModel("tiny-electra-mlm");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void flagsAreTheParamsInKebabCase() {
    PairClassifier pair = (PairClassifier) stage("pair", "--model", RERANKER, "--pair-col", "passage", "--top-k", "1",
        "--function", "none");
    assertEquals(List.of("passage", "none", "text"), List.of(pair.getPairCol(), pair.getFunctionToApply(),
        pair.getInputCol()));
    assertEquals(1, pair.getTopK());
    assertEquals(List.of("query", "passage"), Tasks.get("pair").inputColumns(
        TaskCommands.options("pair", "--pair-col", "passage"), "query"));
    MaskFiller fill = (MaskFiller) stage("fill-mask", "--model", MLM, "--top-k", "3", "--targets", "the,\"a, b\"");
    assertEquals(3, fill.getTopK());
    assertEquals(List.of("the", "a, b"), List.of(fill.getTargets()));
    assertError("pair: --model is required", () -> stage("pair"));
    assertError("fill-mask: --model is required", () -> stage("fill-mask"));
    assertError("--long-text", () -> stage("pair", "--model", RERANKER, "--long-text", "chunk"));
  }

  @Test
  void pairReadsBothColumnsAndWritesTheCrossEncodersScores(@TempDir Path dir) throws IOException {
    JsonNode expected = Reference.of("tiny-xlmr-reranker").section("pairs").get(1);
    Path input = dir.resolve("in.jsonl");
    Files.writeString(input, JSON.createObjectNode().put("id", 1).put("query", expected.path("text").asText())
        .put("passage", expected.path("text_pair").asText()) + "\n"
        + JSON.createObjectNode().put("id", 2).put("query", "No passage.") + "\n");
    Path output = dir.resolve("out");
    run("pair", "--input", input.toString(), "--output", output.toString(), "--format", "json", "--model", RERANKER,
        "--text-col", "query", "--pair-col", "passage");
    List<Row> rows = TestSpark.session().read().json(output.toString()).orderBy("id").collectAsList();
    assertEquals(expected.path("cross_encoder").get(0).asDouble(), (double) rows.get(0).getAs("score"), 1e-4);
    assertEquals(expected.path("text_pair").asText(), rows.get(0).getAs("passage"));
    assertEquals("null_text", rows.get(1).getAs("status"));
  }

  @Test
  void fillMaskWritesThePipelinesFills(@TempDir Path dir) throws IOException {
    JsonNode expected = Reference.of("tiny-electra-mlm").section("fill_mask").get(0);
    Path input = dir.resolve("in.jsonl");
    Files.writeString(input, JSON.createObjectNode().put("id", 1).put("text", expected.path("text").asText()) + "\n");
    Path output = dir.resolve("out");
    run("fill-mask", "--input", input.toString(), "--output", output.toString(), "--format", "json", "--model", MLM,
        "--top-k", "2");
    Row row = TestSpark.session().read().json(output.toString()).first();
    List<Object> masks = row.getList(row.fieldIndex("fills"));
    List<Row> fills = scala.collection.JavaConverters.seqAsJavaList((scala.collection.Seq<Row>) masks.get(0));
    assertEquals(2, fills.size());
    for (int k = 0; k < 2; k++) {
      assertEquals(expected.path("fills").get(0).get(k).path("sequence").asText(), fills.get(k).getAs("sequence"));
    }
  }
}
