package io.sparkscore.config;

import io.sparkscore.SparkScoreException;
import io.sparkscore.stages.TextClassifier;
import java.util.Set;
import org.apache.spark.ml.Transformer;

/** {@code sentiment}: label, score and every label's score from a sequence-classification model. */
final class SentimentTask implements Task {
  @Override
  public String name() {
    return "sentiment";
  }

  @Override
  public String summary() {
    return "label, score and all label scores from a sequence-classification model (--model required)";
  }

  @Override
  public Set<String> options() {
    return StageOptions.union(StageOptions.MODEL, Set.of("top-k", "function", "chunk-aggregation"));
  }

  @Override
  public Transformer stage(CommandLine cli, String textCol) {
    if (cli.get("model").isEmpty()) {
      throw SparkScoreException.user(
          "%s: --model is required: a sequence-classification model directory or URI (no classifier is embedded)",
          name());
    }
    TextClassifier classifier = StageOptions.applyModel(new TextClassifier(), cli, textCol);
    classifier.setTopK(cli.intValue("top-k", classifier.getTopK()));
    cli.get("function").ifPresent(classifier::setFunctionToApply);
    cli.get("chunk-aggregation").ifPresent(classifier::setChunkAggregation);
    return classifier;
  }
}
