package io.sparkscore.config;

import io.sparkscore.stages.TokenizingStage;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.Params;

/**
 * A task that runs one kind of stage on the text column, configured by its options and nothing else.
 * {@code requiredModel} says which model the task needs when none is embedded for it ("" when the
 * stage's default model serves).
 */
record TextTask(String name, String summary, String requiredModel, Supplier<TokenizingStage<?>> newStage)
    implements Task {
  @Override
  public List<Params> stageKinds() {
    return List.of(newStage.get());
  }

  @Override
  public Transformer stage(TaskOptions options, String textCol) {
    if (!requiredModel.isEmpty()) {
      options.requireModel(requiredModel);
    }
    return options.applyTo(newStage.get().setInputCol(textCol));
  }
}
