package io.sparkscore.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkscore.SparkScoreException;
import io.sparkscore.testing.CliRun;
import io.sparkscore.testing.ModelCopies;
import io.sparkscore.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fp16-against-fp32 check, run here on CPU: against an identical graph it passes with cosine 1,
 * against the int8 graph dressed up as fp16 it must notice the difference.
 */
class PrecisionCheckTest {
  private static final List<String> TEXTS = List.of(
      "The quick brown fox jumps over the lazy dog.", "Hello, World!", "", "It was the best of times.",
      "It was the worst of times, it was the age of wisdom, it was the age of foolishness.");

  @Test
  void anIdenticalGraphPasses(@TempDir Path dir) throws IOException {
    Path model = ModelCopies.tinyBert(dir, false);
    Files.copy(model.resolve("onnx/model.onnx"), model.resolve("onnx/model_fp16.onnx"));
    PrecisionCheck.Report report = PrecisionCheck.run(model.toString(), "", "fp16", Device.CPU, TEXTS, 2, 0.999);
    assertTrue(report.passed(), report.toString());
    assertFalse(report.classifier());
    assertEquals(1.0, report.minCosine(), 1e-9);
    assertEquals(5, report.texts());
    assertEquals("model_fp16.onnx", report.candidateGraph());
    assertEquals("model.onnx", report.baselineGraph());
    assertTrue(report.toString().startsWith("PASS: model_fp16.onnx vs model.onnx of " + model + " on cpu, 5 texts, "
        + "output last_hidden_state: embedding cosine min 1.000000"), report.toString());
  }

  @Test
  void aGraphThatDriftsFails(@TempDir Path dir) throws IOException {
    String model = ModelCopies.tinyBert(dir, true).toString();
    PrecisionCheck.Report report = PrecisionCheck.run(model, "", "fp16", Device.CPU, TEXTS, 3, 0.9999);
    assertFalse(report.passed(), report.toString());
    assertTrue(report.minCosine() < 0.9999 && report.minCosine() > 0.5, report.toString());
    assertTrue(report.worstText() >= 0 && report.worstText() < TEXTS.size());
    assertTrue(report.toString().startsWith("FAIL: "), report.toString());
  }

  @Test
  void classifiersCompareLabels(@TempDir Path dir) throws IOException {
    Path source = Path.of(TestSpark.fixtureModel("tiny-bert-sentiment"));
    for (String file : List.of("config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json")) {
      Files.copy(source.resolve(file), dir.resolve(file));
    }
    Files.createDirectories(dir.resolve("onnx"));
    Files.copy(source.resolve("onnx/model.onnx"), dir.resolve("onnx/model.onnx"));
    Files.copy(source.resolve("onnx/model.onnx"), dir.resolve("onnx/model_fp16.onnx"));
    PrecisionCheck.Report report = PrecisionCheck.run(dir.toString(), "", "fp16", Device.CPU, TEXTS, 4, 0.999);
    assertTrue(report.classifier());
    assertEquals("logits", report.output());
    assertEquals(5, report.labelsCompared());
    assertEquals(0, report.labelsDiffering());
    assertTrue(report.passed(), report.toString());
  }

  @Test
  void refusesNothingToCompare() {
    SparkScoreException e = assertThrows(SparkScoreException.class,
        () -> PrecisionCheck.run("minilm", "", "fp16", Device.CPU, List.of(), 8, 0.999));
    assertEquals("precision check of minilm: no texts to compare", e.getMessage());
  }

  @Test
  void theCommandExitsOneOnARegression(@TempDir Path dir) throws IOException {
    String model = ModelCopies.tinyBert(dir.resolve("model"), true).toString();
    Path input = Files.write(dir.resolve("texts.txt"), TEXTS.subList(0, 2));
    CliRun run = CliRun.of("check-precision", "--model", model, "--input", input.toString(), "--device", "cpu",
        "--min-cosine", "0.99999999");
    String printed = run.out();
    assertEquals(1, run.status(), printed + run.err());
    assertTrue(printed.startsWith("FAIL: model_fp16.onnx vs model.onnx of " + model + " on cpu, 2 texts"), printed);
  }
}
