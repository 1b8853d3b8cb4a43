package io.sparkscore.config;

import io.sparkscore.SparkScoreErrors;
import io.sparkscore.model.ModelLocator;
import io.sparkscore.stages.EmbeddingZeroShotClassifier;
import io.sparkscore.stages.ZeroShotClassifier;
import io.sparkscore.stages.ZeroShotStage;
import io.sparkscore.stages.params.ParamSpec;
import io.sparkscore.stages.params.ParamSpec.ValueType;
import java.nio.file.Paths;
import java.util.List;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.Params;

/**
 * {@code zero-shot}: the best of the candidate labels for each text. {@code --method auto} (the
 * default) runs NLI when the model's config has an entailment label and embedding similarity
 * otherwise, so the default model works. Its options are both stages' Params.
 */
final class ZeroShotTask implements Task {
  private static final ParamSpec LABELS_FILE = new ParamSpec("labelsFile", LabelsOption.LABELS_FILE, ValueType.STRING,
      null, "candidate labels, one per line (UTF-8, trimmed, blank lines skipped), instead of --labels", List.of());
  private static final ParamSpec METHOD = new ParamSpec("method", "method", ValueType.STRING, "auto",
      "auto (nli when the model's config has an entailment label, else embedding) | nli | embedding",
      ZeroShotStage.METHODS);

  @Override
  public String name() {
    return "zero-shot";
  }

  @Override
  public String summary() {
    return "best of --labels per text: NLI model (entailment label) or embedding similarity";
  }

  @Override
  public List<Params> stageKinds() {
    return List.of(new ZeroShotClassifier(), new EmbeddingZeroShotClassifier());
  }

  @Override
  public List<ParamSpec> ownOptions() {
    return List.of(LABELS_FILE, METHOD);
  }

  @Override
  public List<String> inputColumns(TaskOptions options, String textCol) {
    String labelsCol = options.string("candidateLabelsCol", "");
    return labelsCol.isEmpty() ? List.of(textCol) : List.of(textCol, labelsCol);
  }

  @Override
  public Transformer stage(TaskOptions options, String textCol) {
    String method = options.string(METHOD.name(), "auto");
    ZeroShotStage<?> chosen = ZeroShotStage.forMethod(
        method, options.string("model", ModelLocator.DEFAULT_MODEL), options.string("modelVariant", ""));
    if (chosen instanceof ZeroShotClassifier && options.has("temperature")) {
      throw SparkScoreErrors.CONFLICTING_OPTIONS.error("stage", name(),
          "problem", "--temperature applies to --method embedding only");
    }
    options.applyTo(chosen.setInputCol(textCol));
    if (options.string("candidateLabelsCol", "").isEmpty()) {
      chosen.setCandidateLabels(labels(options).toArray(new String[0]));
    }
    return chosen;
  }

  /** The candidate labels: exactly one of {@code --labels} and {@code --labels-file}, holding at least one. */
  private List<String> labels(TaskOptions options) {
    boolean inline = options.has("candidateLabels");
    if (inline == options.has(LABELS_FILE.name())) {
      throw SparkScoreErrors.CONFLICTING_OPTIONS.error("stage", name(), "problem",
          "give the candidate labels with exactly one of --labels \"a,b,c\" or --labels-file PATH "
              + "(or a column of them with --candidate-labels-col)");
    }
    @SuppressWarnings("unchecked")
    List<String> labels = inline ? (List<String>) options.get("candidateLabels").orElseThrow()
        : LabelsOption.read(Paths.get(options.string(LABELS_FILE.name(), "")));
    if (labels.isEmpty()) {
      throw SparkScoreErrors.INVALID_OPTION_VALUE.error("stage", name(), "option",
          inline ? "--labels" : "--labels-file", "problem", "holds no labels", "value",
          inline ? "" : options.string(LABELS_FILE.name(), ""), "allowed", "");
    }
    return labels;
  }
}
