package io.sparkscore.runtime;

import ai.djl.huggingface.tokenizers.Encoding;
import io.sparkscore.SparkScoreException;
import io.sparkscore.model.ModelDirectory;
import io.sparkscore.model.ModelLocator;
import io.sparkscore.text.HfTokenizer;
import io.sparkscore.text.TokenizerSettings;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The regression check of a reduced-precision graph (fp16) against the model's fp32 graph: both run
 * on the same device and texts, without fallback. Classifiers (a logits output) must give the same
 * label for every text; other models' mean-pooled embeddings must have cosine similarity of at least
 * {@code minCosine} (0.999 by default) for every text.
 */
public final class PrecisionCheck {
  public static final double DEFAULT_MIN_COSINE = 0.999;

  private PrecisionCheck() {}

  /** What a check found; {@link #passed()} says whether the candidate graph may replace the baseline. */
  public record Report(
      String model,
      String baselineGraph,
      String candidateGraph,
      Device device,
      String output,
      int texts,
      double minCosine,
      double meanCosine,
      int worstText,
      int labelsCompared,
      int labelsDiffering,
      double requiredCosine) {

    public boolean classifier() {
      return labelsCompared > 0;
    }

    public boolean passed() {
      return classifier() ? labelsDiffering == 0 : minCosine >= requiredCosine;
    }

    @Override
    public String toString() {
      String verdict = passed() ? "PASS" : "FAIL";
      String criterion = classifier()
          ? String.format(Locale.ROOT, "labels differ on %d of %d texts (logits cosine min %.6f)",
              labelsDiffering, labelsCompared, minCosine)
          : String.format(Locale.ROOT, "embedding cosine min %.6f (text %d), mean %.6f, required >= %s",
              minCosine, worstText, meanCosine, requiredCosine);
      return String.format(Locale.ROOT, "%s: %s vs %s of %s on %s, %d texts, output %s: %s",
          verdict, candidateGraph, baselineGraph, model, device, texts, output, criterion);
    }
  }

  /**
   * Runs {@code texts} through the {@code baselineVariant} and {@code candidateVariant} graphs of
   * {@code model} on {@code device}, {@code batchSize} texts per run.
   */
  public static Report run(
      String model,
      String baselineVariant,
      String candidateVariant,
      Device device,
      List<String> texts,
      int batchSize,
      double minCosine) {
    if (texts.isEmpty()) {
      throw SparkScoreException.user("precision check of %s: no texts to compare", model);
    }
    if (batchSize <= 0) {
      throw SparkScoreException.user("precision check of %s: batch size must be > 0, got %d", model, batchSize);
    }
    ModelDirectory baselineDir = ModelLocator.locate(model, baselineVariant);
    ModelDirectory candidateDir = ModelLocator.locate(model, candidateVariant);
    SessionSettings settings = SessionSettings.DEFAULTS.withDevice(new DeviceRequest(
        device.cuda() ? DeviceRequest.Mode.CUDA : DeviceRequest.Mode.CPU, device.cuda() ? device.index() : -1));
    try (HfTokenizer tokenizer = HfTokenizer.load(baselineDir, TokenizerSettings.MODEL_DEFAULTS);
        OnnxModel baseline = OnnxModel.open(baselineDir, settings, device, 0);
        OnnxModel candidate = OnnxModel.open(candidateDir, settings, device, 0)) {
      boolean classifier = baseline.hasOutput("logits") || !baselineDir.config().labels().isEmpty();
      String output = classifier ? baseline.logitsOutput() : baseline.tokenOutput();
      TokenBatch batch = new TokenBatch();
      double min = Double.POSITIVE_INFINITY;
      double sum = 0;
      int worst = -1;
      int differing = 0;
      for (int start = 0; start < texts.size(); start += batchSize) {
        List<Encoding> encodings = Arrays.asList(
            tokenizer.encode(texts.subList(start, Math.min(start + batchSize, texts.size()))));
        batch.fill(encodings, tokenizer.padId());
        FloatTensor expected = baseline.run(batch, Set.of(output)).get(output);
        FloatTensor actual = candidate.run(batch, Set.of(output)).get(output);
        for (int row = 0; row < encodings.size(); row++) {
          int tokens = encodings.get(row).getIds().length;
          float[] a = classifier ? Pooling.row(expected, row) : Pooling.mean(expected, row, tokens);
          float[] b = classifier ? Pooling.row(actual, row) : Pooling.mean(actual, row, tokens);
          double cosine = cosine(a, b);
          sum += cosine;
          if (cosine < min) {
            min = cosine;
            worst = start + row;
          }
          if (classifier && argmax(a) != argmax(b)) {
            differing++;
          }
        }
      }
      return new Report(model, baselineDir.onnxFile().getFileName().toString(),
          candidateDir.onnxFile().getFileName().toString(), device, output, texts.size(), min, sum / texts.size(),
          worst, classifier ? texts.size() : 0, differing, minCosine);
    }
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    // Two zero vectors (an all-padding row) agree exactly.
    return na == 0 && nb == 0 ? 1.0 : dot / Math.sqrt(na * nb);
  }

  private static int argmax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  /** The check's device for a {@code --device} value: cpu, cuda (device 0) or cuda:N. */
  public static Device device(String text) {
    DeviceRequest request = DeviceRequest.parse(text);
    return request.mode() == DeviceRequest.Mode.CPU ? Device.CPU : DeviceSelector.select(request, List.of());
  }
}
