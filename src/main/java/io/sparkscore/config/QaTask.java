package io.sparkscore.config;

import io.sparkscore.SparkScoreException;
import io.sparkscore.stages.QuestionAnswerer;
import java.util.List;
import java.util.Set;
import org.apache.spark.ml.Transformer;

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
  public Set<String> options() {
    return StageOptions.union(StageOptions.SESSION, Set.of("question-col", "context-col", "doc-stride",
        "max-answer-length", "max-question-length", "top-k"));
  }

  @Override
  public Set<String> flags() {
    return Set.of("handle-impossible-answer");
  }

  @Override
  public List<String> inputColumns(CommandLine cli, String textCol) {
    QuestionAnswerer qa = columns(new QuestionAnswerer(), cli, textCol);
    return List.of(qa.getQuestionCol(), qa.getContextCol());
  }

  private static QuestionAnswerer columns(QuestionAnswerer qa, CommandLine cli, String textCol) {
    return qa.setQuestionCol(cli.get("question-col", qa.getQuestionCol())).setContextCol(cli.get("context-col", textCol));
  }

  @Override
  public Transformer stage(CommandLine cli, String textCol) {
    if (cli.get("model").isEmpty()) {
      throw SparkScoreException.user(
          "%s: --model is required: an extractive question-answering model directory or URI (none is embedded)",
          name());
    }
    QuestionAnswerer qa = StageOptions.applySession(columns(new QuestionAnswerer(), cli, textCol), cli);
    qa.setDocStride(cli.intValue("doc-stride", qa.getDocStride()));
    qa.setMaxAnswerLength(cli.intValue("max-answer-length", qa.getMaxAnswerLength()));
    qa.setMaxQuestionLength(cli.intValue("max-question-length", qa.getMaxQuestionLength()));
    qa.setTopK(cli.intValue("top-k", qa.getTopK()));
    return qa.setHandleImpossibleAnswer(cli.flag("handle-impossible-answer"));
  }
}
