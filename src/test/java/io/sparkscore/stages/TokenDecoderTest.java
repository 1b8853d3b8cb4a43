package io.sparkscore.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkscore.SparkScoreException;
import io.sparkscore.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenDecoderTest {
  private static final StructType INT_IDS = new StructType()
      .add("id", DataTypes.IntegerType)
      .add("input_ids", DataTypes.createArrayType(DataTypes.IntegerType, true));

  @ParameterizedTest
  @ValueSource(strings = {"tiny-bert", "tiny-roberta", "tiny-distilbert-sentiment", "tiny-nli", "tiny-roberta-sentiment"})
  void decodesAsTransformersDoes(String model) throws IOException {
    JsonNode cases = new ObjectMapper()
        .readTree(Paths.get(TestSpark.fixtureModel(model), "reference.json").toFile())
        .path("tokenization");
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      List<Integer> ids = new ArrayList<>();
      cases.get(i).path("input_ids").forEach(id -> ids.add(id.asInt()));
      rows.add(RowFactory.create(i, ids.toArray(new Integer[0])));
    }
    Dataset<Row> df = TestSpark.session().createDataFrame(rows, INT_IDS);
    TokenDecoder decoder = new TokenDecoder().setModel(TestSpark.fixtureModel(model)).setBatchSize(5);
    List<Row> plain = decoder.transform(df).orderBy("id").collectAsList();
    List<Row> special = decoder.copy(new org.apache.spark.ml.param.ParamMap())
        .setSkipSpecialTokens(false).setOutputCol("with_special").transform(df).orderBy("id").collectAsList();
    assertEquals(cases.size(), plain.size());
    for (int i = 0; i < cases.size(); i++) {
      JsonNode expected = cases.get(i);
      assertEquals(expected.path("decoded").asText(), plain.get(i).getString(2), model + " " + expected.path("text"));
      assertEquals(expected.path("decoded_with_special").asText(), special.get(i).getString(2),
          model + " with special tokens: " + expected.path("text"));
    }
  }

  @Test
  void roundTripsTheTokenizersIdsOfTheDefaultModel() {
    SparkSession spark = TestSpark.session();
    Dataset<Row> text = spark.createDataFrame(
        List.of(RowFactory.create(1, "Spark runs transformers."), RowFactory.create(2, null)),
        new StructType().add("id", DataTypes.IntegerType).add("text", DataTypes.StringType));
    List<Row> rows = new TokenDecoder()
        .transform(new TextTokenizer().transform(text))
        .orderBy("id").select("decoded").collectAsList();
    assertEquals("spark runs transformers.", rows.get(0).getString(0));
    assertNull(rows.get(1).get(0), "null ids give null text");
  }

  @Test
  void acceptsBigintIdsAndEmptySequences() {
    StructType schema = new StructType().add("ids", DataTypes.createArrayType(DataTypes.LongType));
    Dataset<Row> df = TestSpark.session().createDataFrame(
        List.of(RowFactory.create((Object) new Long[] {101L, 7592L, 102L}), RowFactory.create((Object) new Long[0])),
        schema);
    List<Row> rows = new TokenDecoder().setInputCol("ids").setSkipSpecialTokens(false).transform(df).collectAsList();
    assertEquals("[CLS] hello [SEP]", rows.get(0).getString(1));
    assertEquals("", rows.get(1).getString(1));
  }

  @Test
  void idsOutsideTheVocabularyFailNamingColumnAndId() {
    Dataset<Row> df = TestSpark.session().createDataFrame(
        List.of(RowFactory.create(1, new Integer[] {2, 1500})), INT_IDS);
    TokenDecoder decoder = new TokenDecoder().setModel(TestSpark.fixtureModel("tiny-bert"));
    SparkException e = assertThrows(SparkException.class, () -> decoder.transform(df).collect());
    String message = rootMessage(e);
    assertTrue(message.contains("column 'input_ids' holds token id 1500 at position 1, outside the vocabulary of model")
        && message.contains("(ids 0..1499)"), message);
  }

  @Test
  void nullIdsInsideASequenceFail() {
    Dataset<Row> df = TestSpark.session().createDataFrame(
        List.of(RowFactory.create(1, new Integer[] {2, null})), INT_IDS);
    SparkException e = assertThrows(SparkException.class, () -> new TokenDecoder().transform(df).collect());
    assertTrue(rootMessage(e).contains("column 'input_ids' holds a null token id at position 1"), rootMessage(e));
  }

  @Test
  void schemaErrorsNameTheColumn() {
    TokenDecoder decoder = new TokenDecoder();
    SparkScoreException missing = assertThrows(SparkScoreException.class,
        () -> decoder.transformSchema(new StructType().add("ids", DataTypes.StringType)));
    assertEquals(decoder.uid() + ": input column 'input_ids' does not exist; available columns: ids", missing.getMessage());
    SparkScoreException wrongType = assertThrows(SparkScoreException.class,
        () -> decoder.setInputCol("ids").transformSchema(new StructType().add("ids", DataTypes.StringType)));
    assertEquals(decoder.uid() + ": column 'ids' must be of type array<int> or array<bigint> but is string",
        wrongType.getMessage());
    SparkScoreException taken = assertThrows(SparkScoreException.class,
        () -> decoder.transformSchema(INT_IDS.add("decoded", DataTypes.StringType).add("ids", DataTypes.createArrayType(DataTypes.IntegerType))));
    assertTrue(taken.getMessage().contains("output column 'decoded' already exists"), taken.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new TokenDecoder().setBatchSize(0));
  }

  @Test
  void savesAndLoads(@TempDir Path dir) throws IOException {
    TokenDecoder decoder = new TokenDecoder().setInputCol("ids").setOutputCol("text").setModel("tiny")
        .setSkipSpecialTokens(false).setBatchSize(7);
    String path = dir.resolve("decoder").toString();
    decoder.save(path);
    assertThrows(IOException.class, () -> decoder.save(path), "a second save needs overwrite()");
    TokenDecoder loaded = TokenDecoder.load(path);
    assertEquals(decoder.uid(), loaded.uid());
    for (org.apache.spark.ml.param.Param<?> param : decoder.params()) {
      assertEquals(decoder.getOrDefault(param), loaded.getOrDefault(loaded.getParam(param.name())), param.name());
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
