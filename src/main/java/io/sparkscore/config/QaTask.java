package io.sparkscore.config;

import io.sparkscore.stages.QuestionAnswerer;
import java.util.List;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.Params;

/**
 * {@code qa}: the answer to each row's question in its context, as {@code
 * pipeline("question-answering")} finds it. The context is the text column unless {@code
 * --context-col} names another; the question column is read from the input too.
 */
final class QaTask implements Task {
  @Override
  public String name() {
    return "qa";
  }

  @Override
  public String summary() {
    return "answer span (answer, score, start, end) to --question-col in the context, from an extractive "
        + "question-answering model (--model required)";
  }

  @Override
  public List<Params> stageKinds() {
    return List.of(new QuestionAnswerer());
  }

  @Override
  public List<String> inputColumns(TaskOptions options, String textCol) {
    QuestionAnswerer qa = columns(options, textCol);
    return List.of(qa.getQuestionCol(), qa.getContextCol());
  }

  private static QuestionAnswerer columns(TaskOptions options, String textCol) {
    QuestionAnswerer qa = options.applyTo(new QuestionAnswerer());
    return options.has("contextCol") ? qa : qa.setContextCol(textCol);
  }

  @Override
  public Transformer stage(TaskOptions options, String textCol) {
    options.requireModel("an extractive question-answering model directory or URI");
    return columns(options, textCol);
  }
}
