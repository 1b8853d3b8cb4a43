package io.sparkscore.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sparkscore.SparkScoreException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

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
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public void write(String dir, Configuration hadoop) {
    try {
      Path root = new Path(dir);
      FileSystem fs = root.getFileSystem(hadoop);
      fs.mkdirs(root);
      String metricsJson = JSON.writeValueAsString(this);
      RunReport.writeFile(fs, new Path(root, "metrics.json"), metricsJson);
      RunReport.writeFile(fs, new Path(root, "report.html"), RunReport.resource("training.html")
          .replace("/*{{CHART_JS}}*/", RunReport.resource(RunReport.CHART_JS))
          .replace("{{DATA_JSON}}", metricsJson.replace("<", "\\u003c")));
    } catch (IOException e) {
      throw SparkScoreException.user(e, "cannot write the training report to %s: %s", dir, e.getMessage());
    }
  }
}
