package io.sparkscore.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkscore.testing.TestSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * int8 outputs of a row are bit-identical whatever shares its batch: across batch sizes, partitionings
 * and neighbours (the same text alone, or among texts of other lengths, where padding would differ).
 */
class BatchIndependentInt8Test {
  private static final StructType SCHEMA =
      new StructType().add("id", DataTypes.IntegerType).add("text", DataTypes.StringType);
  private static final List<String> TEXTS = List.of(
      "short", "a somewhat longer sentence about the weather today",
      "the quick brown fox jumps over the lazy dog, twice, and then once more for luck",
      "hello world", "int8 graphs must not depend on their neighbours", "ok", "x y z",
      "one more line of text to fill a batch");

  private static Map<Integer, List<Float>> embed(String model, String variant, List<String> texts, int batchSize,
      int partitions) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      rows.add(RowFactory.create(i, texts.get(i)));
    }
    Dataset<Row> data = TestSpark.session().createDataFrame(rows, SCHEMA).repartition(partitions);
    TextEmbedder stage = new TextEmbedder().setModel(model).setModelVariant(variant).setBatchSize(batchSize)
        .setDedupe(false);
    Map<Integer, List<Float>> out = new TreeMap<>();
    for (Row row : stage.transform(data).collectAsList()) {
      out.put(row.getInt(0), row.getList(2));
    }
    return out;
  }

  /**
   * tiny-bert's model_quantized.onnx is dynamically quantised (run a row at a time); tiny-bert-int8's
   * is the static QDQ graph {@code sparkscore quantize} writes (fixed scales, batched as usual).
   */
  @ParameterizedTest
  @ValueSource(strings = {"tiny-bert", "tiny-bert-int8"})
  void outputsDoNotMoveWithTheBatch(String fixture) {
    String model = TestSpark.fixtureModel(fixture);
    String variant = "quantized";
    Map<Integer, List<Float>> reference = embed(model, variant, TEXTS, 1, 1);
    assertEquals(reference, embed(model, variant, TEXTS, 64, 1), "one batch of all rows");
    assertEquals(reference, embed(model, variant, TEXTS, 3, 3), "batches of 3 in 3 partitions");
    Map<Integer, List<Float>> alone = embed(model, variant, List.of(TEXTS.get(2)), 64, 1);
    assertEquals(reference.get(2), alone.get(0), "the longest text alone");
    assertTrue(!reference.get(0).equals(embed(TestSpark.fixtureModel("tiny-bert"), "", TEXTS, 1, 1).get(0)),
        "the int8 graph really ran");
  }
}
