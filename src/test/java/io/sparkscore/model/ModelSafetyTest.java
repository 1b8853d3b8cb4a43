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
import io.sparkscore.testing.CliRun;
import io.sparkscore.testing.ModelCopies;
import io.sparkscore.testing.TestSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pinned model hashes, pickles never loaded, allowed model roots, and no custom-op libraries unless named. */
class ModelSafetyTest {
  @TempDir Path tmp;

  private static Path copyOf(String fixture, Path parent) throws IOException {
    return ModelCopies.fixture(fixture, parent.resolve(fixture + "-" + System.nanoTime()));
  }

  private static Dataset<Row> oneText() {
    return TestSpark.session().createDataFrame(List.of(RowFactory.create("a text")),
        new StructType().add("text", DataTypes.StringType));
  }

  @Test
  void pinnedHashMustMatchOnTheDriverAndTheExecutors() throws IOException {
    Path dir = copyOf("tiny-bert", tmp);
    String actual = FileDigest.sha256(dir.resolve("onnx/model.onnx"));
    String wrong = "0".repeat(64);
    Row embedded = new TextEmbedder().setModel(dir.toString()).setModelSha256(actual.toUpperCase())
        .transform(oneText()).first();
    assertEquals(32, embedded.getList(1).size(), "the right pin runs");

    SparkScoreException e = assertThrows(SparkScoreException.class,
        () -> new TextEmbedder().setModel(dir.toString()).setModelSha256(wrong).transform(oneText()));
    assertEquals("model " + dir + ": onnx/model.onnx has sha256 " + actual + " but " + wrong
        + " is pinned; refusing to run a model other than the pinned one", e.getMessage());

    String tokenizer = FileDigest.sha256(dir.resolve("tokenizer.json"));
    e = assertThrows(SparkScoreException.class, () -> new TextEmbedder().setModel(dir.toString())
        .setModelSha256(graphPin(actual) + ",tokenizer.json=" + wrong).transform(oneText()));
    assertEquals("model " + dir + ": tokenizer.json has sha256 " + tokenizer + " but " + wrong
        + " is pinned; refusing to run a model other than the pinned one", e.getMessage());

    e = assertThrows(SparkScoreException.class,
        () -> new TextEmbedder().setModel(dir.toString()).setModelSha256("abc").transform(oneText()));
    assertEquals("model pin 'abc' is not a SHA-256 (64 hex digits)", e.getMessage());

    CliRun run = CliRun.of("embed", "--input",
        TestSpark.repoRoot().resolve("jobs/data/reviews.txt").toString(), "--output", tmp.resolve("out").toString(),
        "--model", dir.toString(), "--model-sha256", wrong);
    assertEquals(2, run.status());
    assertTrue(run.err().contains("has sha256 " + actual + " but " + wrong + " is pinned"), run.err());
  }

  private static String graphPin(String hash) {
    return ModelDirectory.GRAPH + "=" + hash;
  }

  @Test
  void hashIsComputedOncePerFileUntilTheFileChanges() throws IOException {
    Path dir = copyOf("tiny-bert", tmp);
    ModelDirectory model = ModelDirectory.open("m", dir, "");
    int before = FileDigest.computed();
    String first = model.onnxSha256();
    assertEquals(first, model.onnxSha256());
    assertEquals(first, ModelDirectory.open("again", dir, "").onnxSha256());
    assertEquals(before + 1, FileDigest.computed(), "one file, hashed once");
    model.verify(Map.of(ModelDirectory.GRAPH, first));

    // A graph swapped in place is hashed again and no longer passes.
    Path graph = dir.resolve("onnx/model.onnx");
    Files.write(graph, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
    Files.setLastModifiedTime(graph, FileTime.fromMillis(Files.getLastModifiedTime(graph).toMillis() + 5_000));
    SparkScoreException e = assertThrows(SparkScoreException.class,
        () -> model.verify(Map.of(ModelDirectory.GRAPH, first)));
    assertTrue(e.getMessage().contains("but " + first + " is pinned"), e.getMessage());
  }

  @Test
  void pickledWeightsAreNeverLoaded() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("pytorch-only"));
    Files.writeString(dir.resolve("pytorch_model.bin"), "a pickle: never to be unpickled");
    String expected = "no ONNX graph in %s (looked for onnx/model.onnx and model.onnx), only pytorch_model.bin; "
        + "SparkScore never loads pickled weights (*.bin, *.pt, *.pkl, *.ckpt): export the model to ONNX first, "
        + "e.g. optimum-cli export onnx --model <model> <dir>";
    SparkScoreException local = assertThrows(SparkScoreException.class, () -> ModelLocator.locate(dir.toString(), ""));
    assertEquals("model " + dir + ": " + String.format(expected, dir), local.getMessage());

