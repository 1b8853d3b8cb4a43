package io.sparkscore.runtime;

import io.sparkscore.SparkScoreException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Python that runs ONNX Runtime's quantisation tools: a virtualenv ({@code .venv/quantize} in the
 * SparkScore checkout) created on first use from {@code python3} with the pinned packages of
 * {@code requirements.txt} from PyPI. {@code SPARKSCORE_QUANTIZE_PYTHON} names an interpreter that
 * already has them instead.
 */
public final class PythonEnv {
  private static final String REQUIREMENTS = "/io/sparkscore/quantize/requirements.txt";

  private PythonEnv() {}

  /** The interpreter to run, preparing the virtualenv under {@code root} when it is missing. */
  public static Path quantizePython(Path root, PrintStream out) {
    String given = System.getenv("SPARKSCORE_QUANTIZE_PYTHON");
    if (given != null && !given.isBlank()) {
      return Path.of(given);
    }
    Path venv = root.resolve(".venv/quantize");
    Path python = venv.resolve("bin/python");
    Path stamp = venv.resolve(".sparkscore-requirements");
    try {
      String wanted = requirements();
      if (Files.isExecutable(python) && Files.isRegularFile(stamp) && Files.readString(stamp).equals(wanted)) {
        return python;
      }
      out.println("quantize: preparing " + venv + " (onnxruntime, onnx and numpy from PyPI; once)");
      exec(List.of("python3", "-m", "venv", venv.toString()), out, "python3 -m venv");
      Path file = Files.createTempFile("sparkscore-quantize", "-requirements.txt");
      try {
        Files.writeString(file, wanted);
        exec(List.of(python.toString(), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r",
            file.toString()), out, "pip install");
      } finally {
        Files.deleteIfExists(file);
      }
      Files.writeString(stamp, wanted);
      return python;
    } catch (IOException e) {
      throw SparkScoreException.user(e, "quantize: cannot prepare %s: %s", venv, e.getMessage());
    }
  }

  private static String requirements() throws IOException {
    try (InputStream in = PythonEnv.class.getResourceAsStream(REQUIREMENTS)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Runs {@code command}, copying its output lines to {@code out}; a non-zero exit is a user error naming {@code what}. */
  static void exec(List<String> command, PrintStream out, String what) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      StringBuilder tail = new StringBuilder();
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          // ONNX Runtime's tools warn about every pre-processing step; only the rest is news.
          if (!line.contains("WARNING") && !line.contains("Please consider to run pre-processing")) {
            out.println("  " + line);
          }
          tail.append(line).append('\n');
          if (tail.length() > 4000) {
            tail.delete(0, tail.length() - 4000);
          }
        }
      }
      int status = process.waitFor();
      if (status != 0) {
        throw SparkScoreException.user("quantize: %s failed (exit %d): %s", what, status, tail.toString().strip());
      }
    } catch (IOException e) {
      throw SparkScoreException.user(e, "quantize: cannot run %s (%s): %s", what, command.get(0), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SparkScoreException.user(e, "quantize: interrupted while running %s", what);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
