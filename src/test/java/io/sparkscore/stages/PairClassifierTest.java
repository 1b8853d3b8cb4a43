package io.sparkscore.stages;

import static io.sparkscore.stages.ClassifierFixtures.TOLERANCE;
import static io.sparkscore.stages.ClassifierFixtures.collectById;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkscore.SparkScoreException;
import io.sparkscore.testing.Reference;
import io.sparkscore.testing.TestSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * PairClassifier against Hugging Face's text-classification pipeline on {text, text_pair} inputs
 * and sentence-transformers' CrossEncoder.predict (raw logits, softmax, and the sigmoid a one-logit
 * CrossEncoder saves), for every architecture's NLI head and a saved CrossEncoder reranker; pairs
 * include empty texts, RTL and emoji, and pairs past the window (longest-first truncation).
 */
class PairClassifierTest {
  static final StructType PAIRS = ClassifierFixtures.TEXTS.add("text_pair", DataTypes.StringType);
  private static final String NLI = TestSpark.fixtureModel("tiny-xlmr-cls");

  static Dataset<Row> pairs(String[]... pairs) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < pairs.length; i++) {
      rows.add(RowFactory.create((long) i, pairs[i][0], pairs[i][1]));
    }
    return TestSpark.session().createDataFrame(rows, PAIRS);
  }

  private static Dataset<Row> referencePairs(List<JsonNode> cases) {
    String[][] input = new String[cases.size()][];
    for (int i = 0; i < input.length; i++) {
      input[i] = new String[] {cases.get(i).path("text").asText(), cases.get(i).path("text_pair").asText()};
    }
    return pairs(input).repartition(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"tiny-xlmr-cls", "tiny-deberta-v3-cls", "tiny-modernbert-cls", "tiny-mpnet-cls",
      "tiny-electra-cls", "tiny-xlmr-reranker"})
  void reproducesThePipelineAndTheCrossEncoder(String fixture) {
    List<JsonNode> cases = Reference.of(fixture).section("pairs");
    String model = TestSpark.fixtureModel(fixture);
    List<Row> auto = collectById(new PairClassifier().setModel(model).setBatchSize(2).transform(referencePairs(cases)));
    List<Row> raw = collectById(new PairClassifier().setModel(model).setFunctionToApply("none")
        .transform(referencePairs(cases)));
    List<Row> softmax = collectById(new PairClassifier().setModel(model).setFunctionToApply("softmax")
        .transform(referencePairs(cases)));
    boolean identity = Reference.of(fixture).text("cross_encoder_activation").equals("Identity");
    double worst = 0;
    for (int i = 0; i < cases.size(); i++) {
      JsonNode expected = cases.get(i);
      String where = fixture + " pair " + i;
      JsonNode scores = expected.path("scores");
      assertEquals(scores.get(0).path("label").asText(), auto.get(i).getString(3), where);
      List<Row> ranked = auto.get(i).getList(5);
      assertEquals(scores.size(), ranked.size(), where);
      for (int k = 0; k < ranked.size(); k++) {
        assertEquals(scores.get(k).path("label").asText(), ranked.get(k).getString(0), where);
        worst = Math.max(worst, Math.abs(scores.get(k).path("score").asDouble() - ranked.get(k).getDouble(1)));
      }
      if (expected.path("text_pair").asText().isEmpty()) {
        // The pipeline takes an empty text_pair for no pair; CrossEncoder's batch encodes it as an empty second text.
        continue;
      }
      // CrossEncoder.predict: raw logits with its Identity activation, else the saved activation (auto here).
      worst = Math.max(worst, maxDiff(expected.path("cross_encoder"), byLabel(identity ? raw.get(i) : auto.get(i), fixture)));
      if (expected.has("cross_encoder_softmax")) {
        worst = Math.max(worst, maxDiff(expected.path("cross_encoder_softmax"), byLabel(softmax.get(i), fixture)));
      }
    }
    System.out.printf("PairClassifier %s: largest score difference against HF %.2e%n", fixture, worst);
    assertTrue(worst < TOLERANCE, fixture + " differs by " + worst);
  }

  /** The row's scores in label-id order, as CrossEncoder.predict lists them. */
  private static double[] byLabel(Row row, String fixture) {
    List<String> labels = io.sparkscore.model.ModelLocator.locate(TestSpark.fixtureModel(fixture), "").config().labels();
    double[] out = new double[Math.max(labels.size(), 1)];
    for (Row scored : row.<Row>getList(5)) {
      out[labels.isEmpty() ? 0 : labels.indexOf(scored.getString(0))] = scored.getDouble(1);
    }
    return out;
  }

  private static double maxDiff(JsonNode expected, double[] actual) {
    assertEquals(expected.size(), actual.length);
    double worst = 0;
    for (int i = 0; i < actual.length; i++) {
      worst = Math.max(worst, Math.abs(expected.get(i).asDouble() - actual[i]));
    }
    return worst;
  }

  @Test
  void aOneLogitCrossEncoderScoresWithTheSigmoidItSaved() {
    JsonNode reference = Reference.of("tiny-xlmr-reranker").section("pairs").get(0);
    Row row = new PairClassifier().setModel(TestSpark.fixtureModel("tiny-xlmr-reranker")).setScoresCol("")
        .transform(pairs(new String[] {reference.path("text").asText(), reference.path("text_pair").asText()}))
        .first();
    assertEquals("LABEL_0", row.getString(3));
    assertEquals(reference.path("cross_encoder").get(0).asDouble(), row.getDouble(4), TOLERANCE);
    assertTrue(row.getDouble(4) > 0 && row.getDouble(4) < 1, "a probability");
  }

  @Test
  void nullsGiveNullsAndEveryRowAStatus() {
    List<Row> rows = collectById(new PairClassifier().setModel(NLI).setStatusCol("status").transform(pairs(
        new String[] {"A man plays.", "Someone is playing."}, new String[] {null, "Someone is playing."},
        new String[] {"A man plays.", null}, new String[] {"", "Someone is playing."},
        new String[] {"A man plays.", " "})));
    assertEquals(List.of("ok", "null_text", "null_text", "empty_text", "empty_text"),
        rows.stream().map(r -> r.<String>getAs("status")).toList());
    for (Row nulls : rows.subList(1, 3)) {
      assertNull(nulls.getAs("label"));
      assertNull(nulls.getAs("score"));
      assertNull(nulls.getAs("scores"));
    }
    assertEquals(3, rows.get(3).getList(rows.get(3).fieldIndex("scores")).size(), "empty text is scored, as HF does");
  }

  @Test
  void aModelWithoutAClassificationHeadIsRefusedOnTheDriver() {
    Dataset<Row> df = pairs(new String[] {"a", "b"});
    String base = assertThrows(SparkScoreException.class,
        () -> new PairClassifier().setModel(TestSpark.fixtureModel("tiny-xlmr")).transform(df)).getMessage();
    assertTrue(base.contains("is not a sequence-classification model"), base);
    String mlm = assertThrows(SparkScoreException.class,
        () -> new PairClassifier().setModel(TestSpark.fixtureModel("tiny-xlmr-mlm")).transform(df)).getMessage();
    assertTrue(mlm.contains("is not a sequence-classification model"), mlm);
  }

  @Test
  void schemaErrorsNameTheProblem() {
    Dataset<Row> df = pairs(new String[] {"a", "b"});
    String missing = assertThrows(SparkScoreException.class,
        () -> new PairClassifier().setPairCol("passage").transformSchema(df.schema())).getMessage();
    assertTrue(missing.contains("input column 'passage' does not exist; available columns: id, text, text_pair"),
        missing);
    String type = assertThrows(SparkScoreException.class,
        () -> new PairClassifier().setPairCol("id").transformSchema(df.schema())).getMessage();
    assertTrue(type.contains("column 'id' must be of type string but is bigint"), type);
    String chunk = assertThrows(SparkScoreException.class,
        () -> new PairClassifier().setLongText("chunk").transformSchema(df.schema())).getMessage();
    assertTrue(chunk.contains("longText 'chunk' is not supported for text pairs"), chunk);
    String taken = assertThrows(SparkScoreException.class,
        () -> new PairClassifier().setLabelCol("text_pair").transformSchema(df.schema())).getMessage();
    assertTrue(taken.contains("output column 'text_pair' already exists"), taken);
  }

  @Test
  void savesAndLoadsAloneAndInAPipeline(@TempDir Path dir) throws Exception {
    PairClassifier stage = new PairClassifier().setModel(TestSpark.fixtureModel("tiny-deberta-v3-cls"))
        .setPairCol("text_pair").setTopK(2).setFunctionToApply("sigmoid").setStatusCol("status");
    ClassifierFixtures.assertRoundTrips(stage,
        pairs(new String[] {"Good.", "Fine."}, new String[] {null, "x"}, new String[] {"", ""}), dir);
  }
}
