package io.sparkscore.config;

import io.sparkscore.SparkScoreException;
import io.sparkscore.stages.PairClassifier;
import java.util.List;
import java.util.Set;
import org.apache.spark.ml.Transformer;

/**
 * {@code pair}: what a sequence-classification model or CrossEncoder says about each (text, text
 * pair) row, for reranking, semantic similarity and NLI. The first text is the text column, the
 * second {@code --pair-col}; the job's input keeps both.
 */
final class PairTask implements Task {
  @Override
  public String name() {
    return "pair";
  }

  @Override
  public String summary() {
    return "label, score and all label scores of each (text, --pair-col) pair from a sequence-classification "
        + "model or CrossEncoder reranker (--model required)";
  }

  @Override
  public Set<String> options() {
    return StageOptions.union(StageOptions.SESSION, Set.of("pair-col", "top-k", "function"));
  }

  @Override
  public List<String> inputColumns(CommandLine cli, String textCol) {
    return List.of(textCol, cli.get("pair-col", new PairClassifier().getPairCol()));
  }

  @Override
  public Transformer stage(CommandLine cli, String textCol) {
    if (cli.get("model").isEmpty()) {
      throw SparkScoreException.user(
          "%s: --model is required: a sequence-classification or CrossEncoder model directory or URI (none is "
              + "embedded)", name());
    }
    PairClassifier stage = StageOptions.applySession(new PairClassifier().setInputCol(textCol), cli);
    cli.get("pair-col").ifPresent(stage::setPairCol);
    stage.setTopK(cli.intValue("top-k", stage.getTopK()));
    cli.get("function").ifPresent(stage::setFunctionToApply);
    return stage;
  }
}
