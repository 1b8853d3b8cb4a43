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
import io.sparkscore.testing.Reference;
import io.sparkscore.testing.TestSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TokenClassifier against Hugging Face's token-classification pipeline (transformers 5): the
 * tiny-bert-ner fixture's references hold its entities for every aggregation strategy, with and
 * without a stride (a text over five windows), and with other ignore_labels.
 */
class TokenClassifierTest {
  private static final String NER = TestSpark.fixtureModel("tiny-bert-ner");

  @Test
  void reproducesTheTokenClassificationPipelineForEveryStrategy() {
    Map<String, List<JsonNode>> byCase = new LinkedHashMap<>();
    for (JsonNode entry : Reference.of("tiny-bert-ner").section("token_classification")) {
      String key = entry.path("aggregation_strategy").asText() + " stride=" + entry.path("stride").asText()
          + " ignore=" + entry.path("ignore_labels");
      byCase.computeIfAbsent(key, k -> new ArrayList<>()).add(entry);
    }
    Map<String, Double> worst = new TreeMap<>();
    int windowed = 0;
    for (List<JsonNode> entries : byCase.values()) {
      JsonNode first = entries.get(0);
      String strategy = first.path("aggregation_strategy").asText();
      TokenClassifier ner = new TokenClassifier().setModel(NER).setAggregationStrategy(strategy).setBatchSize(4)
          .setIgnoreLabels(Reference.strings(first.path("ignore_labels")).toArray(new String[0]));
      if (!first.path("stride").isNull()) {
        ner.setLongText(LongText.CHUNK).setStride(first.path("stride").asInt());
      }
      List<String> input = new ArrayList<>();
      entries.forEach(e -> input.add(e.path("text").asText()));
      List<Row> rows = collectById(ner.transform(texts(input.toArray(new String[0])).repartition(2)));
      for (int i = 0; i < entries.size(); i++) {
        JsonNode expected = entries.get(i).path("entities");
        List<Row> got = rows.get(i).getList(2);
        String where = strategy + " stride " + first.path("stride") + " on '" + input.get(i) + "'";
        assertEquals(expected.size(), got.size(), where + ": " + got);
        boolean grouped = !strategy.equals("none");
        for (int k = 0; k < got.size(); k++) {
          JsonNode want = expected.get(k);
          Row entity = got.get(k);
          String at = where + " entity " + k;
          assertEquals(want.path(grouped ? "entity_group" : "entity").asText(), entity.getString(0), at);
          assertEquals(want.path("word").asText(), entity.getAs("word"), at);
          assertEquals(want.path("start").asInt(), (int) entity.getAs("start"), at);
          assertEquals(want.path("end").asInt(), (int) entity.getAs("end"), at);
          if (!grouped) {
            assertEquals(want.path("index").asInt(), (int) entity.getAs("index"), at);
          }
          double diff = Math.abs(want.path("score").asDouble() - entity.getDouble(1));
          assertTrue(diff <= TOLERANCE, at + ": score differs by " + diff);
          worst.merge(strategy, diff, Math::max);
        }
        windowed += entries.get(i).path("windows").asInt() > 1 ? 1 : 0;
      }
    }
    assertTrue(windowed >= 4, "references over several windows: " + windowed);
    System.out.println("TokenClassifier vs pipeline(\"token-classification\"), largest score difference: " + worst);
  }

  @Test
  void nullAndBlankTextGiveNullEntitiesWithTheirStatus() {
    String longText = Reference.of("tiny-bert-ner").section("token_classification").stream()
        .filter(e -> e.path("windows").asInt() > 1).findFirst().orElseThrow().path("text").asText();
    TokenClassifier ner = new TokenClassifier().setModel(NER).setAggregationStrategy("simple")
        .setLongText(LongText.CHUNK).setStride(16).setStatusCol("status");
    List<Row> rows = collectById(ner.transform(texts(null, "", "  \t ", "Sarah lives in Berlin.", longText)));
    for (int i = 0; i < 3; i++) {
      assertNull(rows.get(i).get(2));
    }
    assertEquals(List.of(RowStatus.NULL_TEXT, RowStatus.EMPTY_TEXT, RowStatus.EMPTY_TEXT, RowStatus.OK,
        RowStatus.CHUNKED), rows.stream().map(r -> r.getString(3)).toList());
    assertTrue(rows.get(4).getList(2).size() > rows.get(3).getList(2).size());
  }

  @Test
  void refusesAModelWithoutATokenClassificationHead() {
    for (String other : List.of("tiny-bert-sentiment", "tiny-bert", "tiny-bert-qa")) {
      TokenClassifier ner = new TokenClassifier().setModel(TestSpark.fixtureModel(other));
      SparkScoreException e = assertThrows(SparkScoreException.class, () -> ner.transform(texts("Hello")));
      assertTrue(e.getMessage().contains("has no token-classification head"), e.getMessage());
      assertTrue(e.getMessage().contains(other), e.getMessage());
    }
  }

  @Test
  void refusesWhatThePipelineRefusesAndBadSchemas() {
    TokenClassifier windowsWithoutStrategy = new TokenClassifier().setModel(NER).setLongText(LongText.CHUNK);
    SparkScoreException e =
        assertThrows(SparkScoreException.class, () -> windowsWithoutStrategy.transformSchema(ClassifierFixtures.TEXTS));
    assertTrue(e.getMessage().contains("needs an aggregationStrategy other than none"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new TokenClassifier().setAggregationStrategy("longest"));
    e = assertThrows(SparkScoreException.class,
        () -> new TokenClassifier().setInputCol("body").transformSchema(ClassifierFixtures.TEXTS));
    assertTrue(e.getMessage().contains("input column 'body' does not exist"), e.getMessage());
    e = assertThrows(SparkScoreException.class,
        () -> new TokenClassifier().setOutputCol("id").transformSchema(ClassifierFixtures.TEXTS));
    assertTrue(e.getMessage().contains("output column 'id' already exists"), e.getMessage());
    assertEquals("entity_group", ((org.apache.spark.sql.types.StructType) ((org.apache.spark.sql.types.ArrayType)
        new TokenClassifier().setAggregationStrategy("max").transformSchema(ClassifierFixtures.TEXTS)
            .apply("entities").dataType()).elementType()).fieldNames()[0]);
  }

  @Test
  void roundTripsThroughSaveLoadAndPipelineModel(@TempDir Path dir) throws Exception {
    TokenClassifier ner = new TokenClassifier().setModel(NER).setAggregationStrategy("average")
        .setIgnoreLabels("O", "LOC").setOutputCol("found").setLongText(LongText.CHUNK).setStride(8);
    ClassifierFixtures.assertRoundTrips(ner, texts("Sarah Johnson met Emily Chen in Rochester.", null), dir);
  }
}
