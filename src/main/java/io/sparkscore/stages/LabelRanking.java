package io.sparkscore.stages;

import io.sparkscore.SparkScoreException;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * A classifier's logits → its output values: scores by {@code function}, the best label, its score,
 * and (with {@code withScores}) every label with its score, best first, cut to {@code topK}.
 */
record LabelRanking(String modelName, List<String> labels, String function, int topK, boolean withScores)
    implements Serializable {

  /** The scores of one sequence's logits, in label order. */
  double[] scores(float[] logits) {
    if (logits.length != labels.size()) {
      throw SparkScoreException.user(
          "model %s: the graph gave %d logits but config.json's id2label has %d labels %s",
          modelName, logits.length, labels.size(), labels);
    }
    return ClassScores.apply(function, logits);
  }

  /** label, score and, with scores, the ranked labels. */
  Object[] values(double[] scores) {
    Integer[] order = ClassScores.bestFirst(scores);
    String best = labels.get(order[0]);
    if (!withScores) {
      return new Object[] {best, scores[order[0]]};
    }
    int kept = topK == 0 ? order.length : Math.min(topK, order.length);
    Row[] ranked = new Row[kept];
    for (int i = 0; i < kept; i++) {
      ranked[i] = RowFactory.create(labels.get(order[i]), scores[order[i]]);
    }
    return new Object[] {best, scores[order[0]], ranked};
  }

  /** The values of a row without a result. */
  Object[] nulls() {
    return new Object[withScores ? 3 : 2];
  }
}
