package io.sparkscore.reports;

import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * What a {@code train} run measured, written as {@code metrics.json} and a self-contained {@code
 * report.html} (per-class precision and recall, the cross-validation candidates and a confusion
 * matrix chart, drawn with the Chart.js build the run report embeds).
 *
 * @param evaluation how the figures were measured: a held-out split, k folds, or a given test set
 * @param metrics {@code ClassificationMetrics.summary()}: accuracy, macroF1, classes, confusion
 * @param candidates cross-validated accuracy of each regularisation candidate (of the saved model's fit)
 */
public record TrainingReport(
    String name, String started, double seconds, String input, long rows, String evaluation, String encoder,
    String classifier, String chosen, Map<String, Double> candidates, Map<String, Object> metrics, String output,
    List<String> command) {
  public void write(String dir, Configuration hadoop) {
    ReportPage.write(dir, hadoop, "training.html", this, "training report");
  }
}
