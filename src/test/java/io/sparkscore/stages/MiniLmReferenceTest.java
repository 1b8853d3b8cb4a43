package io.sparkscore.stages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkscore.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  /**
   * The int8 MiniLM in ../shared/models, against the values its README records (ONNX Runtime Java
   * + DJL, mean pooling, L2 norm, max length 128).
   */
  @Test
  void sharedQuantizedMiniLmMatchesItsRecordedValues(@TempDir Path dir) throws IOException {
    Path shared = TestSpark.sharedModel("all-minilm-l6-v2-q");
    Assumptions.assumeTrue(shared != null, "skipped: ../shared/models/all-minilm-l6-v2-q is not in this checkout");
    // The shared copy holds the graph and tokenizer only; the upstream config.json is the embedded model's.
    Path model = Files.createDirectory(dir.resolve("minilm-q"));
    Files.createSymbolicLink(model.resolve("model.onnx"), shared.resolve("model.onnx"));
    Files.createSymbolicLink(model.resolve("tokenizer.json"), shared.resolve("tokenizer.json"));
    try (var config = getClass().getResourceAsStream("/io/sparkscore/models/all-minilm-l6-v2/config.json")) {
      Files.copy(config, model.resolve("config.json"));
    }
    SparkSession spark = TestSpark.session();
    Dataset<Row> df = spark.createDataFrame(
        List.of(
            RowFactory.create(1L, "I love transformers!"),
            RowFactory.create(2L, "I hate this movie."),
            RowFactory.create(3L, "A man is eating pizza"),
            RowFactory.create(4L, "A man eats something")),
        SCHEMA);
    // Dynamic int8 quantisation scales activations per batch tensor, padding included: the recorded
    // values come from one text per run, so batches of one reproduce them.
    List<Row> rows = new TextEmbedder().setModel(model.toString()).setPooling("mean").setNormalize(true)
        .setMaxLength(128).setBatchSize(1).transform(df).orderBy("id").collectAsList();
    float[][] e = rows.stream().map(r -> toFloats(r.getList(2))).toArray(float[][]::new);
    float[][] firstFive = {
        {-0.103440f, -0.054740f, 0.014827f, -0.044563f, -0.012405f},
        {-0.017840f, 0.046646f, -0.014424f, 0.009972f, 0.052360f},
        {0.001632f, 0.047015f, -0.001278f, 0.081730f, -0.119834f},
        {0.015248f, -0.030513f, -0.003395f, 0.000572f, -0.093867f}};
    for (int i = 0; i < 4; i++) {
      for (int d = 0; d < 5; d++) {
        assertEquals(firstFive[i][d], e[i][d], 1e-4, "text " + i + " dim " + d);
      }
    }
    assertEquals(0.575111, dot(e[2], e[3]), 1e-4);
    assertEquals(0.275495, dot(e[0], e[1]), 1e-4);
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
