package io.sparkscore.config;

import io.sparkscore.SparkScoreException;
import io.sparkscore.stages.MaskFiller;
import java.util.Set;
import org.apache.spark.ml.Transformer;

/** {@code fill-mask}: each mask token's best fillers from a masked-LM model, as {@code pipeline("fill-mask")}. */
final class FillMaskTask implements Task {
  @Override
  public String name() {
    return "fill-mask";
  }

  @Override
  public String summary() {
    return "the --top-k best tokens for each mask token of the text (restricted to --targets), from a masked-LM "
        + "model (--model required)";
  }

  @Override
  public Set<String> options() {
    return StageOptions.union(StageOptions.SESSION, Set.of("top-k", "targets"));
  }

  @Override
  public Transformer stage(CommandLine cli, String textCol) {
    if (cli.get("model").isEmpty()) {
      throw SparkScoreException.user(
          "%s: --model is required: a masked-LM model directory or URI (AutoModelForMaskedLM export; none is "
              + "embedded)", name());
    }
    MaskFiller stage = StageOptions.applySession(new MaskFiller().setInputCol(textCol), cli);
    stage.setTopK(cli.intValue("top-k", stage.getTopK()));
    cli.get("targets").ifPresent(targets -> stage.setTargets(LabelsOption.parse(targets).toArray(new String[0])));
    return stage;
  }
}
