package io.sparkscore.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkscore.SparkScoreException;
import io.sparkscore.model.FileDigest;
import io.sparkscore.runtime.LoadedModel;
import io.sparkscore.testing.CliRun;
import io.sparkscore.testing.Cuda;
import io.sparkscore.testing.LogCapture;
import io.sparkscore.testing.ModelCopies;
import io.sparkscore.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fp16 variant runs only on CUDA. On a machine without a GPU (these tests), {@code device=auto}
 * runs the fp32 graph with one WARN, and {@code device=cpu} refuses the combination up front.
 */
class Fp16VariantTest {
  @BeforeAll
  static void onAHostWithoutGpu() {
    Cuda.assumeNoGpu();
  }

  private static final StructType SCHEMA =
      new StructType().add("id", DataTypes.IntegerType).add("text", DataTypes.StringType);

  private static Dataset<Row> texts() {
    List<Row> rows = List.of(
        RowFactory.create(0, "The quick brown fox jumps over the lazy dog."),
        RowFactory.create(1, "Hello, World!"),
        RowFactory.create(2, ""),
        RowFactory.create(3, null),
        RowFactory.create(4, "It was the best of times, it was the worst of times."));
    return TestSpark.session().createDataFrame(rows, SCHEMA).repartition(2);
  }

  private static Map<Integer, List<Object>> embed(TextEmbedder embedder) {
    Map<Integer, List<Object>> out = new HashMap<>();
    for (Row row : embedder.transform(texts()).collectAsList()) {
      out.put(row.getInt(0), row.isNullAt(2) ? null : row.getList(2));
    }
    return out;
  }

  @Test
  void autoWithoutGpuRunsTheFp32GraphWithOneWarning(@TempDir Path dir) throws IOException {
    String model = ModelCopies.tinyBert(dir, true).toString();
    Map<Integer, List<Object>> fp32 = embed(new TextEmbedder().setModel(model));
    try (LogCapture log = LogCapture.of(LoadedModel.class)) {
      Map<Integer, List<Object>> fp16 = embed(new TextEmbedder().setModel(model).setModelVariant("fp16"));
      assertEquals(fp32, fp16, "CPU tasks ran model.onnx, not the (different) graph named model_fp16.onnx");
      embed(new TextEmbedder().setModel(model).setModelVariant("model_fp16.onnx").setBatchSize(1));
      List<String> warnings = log.matching("runs only on CUDA");
      assertEquals(1, warnings.size(), "one WARN per JVM: " + log.lines());
      assertEquals(
          "WARN SparkScore: model " + model + ": the fp16 graph model_fp16.onnx runs only on CUDA; "
              + "CPU sessions in this JVM run the fp32 graph " + dir.resolve("onnx/model.onnx"),
          warnings.get(0));
    }
  }

  @Test
  void aPinnedFp16VariantFallsBackOnlyToAPinnedFp32Graph(@TempDir Path dir) throws IOException {
    Path model = ModelCopies.tinyBert(dir, true);
    String fp16 = FileDigest.sha256(model.resolve("onnx/model_fp16.onnx"));
    String fp32 = FileDigest.sha256(model.resolve("onnx/model.onnx"));
    Exception e = assertThrows(Exception.class,
        () -> embed(new TextEmbedder().setModel(model.toString()).setModelVariant("fp16").setModelSha256(fp16)));
    String message = Stream.iterate((Throwable) e, t -> t != null, Throwable::getCause)
        .filter(SparkScoreException.class::isInstance).findFirst().orElseThrow().getMessage();
    assertTrue(message.contains("CPU sessions of the fp16 variant run the fp32 graph model.onnx, which the pins do not "
        + "allow: model " + model + ": onnx/model.onnx has sha256 " + fp32 + " but " + fp16 + " is pinned"), message);
    assertTrue(message.endsWith("Pin both graphs by name (onnx/model_fp16.onnx=…,onnx/model.onnx=…) or run on CUDA"),
        message);

    Map<Integer, List<Object>> bothPinned = embed(new TextEmbedder().setModel(model.toString()).setModelVariant("fp16")
        .setModelSha256("onnx/model_fp16.onnx=" + fp16 + ",onnx/model.onnx=" + fp32));
    assertEquals(embed(new TextEmbedder().setModel(model.toString())), bothPinned);
  }

  @Test
  void cpuRefusesTheFp16Variant() {
    TextEmbedder embedder = new TextEmbedder()
        .setModel(TestSpark.fixtureModel("tiny-bert")).setModelVariant("fp16").setDevice("cpu");
    SparkScoreException e = assertThrows(SparkScoreException.class, () -> embedder.transformSchema(texts().schema()));
    assertEquals(SparkScoreException.Kind.USER, e.kind());
    assertEquals(embedder.uid() + ": modelVariant 'fp16' is the fp16 graph, which SparkScore runs only on CUDA, "
        + "but device is cpu; use device auto or cuda, or leave modelVariant empty for the fp32 graph", e.getMessage());
  }

  @Test
  void theCommandLineSaysSoToo(@TempDir Path dir) throws IOException {
    CliRun run = CliRun.embed(
        dir, "--model", TestSpark.fixtureModel("tiny-bert"), "--model-variant", "fp16", "--device", "cpu");
    assertEquals(2, run.status());
    String message = run.err();
    assertTrue(message.startsWith("error: textEmbedder_") && message.contains(": modelVariant 'fp16' is the fp16 graph"),
        message);
  }

  @Test
  void anFp16GraphAloneCannotServeCpuTasks(@TempDir Path dir) throws IOException {
    Path model = ModelCopies.tinyBert(dir, true);
    Files.delete(model.resolve("onnx/model.onnx"));
    TextEmbedder embedder = new TextEmbedder().setModel(model.toString()).setModelVariant("fp16");
    SparkScoreException e = assertThrows(SparkScoreException.class, () -> embedder.transform(texts()));
    assertEquals(SparkScoreException.Kind.USER, e.kind());
    assertEquals("model " + model + ": the fp16 graph model_fp16.onnx runs only on CUDA, and CPU sessions need the "
        + "fp32 graph beside it: model " + model + ": no ONNX graph in " + model
        + " (looked for onnx/model.onnx and model.onnx)", e.getMessage());
  }
}
