package io.sparkscore.stages;

import static io.sparkscore.stages.ClassifierFixtures.TOLERANCE;
import static io.sparkscore.stages.ClassifierFixtures.collectById;
import static io.sparkscore.stages.ClassifierFixtures.texts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkscore.SparkScoreException;
import io.sparkscore.testing.Reference;
import io.sparkscore.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ZeroShotClassifier against Hugging Face's zero-shot-classification pipeline on tiny-nli, whose
 * config lists neutral, CONTRADICTION, Entailment (not the MNLI order): single- and multi-label,
 * a Spanish template with accented labels, a label holding a comma, and a hypothesis so long that
 * the pipeline's only_first truncation takes every cut from the text.
 */
class ZeroShotClassifierTest {
  private static final String NLI = TestSpark.fixtureModel("tiny-nli");
  private static final List<JsonNode> CASES = Reference.of("tiny-nli").section("zero_shot");
  private static final StructType WITH_LABELS = ClassifierFixtures.TEXTS
      .add("candidates", DataTypes.createArrayType(DataTypes.StringType, true));

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5})
  void reproducesTheZeroShotPipeline(int index) {
    JsonNode expected = CASES.get(index);
    Row row = new ZeroShotClassifier()
        .setModel(NLI)
        .setCandidateLabels(strings(expected.path("candidate_labels")))
        .setHypothesisTemplate(expected.path("hypothesis_template").asText())
        .setMultiLabel(expected.path("multi_label").asBoolean())
        .setBatchSize(2)
        .transform(texts(expected.path("text").asText()))
        .first();
    assertMatches(expected, row, 2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"tiny-xlmr-cls", "tiny-deberta-v3-cls", "tiny-modernbert-cls", "tiny-mpnet-cls",
      "tiny-electra-cls"})
  void reproducesThePipelineOnEveryArchitecture(String fixture) {
    for (JsonNode expected : Reference.of(fixture).section("zero_shot")) {
      Row row = new ZeroShotClassifier()
          .setModel(TestSpark.fixtureModel(fixture))
          .setCandidateLabels(strings(expected.path("candidate_labels")))
          .setHypothesisTemplate(expected.path("hypothesis_template").asText())
          .setMultiLabel(expected.path("multi_label").asBoolean())
          .transform(texts(expected.path("text").asText()))
          .first();
      assertMatches(expected, row, 2);
    }
  }

  @Test
  void takesEachRowsLabelsFromAColumn() {
    JsonNode english = CASES.get(0);
    JsonNode comma = CASES.get(4);
    List<Row> rows = collectById(new ZeroShotClassifier().setModel(NLI).setCandidateLabelsCol("candidates")
        .transform(withLabels(
            RowFactory.create(0L, english.path("text").asText(), strings(english.path("candidate_labels"))),
            RowFactory.create(1L, comma.path("text").asText(), strings(comma.path("candidate_labels"))),
            RowFactory.create(2L, "Something to classify.", new String[0]),
            RowFactory.create(3L, "Something to classify.", null),
            RowFactory.create(4L, null, new String[] {"politics"}),
            RowFactory.create(5L, "", new String[] {"politics", "sports", "food"}))));
    assertMatches(english, rows.get(0), 3);
    assertMatches(comma, rows.get(1), 3);
    Row empty = rows.get(2);
    assertNull(empty.get(3), "no candidates: no best label");
    assertEquals(List.of(), empty.getList(4));
    assertEquals(List.of(), empty.getList(5));
    for (Row nulls : List.of(rows.get(3), rows.get(4))) {
      assertNull(nulls.get(3));
      assertNull(nulls.get(4));
      assertNull(nulls.get(5));
    }
    // The pipeline refuses "", SparkScore scores it as an empty premise.
    Row emptyText = rows.get(5);
    assertEquals(3, emptyText.getList(4).size());
    assertEquals(1.0, emptyText.<Double>getList(5).stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
  }

  @Test
  void aSingleLabelIsScoredAgainstContradictionAsThePipelineDoes() {
    JsonNode expected = CASES.get(1);
    Row row = new ZeroShotClassifier().setModel(NLI).setCandidateLabels("politics")
        .transform(texts(expected.path("text").asText())).first();
    assertEquals("politics", row.getString(2));
    assertEquals(multiLabelScore(expected.path("pair_logits").get(0), 0), row.<Double>getList(4).get(0), TOLERANCE);
  }

  @Test
  void contradictionLogitLabelUsesTheConfigsContradictionLabel() {
    JsonNode expected = CASES.get(1);
    Row row = new ZeroShotClassifier().setModel(NLI).setContradictionLogit("label").setMultiLabel(true)
        .setCandidateLabels(strings(expected.path("candidate_labels")))
        .transform(texts(expected.path("text").asText())).first();
    List<String> labels = Arrays.asList(strings(expected.path("candidate_labels")));
    List<String> ranked = row.getList(3);
    List<Double> scores = row.getList(4);
    for (int i = 0; i < ranked.size(); i++) {
      JsonNode logits = expected.path("pair_logits").get(labels.indexOf(ranked.get(i)));
      assertEquals(multiLabelScore(logits, 1), scores.get(i), TOLERANCE, ranked.get(i));
    }
  }

  @Test
  void modelsWithoutTheNeededLabelsAreRefusedOnTheDriver(@TempDir Path dir) throws IOException {
    Dataset<Row> df = texts("hello");
    String sentiment = assertThrows(SparkScoreException.class,
        () -> new ZeroShotClassifier().setModel(TestSpark.fixtureModel("tiny-bert-sentiment"))
            .setCandidateLabels("a", "b").transform(df)).getMessage();
    assertTrue(sentiment.contains("is not an NLI model: no id2label entry starts with 'entail'"), sentiment);
    assertTrue(sentiment.contains("[NEG, NEU, POS]"), sentiment);

    Path twoWay = copyWithLabels(dir, "neutral", "not_entailment", "ENTAILMENT");
    ZeroShotClassifier stage = new ZeroShotClassifier().setModel(twoWay.toString()).setCandidateLabels("a", "b");
    assertEquals(2, stage.transform(df).first().getList(3).size());
    String contradiction = assertThrows(SparkScoreException.class,
        () -> stage.setContradictionLogit("label").transform(df)).getMessage();
    assertTrue(contradiction.contains("no id2label entry of model " + twoWay + " starts with 'contradict'"),
        contradiction);
  }

  @Test
  void schemaErrorsNameTheProblem() {
    Dataset<Row> df = withLabels(RowFactory.create(0L, "hello", new String[] {"a"}));
    assertSchemaError(new ZeroShotClassifier().setCandidateLabels("a").setHypothesisTemplate("It is about"), df,
        "hypothesisTemplate 'It is about' has no {} where the label goes");
    assertSchemaError(new ZeroShotClassifier().setCandidateLabels("a").setHypothesisTemplate("{} or {}"), df,
        "hypothesisTemplate '{} or {}' has more than one {}");
    assertSchemaError(new ZeroShotClassifier(), df, "no candidate labels: set candidateLabels");
    assertSchemaError(new ZeroShotClassifier().setCandidateLabels("a").setCandidateLabelsCol("candidates"), df,
        "set candidateLabels [a] or candidateLabelsCol 'candidates', not both");
    assertSchemaError(new ZeroShotClassifier().setCandidateLabelsCol("text"), df,
        "column 'text' must be of type array<string> but is string");
    assertSchemaError(new ZeroShotClassifier().setCandidateLabelsCol("topics"), df,
        "input column 'topics' does not exist");
    assertSchemaError(new ZeroShotClassifier().setCandidateLabels("a", null), df, "holds a null label");
    assertSchemaError(new ZeroShotClassifier().setCandidateLabels("a").setScoresCol("id"), df,
        "output column 'id' already exists");
  }

  @Test
  void aNullInsideALabelsArrayFailsWithItsColumn() {
    Dataset<Row> df = withLabels(RowFactory.create(0L, "hello", new String[] {"a", null}));
    Exception e = assertThrows(Exception.class,
        () -> new ZeroShotClassifier().setModel(NLI).setCandidateLabelsCol("candidates").transform(df).collect());
    String message = Stream.iterate((Throwable) e, t -> t != null, Throwable::getCause)
        .filter(SparkScoreException.class::isInstance).findFirst().orElseThrow().getMessage();
    assertTrue(message.contains("column 'candidates' holds a null candidate label in [a, null]"), message);
  }

  @Test
  void aHypothesisThatLeavesTheTextNoRoomFailsNamingIt() {
    String label = String.join(" ", Collections.nCopies(70, "politics"));
    Exception e = assertThrows(Exception.class, () -> new ZeroShotClassifier().setModel(NLI)
        .setCandidateLabels("sports", label)
        .transform(texts(String.join(" ", Collections.nCopies(40, "The committee met again."))))
        .collect());
    String message = Stream.iterate((Throwable) e, t -> t != null, Throwable::getCause)
        .filter(SparkScoreException.class::isInstance).findFirst().orElseThrow().getMessage();
    assertTrue(message.contains("the second text of a pair, \"This example is " + label + ".\", has more than 62 tokens: with "
        + "maxLength 64 and 3 special tokens that leaves no room for the first text"), message);
  }

  @Test
  void savesAndLoadsAloneAndInAPipeline(@TempDir Path dir) throws Exception {
    ZeroShotClassifier stage = new ZeroShotClassifier().setModel(NLI)
        .setCandidateLabels("política", "food, drink", "computación")
        .setHypothesisTemplate("Este ejemplo es {}.")
        .setMultiLabel(true)
        .setContradictionLogit("label");
    ClassifierFixtures.assertRoundTrips(stage, texts("El gobierno aprobó la ley.", null, ""), dir);
  }

  private static void assertMatches(JsonNode expected, Row row, int labelColumn) {
    String where = expected.path("text").asText() + " " + expected.path("candidate_labels");
    assertEquals(expected.path("labels").get(0).asText(), row.getString(labelColumn), where);
    assertArrayEquals(strings(expected.path("labels")), row.getList(labelColumn + 1).toArray(new String[0]), where);
    List<Double> scores = row.getList(labelColumn + 2);
    for (int i = 0; i < scores.size(); i++) {
      assertEquals(expected.path("scores").get(i).asDouble(), scores.get(i), TOLERANCE, where);
    }
  }

  private static double multiLabelScore(JsonNode logits, int contradiction) {
    return 1.0 / (1.0 + Math.exp(logits.get(contradiction).asDouble() - logits.get(2).asDouble()));
  }

  private static void assertSchemaError(ZeroShotClassifier stage, Dataset<Row> df, String expected) {
    String message = assertThrows(SparkScoreException.class, () -> stage.transformSchema(df.schema())).getMessage();
    assertTrue(message.startsWith(stage.uid() + ": "), message);
    assertTrue(message.contains(expected), message);
  }

  private static Dataset<Row> withLabels(Row... rows) {
    return TestSpark.session().createDataFrame(List.of(rows), WITH_LABELS);
  }

  private static String[] strings(JsonNode array) {
    return Reference.strings(array).toArray(new String[0]);
  }

  /** A copy of tiny-nli whose config names its three classes {@code labels}. */
  private static Path copyWithLabels(Path dir, String... labels) throws IOException {
    Path source = Path.of(NLI);
    Path copy = dir.resolve("relabelled-nli");
    Files.createDirectories(copy.resolve("onnx"));
    for (String file : List.of("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "onnx/model.onnx")) {
      Files.copy(source.resolve(file), copy.resolve(file));
    }
    ObjectMapper json = new ObjectMapper();
    ObjectNode config = (ObjectNode) json.readTree(source.resolve("config.json").toFile());
    ObjectNode id2label = config.putObject("id2label");
    ObjectNode label2id = config.putObject("label2id");
    for (int i = 0; i < labels.length; i++) {
      id2label.put(Integer.toString(i), labels[i]);
      label2id.put(labels[i], i);
    }
    json.writeValue(copy.resolve("config.json").toFile(), config);
    return copy;
  }
}