    String uri = dir.toUri().toString();
    SparkScoreException remote = assertThrows(SparkScoreException.class, () -> ModelLocator.locate(uri, ""));
    assertEquals("model " + uri + ": " + String.format(expected, uri), remote.getMessage());

    // Beside a graph, a pickle is simply ignored: only the graph, JSON and tokenizer files are read.
    Path both = copyOf("tiny-bert", tmp);
    Files.writeString(both.resolve("model.ckpt"), "not read");
    assertEquals(both.resolve("onnx/model.onnx"), ModelLocator.locate(both.toString(), "").onnxFile());
  }

  @Test
  void modelsOutsideTheAllowedRootsAreRefused() throws IOException {
    Path allowed = Files.createDirectories(tmp.resolve("models"));
    Path inside = copyOf("tiny-bert", allowed);
    Path outside = copyOf("tiny-bert", Files.createDirectories(tmp.resolve("models-elsewhere")));
    Path link = Files.createSymbolicLink(allowed.resolve("link-out"), outside);
    String previous = System.getProperty(AllowedRoots.PROPERTY);
    System.setProperty(AllowedRoots.PROPERTY, "hdfs://namenode/models/, " + allowed + "/");
    try {
      assertEquals(inside.resolve("onnx/model.onnx"), ModelLocator.locate(inside.toString(), "").onnxFile());
      ModelLocator.locate(inside.toUri().toString(), "");
      ModelLocator.locate("minilm", "");
      for (String refused : List.of(outside.toString(), link.toString(), outside.toUri().toString(),
          allowed + "/../models-elsewhere/" + outside.getFileName(), "hdfs://namenode/models-2/x",
          "hdfs://other/models/x")) {
        SparkScoreException e = assertThrows(SparkScoreException.class, () -> ModelLocator.locate(refused, ""));
        assertEquals("model '" + refused + "' is outside the allowed model roots [hdfs://namenode/models/, " + allowed
            + "/] (sparkscore.model.allowedRoots); move it under one of them or widen the setting", e.getMessage());
      }
    } finally {
      if (previous == null) {
        System.clearProperty(AllowedRoots.PROPERTY);
      } else {
        System.setProperty(AllowedRoots.PROPERTY, previous);
      }
    }
  }

  @Test
  void customOperatorsNeedALibraryThatASettingNames() throws IOException {
    Path dir = copyOf("tiny-bert", tmp);
    Files.write(dir.resolve("onnx/model.onnx"), customOpGraph());
    SparkScoreException e = assertThrows(SparkScoreException.class,
        () -> ModelCache.get(ModelSpec.of(dir.toString())).session(SessionSettings.DEFAULTS, Device.CPU));
    assertTrue(e.getMessage().contains("com.example.sparkscore:Scramble"), e.getMessage());
    assertTrue(e.getMessage().endsWith(
        "(custom-op libraries are loaded only when sparkscore.onnx.customOpLibraries names them)"), e.getMessage());

    Path missing = tmp.resolve("libcustom_ops.so");
    System.setProperty("sparkscore.onnx.customOpLibraries", missing.toString());
    try {
      SparkScoreException named = assertThrows(SparkScoreException.class,
          () -> ModelCache.get(ModelSpec.of(copyOf("tiny-bert", tmp).toString())).session(SessionSettings.DEFAULTS,
              Device.CPU));
      assertEquals("custom-op library " + missing + " named by sparkscore.onnx.customOpLibraries does not exist",
          named.getMessage());
    } finally {
      System.clearProperty("sparkscore.onnx.customOpLibraries");
    }
  }

  /** An ONNX model (protobuf) whose one node is an operator from a domain no library provides. */
  static byte[] customOpGraph() {
    byte[] int64Tensor = message(1, varint(1, 7));
    byte[] floatTensor = message(1, varint(1, 1));
    byte[] graph = concat(
        message(1, concat(string(1, "input_ids"), string(2, "logits"), string(3, "n"), string(4, "Scramble"),
            string(7, "com.example.sparkscore"))),
        string(2, "g"),
        message(11, concat(string(1, "input_ids"), message(2, int64Tensor))),
        message(12, concat(string(1, "logits"), message(2, floatTensor))));
    return concat(varint(1, 8), message(8, concat(string(1, ""), varint(2, 17))),
        message(8, concat(string(1, "com.example.sparkscore"), varint(2, 1))), message(7, graph));
  }

  private static byte[] varint(int field, long value) {
    return concat(key(field, 0), rawVarint(value));
  }

  private static byte[] string(int field, String value) {
    return message(field, value.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] message(int field, byte[] body) {
    return concat(key(field, 2), rawVarint(body.length), body);
  }

  private static byte[] key(int field, int wireType) {
    return rawVarint((long) field << 3 | wireType);
  }

  private static byte[] rawVarint(long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while ((value & ~0x7FL) != 0) {
      out.write((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
