package io.sparkscore.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkscore.compat.ScalaSeqs;
import io.sparkscore.testing.Reference;
import io.sparkscore.testing.TestSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TextEmbedder against PyTorch outputs of the tiny BERT and RoBERTa fixtures, within 1e-4. */
class EmbeddingFixtureTest {
  private static final double TOLERANCE = 1e-4;
  private static final StructType SCHEMA = new StructType().add("id", DataTypes.IntegerType).add("text", DataTypes.StringType);

  static Dataset<Row> referenceTexts(List<JsonNode> cases) {
    if (cases.isEmpty()) {
      throw new AssertionError("the fixture has no reference texts");
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      rows.add(RowFactory.create(i, cases.get(i).path("text").asText()));
    }
    rows.add(RowFactory.create(-1, null));
    // Several partitions and small batches: batching, sorting and padding must not change results.
    return TestSpark.session().createDataFrame(rows, SCHEMA).repartition(3);
  }

  @ParameterizedTest
  @CsvSource({
      "tiny-bert, mean, false, mean",
      "tiny-bert, mean, true, mean_normalized",
      "tiny-bert, cls, false, cls",
      "tiny-bert, pooler, false, pooler",
      "tiny-roberta, mean, false, mean",
      "tiny-roberta, cls, false, cls",
      "tiny-roberta, pooler, false, pooler",
      "tiny-xlmr, mean, true, mean_normalized",
      "tiny-xlmr, pooler, false, pooler",
      "tiny-deberta-v3, mean, false, mean",
      "tiny-deberta-v3, cls, false, cls",
      "tiny-modernbert, mean, true, mean_normalized",
      "tiny-modernbert, cls, false, cls",
      "tiny-mpnet, mean, false, mean",
      "tiny-mpnet, pooler, false, pooler",
      "tiny-electra, mean, true, mean_normalized",
      "tiny-electra, cls, false, cls"})
  void pooledEmbeddingsMatchPyTorch(String fixture, String pooling, boolean normalize, String referenceKey) {
    List<JsonNode> cases = Reference.of(fixture).section("embeddings");
    TextEmbedder embedder = new TextEmbedder()
        .setModel(TestSpark.fixtureModel(fixture))
        .setPooling(pooling)
        .setNormalize(normalize)
        .setBatchSize(3);
    List<Row> rows = embedder.transform(referenceTexts(cases)).collectAsList();
    assertEquals(cases.size() + 1, rows.size(), "every reference text and the null one");
    for (Row row : rows) {
      int id = row.getInt(0);
      if (id < 0) {
        assertNull(row.get(2), "null text gives a null embedding");
        continue;
      }
      float[] expected = Reference.floats(cases.get(id).path(referenceKey));
      float[] actual = MiniLmReferenceTest.toFloats(row.getList(2));
      double diff = Reference.maxAbsDiff(expected, actual);
      assertTrue(diff < TOLERANCE, fixture + " " + pooling + " case " + id + " differs by " + diff);
    }
  }

  @Test
  void tokenVectorsAndEveryHiddenStateMatchPyTorch() {
    List<JsonNode> cases = Reference.of("tiny-bert").section("embeddings");
    TextEmbedder tokens = new TextEmbedder().setModel(TestSpark.fixtureModel("tiny-bert")).setPooling("none");
    TextEmbedder layers = new TextEmbedder()
        .setModel(TestSpark.fixtureModel("tiny-bert"))
        .setPooling("mean")
        .setOutputCol("sentence")
        .setHiddenStatesCol("hidden_states");
    List<Row> rows = layers.transform(tokens.transform(referenceTexts(cases))).collectAsList();
    assertEquals(cases.size() + 1, rows.size(), "every reference text and the null one");
    for (Row row : rows) {
      int id = row.getInt(0);
      if (id < 0) {
        assertNull(row.getAs("embedding"));
        assertNull(row.getAs("hidden_states"));
        continue;
      }
      JsonNode expected = cases.get(id);
      List<Object> vectors = row.getList(row.fieldIndex("embedding"));
      assertEquals(expected.path("last_hidden_state").size(), vectors.size(), "one vector per token");
      for (int t = 0; t < vectors.size(); t++) {
        float[] actual = MiniLmReferenceTest.toFloats(seq(vectors.get(t)));
        assertTrue(Reference.maxAbsDiff(Reference.floats(expected.path("last_hidden_state").get(t)), actual) < TOLERANCE);
      }
      List<Object> states = row.getList(row.fieldIndex("hidden_states"));
      assertEquals(3, states.size(), "embeddings + 2 layers");
      for (int l = 0; l < states.size(); l++) {
        float[] actual = MiniLmReferenceTest.toFloats(seq(states.get(l)));
        assertTrue(Reference.maxAbsDiff(Reference.floats(expected.path("hidden_states_mean").get(l)), actual) < TOLERANCE,
            "hidden state " + l + " of case " + id);
      }
    }
  }

  @Test
  void quantizedVariantIsSelectable() {
    List<JsonNode> cases = Reference.of("tiny-bert").section("embeddings");
    Map<Integer, List<Object>> full = new java.util.HashMap<>();
    TextEmbedder fp32 = new TextEmbedder().setModel(TestSpark.fixtureModel("tiny-bert"));
    fp32.transform(referenceTexts(cases)).filter("id >= 0").collectAsList().forEach(r -> full.put(r.getInt(0), r.getList(2)));
    TextEmbedder int8 = new TextEmbedder().setModel(TestSpark.fixtureModel("tiny-bert")).setModelVariant("quantized");
    int differing = 0;
    for (Row row : int8.transform(referenceTexts(cases)).filter("id >= 0").collectAsList()) {
      float[] q = MiniLmReferenceTest.toFloats(row.getList(2));
      float[] f = MiniLmReferenceTest.toFloats(full.get(row.getInt(0)));
      assertEquals(f.length, q.length);
      if (Reference.maxAbsDiff(f, q) > 1e-3) {
        differing++;
      }
    }
    assertTrue(differing > 0, "model_quantized.onnx really ran (its outputs differ from model.onnx)");
  }

  private static List<Object> seq(Object value) {
    return new ArrayList<>(ScalaSeqs.toJava((scala.collection.Seq<?>) value));
  }
}
