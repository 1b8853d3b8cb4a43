package io.sparkscore.stages;

import static io.sparkscore.stages.ClassifierFixtures.TOLERANCE;
import static io.sparkscore.stages.ClassifierFixtures.collectById;
import static io.sparkscore.stages.ClassifierFixtures.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkscore.SparkScoreException;
import io.sparkscore.model.ModelLocator;
import io.sparkscore.testing.Reference;
import io.sparkscore.testing.TestSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TextClassifier against Hugging Face's text-classification pipeline: the fixtures' reference.json
 * holds its labels and scores (top_k=None) for BERT, DistilBERT (no token_type_ids), byte-level BPE
 * RoBERTa and a multi-label BERT (sigmoid), including empty, blank and truncated text.
 */
class TextClassifierTest {
  private static final String SENTIMENT = TestSpark.fixtureModel("tiny-bert-sentiment");

  @ParameterizedTest
  @ValueSource(strings = {"tiny-bert-sentiment", "tiny-distilbert-sentiment", "tiny-roberta-sentiment",
      "tiny-bert-multilabel", "tiny-xlmr-cls", "tiny-deberta-v3-cls", "tiny-modernbert-cls", "tiny-mpnet-cls",
      "tiny-electra-cls"})
  void reproducesTheTextClassificationPipeline(String name) {
    List<JsonNode> cases = Reference.of(name).section("classification");
    List<String> input = new ArrayList<>();
    cases.forEach(c -> input.add(c.path("text").asText()));
    input.add(null);
    TextClassifier classifier = new TextClassifier().setModel(TestSpark.fixtureModel(name)).setBatchSize(3);
    List<Row> rows = collectById(classifier.transform(texts(input.toArray(new String[0])).repartition(2)));

    assertEquals(input.size(), rows.size());
    for (int i = 0; i < cases.size(); i++) {
      JsonNode expected = cases.get(i).path("scores");
      Row row = rows.get(i);
      String where = name + " on '" + input.get(i) + "'";
      assertEquals(expected.get(0).path("label").asText(), row.getString(2), where);
      assertEquals(expected.get(0).path("score").asDouble(), row.getDouble(3), TOLERANCE, where);
      List<Row> scores = row.getList(4);
      assertEquals(expected.size(), scores.size(), where);
      for (int k = 0; k < scores.size(); k++) {
        assertEquals(expected.get(k).path("label").asText(), scores.get(k).getString(0), where + " rank " + k);
        assertEquals(expected.get(k).path("score").asDouble(), scores.get(k).getDouble(1), TOLERANCE, where);
      }
    }
    Row nullText = rows.get(cases.size());
    assertNull(nullText.get(2));
    assertNull(nullText.get(3));
    assertNull(nullText.get(4));
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "sigmoid", "softmax"})
  void functionToApplyOverridesThePipelinesChoice(String function) {
    JsonNode first = Reference.of("tiny-bert-sentiment").section("classification").get(0);
    double[] logits = new double[3];
    for (int i = 0; i < logits.length; i++) {
      logits[i] = first.path("logits").get(i).asDouble();
    }
    double[] expected =
        switch (function) {
          case "none" -> logits.clone();
          case "sigmoid" -> ClassScores.sigmoid(logits.clone());
          default -> ClassScores.softmax(logits.clone());
        };
    Row row = new TextClassifier().setModel(SENTIMENT).setFunctionToApply(function)
        .transform(texts(first.path("text").asText())).first();
    List<String> labels = List.of("NEG", "NEU", "POS");
    for (Row scored : row.<Row>getList(4)) {
      assertEquals(expected[labels.indexOf(scored.getString(0))], scored.getDouble(1), TOLERANCE, function);
    }
  }

  @Test
  void autoFunctionFollowsProblemTypeAndHeadSize() {
    var multiLabel = ModelLocator.locate(TestSpark.fixtureModel("tiny-bert-multilabel"), "").config();
    var singleLabel = ModelLocator.locate(SENTIMENT, "").config();
    assertEquals("sigmoid", TextClassifier.scoreFunction("auto", multiLabel, 4));
    assertEquals("softmax", TextClassifier.scoreFunction("auto", singleLabel, 3));
    assertEquals("sigmoid", TextClassifier.scoreFunction("auto", singleLabel, 1));
    assertEquals("none", TextClassifier.scoreFunction("none", multiLabel, 4));
  }

  @Test
  void topKCutsTheScoresAndAnEmptyScoresColDropsThem() {
    Dataset<Row> df = texts("I love this movie, it is wonderful!");
    Row all = new TextClassifier().setModel(SENTIMENT).transform(df).first();
    Row top2 = new TextClassifier().setModel(SENTIMENT).setTopK(2).transform(df).first();
    assertEquals(3, all.getList(4).size());
    assertEquals(all.getList(4).subList(0, 2), top2.getList(4));

    Dataset<Row> lean = new TextClassifier().setModel(SENTIMENT).setScoresCol("").setLabelCol("sentiment").transform(df);
    assertEquals(List.of("id", "text", "sentiment", "score"), Arrays.asList(lean.columns()));
    assertEquals(all.getString(2), lean.first().getString(2));
  }

  @Test
  void schemaErrorsNameTheStageAndColumns() {
    Dataset<Row> df = texts("hello");
    String missing = assertThrows(SparkScoreException.class,
        () -> new TextClassifier().setInputCol("body").transformSchema(df.schema())).getMessage();
    assertTrue(missing.contains("input column 'body' does not exist; available columns: id, text"), missing);
    String type = assertThrows(SparkScoreException.class,
        () -> new TextClassifier().setInputCol("id").transformSchema(df.schema())).getMessage();
    assertTrue(type.contains("column 'id' must be of type string but is bigint"), type);
    String taken = assertThrows(SparkScoreException.class,
        () -> new TextClassifier().transformSchema(df.withColumn("score", functions.lit(1)).schema())).getMessage();
    assertTrue(taken.contains("output column 'score' already exists"), taken);
    String twice = assertThrows(SparkScoreException.class,
        () -> new TextClassifier().setScoresCol("label").transformSchema(df.schema())).getMessage();
    assertTrue(twice.contains("output column 'label' already exists"), twice);
    assertThrows(IllegalArgumentException.class, () -> new TextClassifier().setTopK(-1));
    assertThrows(SparkScoreException.class, () -> new TextClassifier().setFunctionToApply("argmax"));
  }

  @Test
  void refusesAModelWithoutAClassificationHead() {
    Dataset<Row> df = texts("hello");
    String bert = assertThrows(SparkScoreException.class,
        () -> new TextClassifier().setModel(TestSpark.fixtureModel("tiny-bert")).transform(df)).getMessage();
    assertTrue(bert.contains("is not a sequence-classification model"), bert);
    String minilm = assertThrows(SparkScoreException.class,
        () -> new TextClassifier().setModel("minilm").transform(df)).getMessage();
    assertTrue(minilm.contains("no classification output"), minilm);
  }

  @Test
  void savesAndLoadsAloneAndInAPipeline(@TempDir Path dir) throws Exception {
    TextClassifier classifier = new TextClassifier().setModel(TestSpark.fixtureModel("tiny-roberta-sentiment"))
        .setTopK(2).setFunctionToApply("sigmoid").setBatchSize(2);
    ClassifierFixtures.assertRoundTrips(classifier, texts("Good.", "", null, "El niño comió paella."), dir);
  }
}
