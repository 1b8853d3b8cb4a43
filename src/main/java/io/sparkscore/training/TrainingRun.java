package io.sparkscore.training;

import io.sparkscore.SparkScoreException;
import io.sparkscore.reports.TrainingReport;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One {@code train}: embeds the texts once, measures the classifier on data it was not fitted on
 * (a given test set, k folds, or a held-out fraction), saves the fitted {@code PipelineModel} to
 * the output directory and writes {@code report.html} and {@code metrics.json} beside it.
 *
 * <p>With a test set or k folds the saved model is fitted on all the training rows (with k folds
 * the figures pool each fold's predictions by a model fitted on the other folds); with a held-out
 * fraction it is the model that was measured, fitted on the rest.
 */
public final class TrainingRun {
  private TrainingRun() {}

  /** How to measure: {@code test} when given, else {@code folds} when above 0, else {@code fraction} held out. */
  public record Evaluation(Dataset<Row> test, String testName, int folds, double fraction) {
    public Evaluation {
      if (test == null && folds <= 0 && !(fraction > 0 && fraction < 1)) {
        throw SparkScoreException.user("the held-out fraction must be between 0 and 1, not %s", fraction);
      }
      if (test == null && folds == 1) {
        throw SparkScoreException.user("evaluation folds must be at least 2 (or 0 for a held-out split)");
      }
    }
  }

  public record Result(PipelineModel pipeline, ClassificationMetrics metrics, TrainingReport report) {}

  public static Result run(TextClassifierTrainer trainer, Dataset<Row> data, String inputName, Evaluation evaluation,
      String output, List<String> command) {
    String started = Instant.now().toString();
    long start = System.nanoTime();
    Dataset<Row> embedded = trainer.embed(data);
    long rows = embedded.count();
    TextClassifierTrainer.Trained fitted;
    ClassificationMetrics metrics;
    String how;
    if (evaluation.test() != null) {
      fitted = trainer.fitEmbedded(embedded);
      Dataset<Row> test = trainer.embed(evaluation.test());
      metrics = measure(trainer, fitted.pipeline(), test, fitted.labels());
      how = "test set " + evaluation.testName();
      test.unpersist();
    } else if (evaluation.folds() > 0) {
      fitted = trainer.fitEmbedded(embedded);
      double[] weights = new double[evaluation.folds()];
      Arrays.fill(weights, 1.0);
      Dataset<Row>[] parts = embedded.randomSplit(weights, trainer.getSeed());
      metrics = null;
      for (int k = 0; k < parts.length; k++) {
        Dataset<Row> rest = null;
        for (int j = 0; j < parts.length; j++) {
          rest = j == k ? rest : rest == null ? parts[j] : rest.union(parts[j]);
        }
        ClassificationMetrics fold = measure(trainer, trainer.fitEmbedded(rest).pipeline(), parts[k], fitted.labels());
        metrics = metrics == null ? fold : metrics.plus(fold);
      }
      how = evaluation.folds() + "-fold cross-validation (seed " + trainer.getSeed()
          + "; each fold scored by a model fitted on the others)";
    } else {
      Dataset<Row>[] parts = embedded.randomSplit(
          new double[] {1 - evaluation.fraction(), evaluation.fraction()}, trainer.getSeed());
      fitted = trainer.fitEmbedded(parts[0]);
      metrics = measure(trainer, fitted.pipeline(), parts[1], fitted.labels());
      how = String.format("held-out %.0f%% of the rows (seed %d); the saved model is fitted on the rest",
          100 * evaluation.fraction(), trainer.getSeed());
    }
    try {
      fitted.pipeline().write().save(output);
    } catch (IOException e) {
      throw SparkScoreException.user(e, "train: cannot save the pipeline to %s: %s", output, e.getMessage());
    } finally {
      embedded.unpersist();
    }
    TrainingReport report = new TrainingReport(trainer.uid(), started, (System.nanoTime() - start) / 1e9, inputName,
        rows, how, trainer.getModel(), trainer.getClassifier(), fitted.chosen(), fitted.candidates(),
        metrics.summary(), output, command);
    report.write(output, data.sparkSession().sparkContext().hadoopConfiguration());
    return new Result(fitted.pipeline(), metrics, report);
  }

  private static ClassificationMetrics measure(
      TextClassifierTrainer trainer, PipelineModel pipeline, Dataset<Row> embedded, List<String> labels) {
    return ClassificationMetrics.of(TextClassifierTrainer.predictEmbedded(pipeline, embedded),
        TextClassifierTrainer.LABEL, trainer.getPredictionCol(), labels);
  }
}
