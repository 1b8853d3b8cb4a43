package io.sparkscore.runtime;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.sparkscore.Settings;
import io.sparkscore.SparkScoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * ONNX Runtime custom-op libraries are native code that a graph could otherwise pull in: SparkScore
 * registers one only when the {@link Settings setting} {@value #PROPERTY} names it (comma-separated
 * paths). Unset, graphs run on ONNX Runtime's own operators alone.
 */
final class CustomOps {
  static final String PROPERTY = "sparkscore.onnx.customOpLibraries";

  private CustomOps() {}

  static List<String> configured() {
    return Settings.list(PROPERTY);
  }

  /** Registers the configured libraries, if any, with {@code options}. */
  static void register(OrtSession.SessionOptions options) throws OrtException {
    for (String library : configured()) {
      if (!Files.isRegularFile(Path.of(library))) {
        throw SparkScoreException.user("custom-op library %s named by %s does not exist", library, PROPERTY);
      }
      options.registerCustomOpLibrary(library);
    }
  }

  /** A hint for a load error about an operator ONNX Runtime does not know. */
  static String hint(String loadError) {
    return loadError != null && loadError.contains("is not a registered function/op") && configured().isEmpty()
        ? " (custom-op libraries are loaded only when " + PROPERTY + " names them)"
        : "";
  }
}
