package io.sparkscore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import io.sparkscore.stages.QuestionAnswerer;
import io.sparkscore.stages.TokenClassifier;
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

/** The ner and qa commands: their flags, and whole runs whose results are the pipelines' references. */
class NerQaCommandsTest {
  private static final String NER = TestSpark.fixtureModel("tiny-bert-ner");
  private static final String QA = TestSpark.fixtureModel("tiny-bert-qa");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void flagsAreTheParamsInKebabCase() {
    TokenClassifier ner = (TokenClassifier) stage("ner", "--model", NER, "--aggregation-strategy", "max",
        "--ignore-labels", "O, MISC", "--long-text", "chunk", "--stride", "8");
    assertEquals("max", ner.getAggregationStrategy());
    assertEquals(List.of("O", "MISC"), List.of(ner.getIgnoreLabels()));
    assertEquals(8, ner.getStride());
    QuestionAnswerer qa = (QuestionAnswerer) stage("qa", "--model", QA, "--question-col", "q", "--doc-stride", "16",
        "--max-answer-length", "5", "--max-question-length", "20", "--top-k", "3", "--handle-impossible-answer");
    assertEquals("q", qa.getQuestionCol());
    assertEquals("text", qa.getContextCol());
    assertEquals(List.of(16, 5, 20, 3), List.of(qa.getDocStride(), qa.getMaxAnswerLength(), qa.getMaxQuestionLength(),
        qa.getTopK()));
    assertTrue(qa.getHandleImpossibleAnswer());
    assertFalse(qa.isSet(qa.inputCol()));
    assertEquals(List.of("q", "body"), Tasks.get("qa").inputColumns(
        TaskCommands.options("qa", "--question-col", "q", "--context-col", "body"), "text"));
    assertError("ner: --model is required", () -> stage("ner"));
    assertError("qa: --model is required", () -> stage("qa"));
    assertError("--stride", () -> stage("qa", "--model", QA, "--stride", "4"));
  }

  @Test
  void nerWritesThePipelinesEntities(@TempDir Path dir) throws IOException {
    JsonNode expected = Reference.of("tiny-bert-ner").section("token_classification").stream()
        .filter(e -> e.path("windows").asInt() > 1 && e.path("ignore_labels").size() == 2).findFirst().orElseThrow();
    Path input = dir.resolve("in.jsonl");
    Files.writeString(input, JSON.createObjectNode().put("id", 1).put("text", expected.path("text").asText()) + "\n");
    Path output = dir.resolve("out");
    run("ner", "--input", input.toString(), "--output", output.toString(), "--format", "json", "--model", NER,
        "--aggregation-strategy", "simple", "--ignore-labels", "O,LOC", "--long-text", "chunk", "--stride", "16");
    Row row = TestSpark.session().read().json(output.toString()).first();
    List<Row> entities = row.getList(row.fieldIndex("entities"));
    assertEquals(expected.path("entities").size(), entities.size());
    for (int i = 0; i < entities.size(); i++) {
      assertEquals(expected.path("entities").get(i).path("word").asText(), entities.get(i).getAs("word"));
      assertEquals(expected.path("entities").get(i).path("start").asLong(), (long) entities.get(i).getAs("start"));
    }
    assertEquals("chunked", row.getAs("status"));
  }

  @Test
  void qaReadsTheQuestionColumnBesideTheContext(@TempDir Path dir) throws IOException {
    JsonNode expected = Reference.of("tiny-bert-qa").section("question_answering").get(0);
    Path input = dir.resolve("in.jsonl");
    Files.writeString(input, JSON.createObjectNode().put("id", 1).put("question", expected.path("question").asText())
        .put("context", expected.path("context").asText()) + "\n"
        + JSON.createObjectNode().put("id", 2).put("context", "No question here.") + "\n");
    Path output = dir.resolve("out");
    run("qa", "--input", input.toString(), "--output", output.toString(), "--format", "json", "--model", QA,
        "--text-col", "context");
    List<Row> rows = TestSpark.session().read().json(output.toString()).orderBy("id").collectAsList();
    Row answer = rows.get(0).getStruct(rows.get(0).fieldIndex("answer"));
    JsonNode want = expected.path("answers").get(0);
    assertEquals(want.path("answer").asText(), answer.getAs("answer"));
    assertEquals(want.path("start").asLong(), (long) answer.getAs("start"));
    assertEquals(want.path("end").asLong(), (long) answer.getAs("end"));
    assertEquals(expected.path("question").asText(), rows.get(0).getAs("question"));
    assertEquals("null_text", rows.get(1).getAs("status"));
  }
}
