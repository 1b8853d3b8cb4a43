package io.sparkscore.config;

import io.sparkscore.SparkScoreException;
import io.sparkscore.stages.TokenClassifier;
import java.util.Arrays;
import java.util.Set;
import org.apache.spark.ml.Transformer;

/** {@code ner}: named entities from a token-classification model, as {@code pipeline("ner")} finds them. */
final class NerTask implements Task {
  @Override
  public String name() {
    return "ner";
  }

  @Override
  public String summary() {
    return "named entities (entity, score, word, start, end) from a token-classification model (--model required)";
  }

  @Override
  public Set<String> options() {
    return StageOptions.union(StageOptions.MODEL, Set.of("aggregation-strategy", "ignore-labels"));
  }

  @Override
  public Transformer stage(CommandLine cli, String textCol) {
    if (cli.get("model").isEmpty()) {
      throw SparkScoreException.user(
          "%s: --model is required: a token-classification model directory or URI (none is embedded)", name());
    }
    TokenClassifier ner = StageOptions.applyModel(new TokenClassifier(), cli, textCol);
    cli.get("aggregation-strategy").ifPresent(ner::setAggregationStrategy);
    cli.get("ignore-labels").ifPresent(
        labels -> ner.setIgnoreLabels(Arrays.stream(labels.split(",")).map(String::strip).filter(l -> !l.isEmpty())
            .toArray(String[]::new)));
    return ner;
  }
}
