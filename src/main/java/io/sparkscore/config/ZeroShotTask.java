package io.sparkscore.config;

import io.sparkscore.SparkScoreException;
import io.sparkscore.model.ModelLocator;
import io.sparkscore.stages.EmbeddingZeroShotClassifier;
import io.sparkscore.stages.ZeroShotClassifier;
import io.sparkscore.stages.ZeroShotStage;
import java.util.List;
import java.util.Set;
import org.apache.spark.ml.Transformer;

/**
 * {@code zero-shot}: the best of the {@code --labels} for each text. {@code --method auto} (the
 * default) runs NLI when the model's config has an entailment label and embedding similarity
 * otherwise, so the default model works.
 */
final class ZeroShotTask implements Task {
  @Override
  public String name() {
    return "zero-shot";
  }

  @Override
  public String summary() {
    return "best of --labels per text: NLI model (entailment label) or embedding similarity";
  }

  @Override
  public Set<String> options() {
    return StageOptions.union(
        StageOptions.MODEL, Set.of(LabelsOption.LABELS, LabelsOption.LABELS_FILE, "template", "method", "temperature"));
  }

  @Override
  public Set<String> flags() {
    return Set.of("multi-label");
  }

  @Override
  public Transformer stage(CommandLine cli, String textCol) {
    String method = cli.get("method", "auto");
    if (!ZeroShotStage.METHODS.contains(method)) {
      throw SparkScoreException.user(
          "%s: --method must be one of %s, got '%s'", name(), ZeroShotStage.METHODS, method);
    }
    List<String> labels = LabelsOption.of(cli);
    ZeroShotStage<?> chosen = ZeroShotStage.forMethod(
        method, cli.get("model", ModelLocator.DEFAULT_MODEL), cli.get("model-variant", ""));
    if (chosen instanceof ZeroShotClassifier nli) {
      if (cli.get("temperature").isPresent()) {
        throw SparkScoreException.user("%s: --temperature applies to --method embedding only", name());
      }
      return configure(nli, cli, textCol, labels);
    }
    EmbeddingZeroShotClassifier stage = configure((EmbeddingZeroShotClassifier) chosen, cli, textCol, labels);
    double temperature = cli.doubleValue("temperature", stage.getTemperature());
    if (!(temperature > 0)) {
      throw SparkScoreException.user("%s: --temperature must be > 0, got %s", name(), temperature);
    }
    return stage.setTemperature(temperature);
  }

  private static <S extends ZeroShotStage<S>> S configure(
      S stage, CommandLine cli, String textCol, List<String> labels) {
    StageOptions.applyModel(stage, cli, textCol);
    stage.setCandidateLabels(labels.toArray(new String[0]));
    cli.get("template").ifPresent(stage::setHypothesisTemplate);
    return stage.setMultiLabel(cli.flag("multi-label"));
  }
}
