package io.sparkscore.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How a classifier's labels compare with the true ones: the confusion matrix ({@code
 * confusion[true][predicted]}, labels in {@code labels} order) and what follows from it. A class
 * never predicted has precision 0, as scikit-learn's {@code zero_division=0} counts it.
 */
public record ClassificationMetrics(List<String> labels, long[][] confusion) {

  /** Counts the rows of {@code scored} by their true and predicted label columns. */
  public static ClassificationMetrics of(Dataset<Row> scored, String trueCol, String predictedCol, List<String> labels) {
    long[][] confusion = new long[labels.size()][labels.size()];
    for (Row row : scored.groupBy(trueCol, predictedCol).count().collectAsList()) {
      int truth = labels.indexOf(row.getString(0));
      if (truth < 0) {
        throw io.sparkscore.SparkScoreException.user(
            "%d rows to evaluate have the label '%s', which the training data never has (its labels: %s)",
            row.getLong(2), row.getString(0), labels);
      }
      confusion[truth][labels.indexOf(row.getString(1))] += row.getLong(2);
    }
    return new ClassificationMetrics(labels, confusion);
  }

  /** The element-wise sum of both matrices (the pooled predictions of cross-validation folds). */
  public ClassificationMetrics plus(ClassificationMetrics other) {
    long[][] sum = new long[labels.size()][labels.size()];
    for (int t = 0; t < sum.length; t++) {
      for (int p = 0; p < sum.length; p++) {
        sum[t][p] = confusion[t][p] + other.confusion[t][p];
      }
    }
    return new ClassificationMetrics(labels, sum);
  }

  public long rows() {
    long rows = 0;
    for (long[] row : confusion) {
      for (long count : row) {
        rows += count;
      }
    }
    return rows;
  }

  public double accuracy() {
    long correct = 0;
    for (int i = 0; i < confusion.length; i++) {
      correct += confusion[i][i];
    }
    return rows() == 0 ? 0 : (double) correct / rows();
  }

  public double precision(int label) {
    long predicted = 0;
    for (long[] row : confusion) {
      predicted += row[label];
    }
    return predicted == 0 ? 0 : (double) confusion[label][label] / predicted;
  }

  public double recall(int label) {
    long actual = 0;
    for (long count : confusion[label]) {
      actual += count;
    }
    return actual == 0 ? 0 : (double) confusion[label][label] / actual;
  }

  public double f1(int label) {
    double p = precision(label);
    double r = recall(label);
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  /** The unweighted mean of the classes' F1. */
  public double macroF1() {
    double sum = 0;
    for (int i = 0; i < labels.size(); i++) {
      sum += f1(i);
    }
    return sum / labels.size();
  }

  /** Every figure, for metrics.json and the report. */
  public Map<String, Object> summary() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("rows", rows());
    out.put("accuracy", accuracy());
    out.put("macroF1", macroF1());
    List<Map<String, Object>> classes = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("label", labels.get(i));
      c.put("precision", precision(i));
      c.put("recall", recall(i));
      c.put("f1", f1(i));
      long support = 0;
      for (long count : confusion[i]) {
        support += count;
      }
      c.put("support", support);
      classes.add(c);
    }
    out.put("classes", classes);
    out.put("labels", labels);
    out.put("confusion", confusion);
    return out;
  }
}
