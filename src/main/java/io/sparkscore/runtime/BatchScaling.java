package io.sparkscore.runtime;

import io.sparkscore.SparkScoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a graph scales activations per run: dynamically quantised graphs
 * ({@code DynamicQuantizeLinear}) derive an int8 scale from the whole input tensor, padding and
 * neighbouring rows included, so a row's output moves with its batch. Such graphs run one row per
 * run, which keeps every row's output its own. An ONNX file stores each node's op type as plain
 * UTF-8, so finding the name in its bytes finds the op.
 */
public final class BatchScaling {
  static final String DYNAMIC_QUANTIZE = "DynamicQuantizeLinear";
  private static final byte[] NEEDLE = DYNAMIC_QUANTIZE.getBytes(StandardCharsets.US_ASCII);

  private BatchScaling() {}

  public static boolean scalesPerRun(Path graph) {
    try (InputStream in = Files.newInputStream(graph)) {
      // Knuth-Morris-Pratt over the stream: no byte is read twice and nothing is buffered.
      int[] fallback = new int[NEEDLE.length];
      for (int i = 1, k = 0; i < NEEDLE.length; i++) {
        while (k > 0 && NEEDLE[i] != NEEDLE[k]) {
          k = fallback[k - 1];
        }
        if (NEEDLE[i] == NEEDLE[k]) {
          k++;
        }
        fallback[i] = k;
      }
      byte[] chunk = new byte[1 << 16];
      int matched = 0;
      for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
        for (int i = 0; i < read; i++) {
          while (matched > 0 && chunk[i] != NEEDLE[matched]) {
            matched = fallback[matched - 1];
          }
          if (chunk[i] == NEEDLE[matched] && ++matched == NEEDLE.length) {
            return true;
          }
        }
      }
      return false;
    } catch (IOException e) {
      throw SparkScoreException.user(e, "cannot read ONNX graph %s: %s", graph, e.getMessage());
    }
  }
}
