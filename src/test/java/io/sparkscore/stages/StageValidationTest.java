package io.sparkscore.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkscore.SparkScoreException;
import io.sparkscore.testing.TestSpark;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Schema and param errors name the stage, the column and what is wrong; null and empty text are defined. */
class StageValidationTest {
  private static final String BERT = TestSpark.fixtureModel("tiny-bert");

  private static Dataset<Row> frame() {
    return TestSpark.session().createDataFrame(
        List.of(RowFactory.create(1, "hello", null), RowFactory.create(2, "", "x"), RowFactory.create(3, null, "y")),
        new StructType().add("id", DataTypes.IntegerType).add("text", DataTypes.StringType).add("other", DataTypes.StringType));
  }

  @Test
  void missingInputColumnListsTheColumns() {
    TextEmbedder stage = new TextEmbedder().setModel(BERT).setInputCol("body");
    SparkScoreException e = assertThrows(SparkScoreException.class, () -> stage.transformSchema(frame().schema()));
    assertEquals(stage.uid() + ": input column 'body' does not exist; available columns: id, text, other", e.getMessage());
  }

  @Test
  void nonStringInputColumnIsRejected() {
    TextTokenizer stage = new TextTokenizer().setModel(BERT).setInputCol("id");
    SparkScoreException e = assertThrows(SparkScoreException.class, () -> stage.transform(frame()));
    assertEquals(stage.uid() + ": column 'id' must be of type string but is int", e.getMessage());
  }

  @Test
  void existingOutputColumnIsRejected() {
    TextEmbedder stage = new TextEmbedder().setModel(BERT).setOutputCol("other");
    SparkScoreException e = assertThrows(SparkScoreException.class, () -> stage.transformSchema(frame().schema()));
    assertTrue(e.getMessage().startsWith(stage.uid() + ": output column 'other' already exists"), e.getMessage());
  }

  @Test
  void invalidParamValuesFailAtTheSetter() {
    assertThrows(IllegalArgumentException.class, () -> new TextEmbedder().setBatchSize(0));
    SparkScoreException pooling = assertThrows(SparkScoreException.class, () -> new TextEmbedder().setPooling("maxx"));
    assertEquals("INVALID_OPTION_VALUE", pooling.getErrorCode());
    assertTrue(pooling.getMessage().endsWith(": pooling must be one of " + String.join(", ", SentencePooling.CHOICES)
        + ", got 'maxx' (did you mean 'max'?)"), pooling.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new TextTokenizer().setMaxLength(-1));
    IllegalArgumentException device = assertThrows(IllegalArgumentException.class,
        () -> new TextEmbedder().setModel(BERT).setDevice("tpu").transformSchema(frame().schema()));
    assertEquals("device 'tpu' is not one of auto, cpu, cuda, cuda:N", device.getMessage());
  }

  @Test
  void nullTextGivesNullsAndEmptyTextIsSpecialTokensOnly() {
    List<Row> rows = new TextTokenizer().setModel(BERT).transform(frame()).orderBy("id").collectAsList();
    assertEquals(List.of("[CLS]", "[SEP]"), rows.get(1).getList(rows.get(1).fieldIndex("tokens")));
    assertNull(rows.get(2).getAs("input_ids"));
    assertNull(rows.get(2).getAs("tokens"));
    List<Row> embedded = new TextEmbedder().setModel(BERT).transform(frame()).orderBy("id").collectAsList();
    assertEquals(32, embedded.get(1).getList(3).size());
    assertNull(embedded.get(2).get(3));
  }

  @Test
  void poolerPoolingNeedsAPoolerOutput() {
    String minilm = "minilm";
    SparkScoreException e = assertThrows(SparkScoreException.class,
        () -> new TextEmbedder().setModel(minilm).setPooling("pooler").transform(frame()));
    assertTrue(e.getMessage().contains("pooling 'pooler' needs a pooler_output"), e.getMessage());
  }

  @Test
  void decoderRefusesIdsOutsideTheVocabularyAndNullIds() {
    StructType schema = new StructType().add("ids", DataTypes.createArrayType(DataTypes.IntegerType, true));
    TokenDecoder decoder = new TokenDecoder().setModel(BERT).setInputCol("ids");
    Dataset<Row> unknown = TestSpark.session().createDataFrame(
        List.of(RowFactory.create((Object) new Integer[] {2, 999_999, 3})), schema);
    Exception e = assertThrows(Exception.class, () -> decoder.transform(unknown).collectAsList());
    assertTrue(rootMessage(e).contains("column 'ids' holds token id 999999 at position 1, outside the vocabulary"), rootMessage(e));
    Dataset<Row> nullId = TestSpark.session().createDataFrame(
        List.of(RowFactory.create((Object) new Integer[] {2, null, 3})), schema);
    Exception n = assertThrows(Exception.class, () -> decoder.transform(nullId).collectAsList());
    assertTrue(rootMessage(n).contains("column 'ids' holds a null token id at position 1"), rootMessage(n));
  }

  private static String rootMessage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SparkScoreException) {
        return t.getMessage();
      }
    }
    return String.valueOf(e);
  }
}
