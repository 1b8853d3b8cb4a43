package io.sparkscore.testing;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Whether this host can run models on a GPU; the tests of the CPU fallback skip where it can. */
public final class Cuda {
  private Cuda() {}

  /** ONNX Runtime has its CUDA provider (the GPU build) and the host has an NVIDIA device. */
  public static boolean usable() {
    return OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA) && Files.exists(Path.of("/dev/nvidia0"));
  }

  /** Skips the calling test class on a GPU host: it asserts what happens without one. */
  public static void assumeNoGpu() {
    Assumptions.assumeFalse(usable(), "CUDA is usable on this host; this test checks behaviour without a GPU");
  }
}
