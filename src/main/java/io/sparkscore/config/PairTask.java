package io.sparkscore.config;

import io.sparkscore.stages.PairClassifier;
import java.util.List;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.Params;

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
  public List<Params> stageKinds() {
    return List.of(new PairClassifier());
  }

  @Override
  public List<String> inputColumns(TaskOptions options, String textCol) {
    return List.of(textCol, options.applyTo(new PairClassifier()).getPairCol());
  }

  @Override
  public Transformer stage(TaskOptions options, String textCol) {
    options.requireModel("a sequence-classification or CrossEncoder model directory or URI");
    return options.applyTo(new PairClassifier().setInputCol(textCol));
  }
}
