package io.sparkscore.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Private copies of fixture models in a test's temporary directory, for tests that need a model no
 * other test has loaded (fallback warnings are once per JVM and graph) or extra graph files.
 */
public final class ModelCopies {
  private ModelCopies() {}

  /** A copy of every file of fixture {@code name} at {@code target}. */
  public static Path fixture(String name, Path target) throws IOException {
    Path source = Path.of(TestSpark.fixtureModel(name));
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path dest = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(file, dest);
        }
      }
    }
    return target;
  }

  /**
   * The tiny BERT fixture with its fp32 graph; with {@code withFp16Name}, also a graph named
   * {@code model_fp16.onnx} that is really the fixture's int8 graph, so any output that came from it
   * differs from fp32 output.
   */
  public static Path tinyBert(Path dir, boolean withFp16Name) throws IOException {
    Path source = Path.of(TestSpark.fixtureModel("tiny-bert"));
    for (String file : List.of("config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json",
        "onnx/model.onnx")) {
      Files.createDirectories(dir.resolve(file).getParent());
      Files.copy(source.resolve(file), dir.resolve(file));
    }
    if (withFp16Name) {
      Files.copy(source.resolve("onnx/model_quantized.onnx"), dir.resolve("onnx/model_fp16.onnx"));
    }
    return dir;
  }
}
