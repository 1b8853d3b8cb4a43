package io.sparkscore.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkscore.SparkScoreException;
import io.sparkscore.runtime.Device;
import io.sparkscore.runtime.ModelCache;
import io.sparkscore.runtime.ModelSpec;
import io.sparkscore.runtime.SessionSettings;
import io.sparkscore.stages.TextEmbedder;
import io.sparkscore.testing.ModelCopies;
import io.sparkscore.testing.TestSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model directories from every source, and the fast, specific failures of broken ones. */
class ModelLoadingTest {
  @TempDir Path tmp;

  private Path copyOf(String fixture) throws IOException {
    return ModelCopies.fixture(fixture, tmp.resolve(fixture + "-" + System.nanoTime()));
  }

  /** Opens a directory as a stage does on the driver: locate, check, open a CPU session. */
  private static SparkScoreException openFails(Path dir) {
    return assertThrows(SparkScoreException.class,
        () -> ModelCache.get(new ModelSpec(dir.toString(), "", SessionSettings.DEFAULTS))
            .session(SessionSettings.DEFAULTS, Device.CPU));
  }

  @Test
  void missingConfigIsNamed() throws IOException {
    Path dir = copyOf("tiny-bert");
    Files.delete(dir.resolve("config.json"));
    SparkScoreException e = openFails(dir);
    assertEquals("model " + dir + ": missing config.json in " + dir, e.getMessage());
  }

  @Test
  void missingGraphNamesBothPlacesLookedAt() throws IOException {
    Path dir = copyOf("tiny-bert");
    SparkScoreException e = assertThrows(SparkScoreException.class,
        () -> ModelLocator.locate(dir.toString(), "fp16"));
    assertEquals("model " + dir + ": no ONNX graph in " + dir
        + " (looked for onnx/model_fp16.onnx and model_fp16.onnx)", e.getMessage());
  }

  @Test
  void unreadableOnnxFileFailsWithItsPath() throws IOException {
    Path dir = copyOf("tiny-bert");
    Files.writeString(dir.resolve("onnx/model.onnx"), "not a graph");
    SparkScoreException e = openFails(dir);
    assertTrue(e.getMessage().startsWith("model " + dir + ": ONNX Runtime cannot load " + dir.resolve("onnx/model.onnx")),
        e.getMessage());
  }

  @Test
  void configThatContradictsTheGraphIsRefused() throws IOException {
    Path dir = copyOf("tiny-bert-sentiment");
    String config = Files.readString(dir.resolve("config.json"));
    Files.writeString(dir.resolve("config.json"),
        config.replaceFirst("\"id2label\"\\s*:\\s*\\{", "\"id2label\": {\"3\": \"EXTRA\", "));
    Files.writeString(dir.resolve("config.json"), Files.readString(dir.resolve("config.json")).replace("\"label2id\"", "\"unused_label2id\""));
    SparkScoreException e = openFails(dir);
    assertEquals("model " + dir + ": config.json has 4 labels in id2label but the graph's logits output has 3",
        e.getMessage());
  }

  @Test
  void brokenConfigJsonIsNamed() throws IOException {
    Path dir = copyOf("tiny-bert");
    Files.writeString(dir.resolve("config.json"), "{ not json", StandardCharsets.UTF_8);
    SparkScoreException e = openFails(dir);
    assertTrue(e.getMessage().startsWith("cannot read " + dir.resolve("config.json") + " as JSON"), e.getMessage());
  }

  @Test
  void failsOnTheDriverBeforeAnySparkJob() throws IOException {
    Path dir = copyOf("tiny-bert");
    Files.delete(dir.resolve("tokenizer.json"));
    var df = TestSpark.session().createDataFrame(List.of(RowFactory.create("x")), new StructType().add("text", DataTypes.StringType));
    long jobsBefore = TestSpark.session().sparkContext().statusTracker().getJobIdsForGroup(null).length;
    SparkScoreException e = assertThrows(SparkScoreException.class, () -> new TextEmbedder().setModel(dir.toString()).transform(df));
    assertEquals("model " + dir + ": missing tokenizer.json in " + dir, e.getMessage());
    assertEquals(jobsBefore, TestSpark.session().sparkContext().statusTracker().getJobIdsForGroup(null).length);
  }

  @Test
  void hadoopUriIsCopiedToTheLocalCacheWithOnlyModelFiles() throws IOException {
    Path dir = copyOf("tiny-bert");
    Files.writeString(dir.resolve("pytorch_model.bin"), "a pickle must never be read or copied");
    String uri = dir.toUri().toString();
    ModelDirectory located = ModelLocator.locate(uri, "");
    assertTrue(!located.root().equals(dir), "copied, not used in place");
    assertTrue(Files.isRegularFile(located.root().resolve("onnx/model.onnx")));
    assertTrue(Files.notExists(located.root().resolve("pytorch_model.bin")));
    assertEquals(located.root(), ModelLocator.locate(uri, "").root(), "copied once per JVM");
    List<Row> rows = new TextEmbedder().setModel(uri)
        .transform(TestSpark.session().createDataFrame(List.of(RowFactory.create("hello")),
            new StructType().add("text", DataTypes.StringType)))
        .collectAsList();
    assertEquals(32, rows.get(0).getList(1).size());
  }

  @Test
  void classpathModelIsExtracted() {
    ModelDirectory located = ModelLocator.locate("classpath:models/tiny-roberta", "");
    assertEquals("roberta", located.config().modelType());
    assertEquals(64, located.maxLength());
    assertEquals(1L, located.padTokenId(), "RoBERTa pads with <pad> = 1");
  }

  @Test
  void embeddedDefaultModelCarriesSentenceTransformersSettings() {
    ModelDirectory minilm = ModelLocator.locate("minilm", "");
    assertEquals(256, minilm.maxLength());
    assertEquals("mean", minilm.declaredPooling().orElseThrow());
    assertTrue(minilm.declaresNormalize());
  }

  @Test
  void unknownModelNameSaysWhatWasTried() {
    SparkScoreException e = assertThrows(SparkScoreException.class, () -> ModelLocator.locate("no-such-model", ""));
    assertTrue(e.getMessage().startsWith("model 'no-such-model' is neither an embedded model [minilm"), e.getMessage());
  }
}
