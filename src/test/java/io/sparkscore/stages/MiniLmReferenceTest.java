package io.sparkscore.stages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkscore.testing.TestSpark;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The embedded default model against published numbers: sentence-transformers' quickstart
 * (sbert.net, "Computing Embeddings") prints these cosine similarities for all-MiniLM-L6-v2.
 */
class MiniLmReferenceTest {
  private static final StructType SCHEMA = new StructType().add("id", DataTypes.LongType).add("text", DataTypes.StringType);

  @Test
  void embeddingsReproduceTheSentenceTransformersQuickstart() {
    SparkSession spark = TestSpark.session();
    Dataset<Row> df = spark.createDataFrame(
        List.of(
            RowFactory.create(1L, "The weather is lovely today."),
            RowFactory.create(2L, "It's so sunny outside!"),
            RowFactory.create(3L, "He drove to the stadium.")),
        SCHEMA);
    List<Row> rows = new TextEmbedder().transform(df).orderBy("id").collectAsList();
    float[][] e = rows.stream().map(r -> toFloats(r.getList(2))).toArray(float[][]::new);
    assertEquals(384, e[0].length);
    assertEquals(1.0, dot(e[0], e[0]), 1e-5, "default model output is L2-normalised");
    assertEquals(0.6660, dot(e[0], e[1]), 1e-3);
    assertEquals(0.1046, dot(e[0], e[2]), 1e-3);
    assertEquals(0.1411, dot(e[1], e[2]), 1e-3);
  }

  @Test
  void tokenizesAsTheModelsTokenizerJson() {
    SparkSession spark = TestSpark.session();
    Dataset<Row> df = spark.createDataFrame(List.of(RowFactory.create(1L, "I love transformers!")), SCHEMA);
    Row row = new TextTokenizer().transform(df).first();
    assertEquals(List.of("[CLS]", "i", "love", "transformers", "!", "[SEP]"), row.getList(4));
    assertArrayEquals(new Object[] {101, 1045, 2293, 19081, 999, 102}, row.getList(2).toArray());
  }

  static float[] toFloats(List<Object> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (Float) values.get(i);
    }
    return out;
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }
}
