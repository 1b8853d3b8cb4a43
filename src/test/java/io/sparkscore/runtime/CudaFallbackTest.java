package io.sparkscore.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkscore.SparkScoreException;
import io.sparkscore.testing.CliRun;
import io.sparkscore.testing.Cuda;
import io.sparkscore.testing.LogCapture;
import io.sparkscore.testing.ModelCopies;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions asked for a GPU on a machine where ONNX Runtime cannot use one (the CPU onnxruntime jar
 * that tests run with has no CUDA provider): {@code auto} falls back with one WARN per JVM and
 * (graph, device), {@code cuda} fails naming the device and ONNX Runtime's error.
 */
class CudaFallbackTest {
  @BeforeAll
  static void onAHostWithoutGpu() {
    Cuda.assumeNoGpu();
  }

  private static final String WARNING = "under device=auto, but ONNX Runtime cannot use it";

  private static SessionSettings settings(String device) {
    return SessionSettings.DEFAULTS.withDevice(DeviceRequest.parse(device));
  }

  @Test
  void autoFallsBackToCpuWithOneWarningPerGraphAndDevice(@TempDir Path dir) throws IOException {
    LoadedModel model = ModelCache.get(new ModelSpec(ModelCopies.tinyBert(dir, false).toString(), "", settings("auto")));
    try (LogCapture log = LogCapture.of(LoadedModel.class)) {
      OnnxModel session = model.session(settings("auto"), Device.cuda(1));
      assertEquals(Device.CPU, session.device());
      assertEquals("cpu (fallback from cuda:1)", session.deviceLabel());
      assertEquals(dir.resolve("onnx/model.onnx"), session.graph());
      assertSame(session, model.session(settings("auto"), Device.cuda(1)), "one session per device, reused");
      model.session(settings("auto").withIntraOpThreads(2), Device.cuda(1));
      List<String> warnings = log.matching(WARNING);
      assertEquals(1, warnings.size(), "one WARN for cuda:1 however many sessions: " + log.lines());
      String warning = warnings.get(0);
      assertTrue(warning.startsWith("WARN SparkScore: model " + dir + " selected cuda:1 under device=auto"), warning);
      assertTrue(warning.endsWith("; sessions in this JVM run it on CPU"), warning);

      model.session(settings("auto"), Device.cuda(0));
      assertEquals(2, log.matching(WARNING).size(), "another device warns again: " + log.lines());
    }
  }

  @Test
  void cudaRequiredFailsNamingTheDeviceAndOrtError(@TempDir Path dir) throws IOException {
    LoadedModel model = ModelCache.get(new ModelSpec(ModelCopies.tinyBert(dir, false).toString(), "", settings("cuda")));
    try (LogCapture log = LogCapture.of(LoadedModel.class)) {
      SparkScoreException e = assertThrows(
          SparkScoreException.class, () -> model.session(settings("cuda"), Device.cuda(0)));
      assertEquals(SparkScoreException.Kind.RESOURCES, e.kind());
      assertTrue(e.getMessage().startsWith("model " + dir + ": ONNX Runtime cannot run model.onnx on cuda:0: "),
          e.getMessage());
      assertTrue(e.getMessage().contains("(device=cuda requires the GPU: run with the GPU build of SparkScore"),
          e.getMessage());
      assertTrue(e.getCause().getCause() instanceof ai.onnxruntime.OrtException, "keeps ONNX Runtime's exception");
      assertEquals(List.of(), log.lines(), "no fallback, no warning");
    }
  }

  @Test
  void aJobThatRequiresCudaEndsWithTheErrorAndStatusTwo(@TempDir Path dir) throws IOException {
    String model = ModelCopies.tinyBert(dir.resolve("model"), false).toString();
    CliRun run = CliRun.embed(dir, "--model", model, "--device", "cuda:0");
    String message = run.err();
    assertEquals(2, run.status(), message);
    assertTrue(message.startsWith("error: model " + model + ": ONNX Runtime cannot run model.onnx on cuda:0: "), message);
    assertTrue(message.contains("(device=cuda:0 requires the GPU"), message);
  }
}
