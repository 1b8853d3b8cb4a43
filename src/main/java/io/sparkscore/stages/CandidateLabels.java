package io.sparkscore.stages;

import io.sparkscore.SparkScoreException;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Where a row's zero-shot candidate labels come from (a fixed list, or an {@code array<string>}
 * column) and how each becomes a hypothesis.
 *
 * @param stage the stage's uid, for messages
 * @param fixed the labels of every row, when {@code column} is -1
 * @param column index of the labels column, or -1
 * @param columnName its name, for messages
 * @param template the hypothesis template; its single {@code {}} is replaced by the label
 */
record CandidateLabels(String stage, List<String> fixed, int column, String columnName, String template)
    implements Serializable {
  static final String PLACEHOLDER = "{}";

  CandidateLabels {
    fixed = List.copyOf(fixed);
  }

  /** The row's labels: the fixed list, or the column's array; null when that cell is null. */
  List<String> of(Row row) {
    if (column < 0) {
      return fixed;
    }
    if (row.isNullAt(column)) {
      return null;
    }
    List<String> labels = row.getList(column);
    if (labels.contains(null)) {
      throw SparkScoreException.user(
          "%s: column '%s' holds a null candidate label in %s; remove null elements first "
              + "(for example with array_compact)",
          stage, columnName, labels);
    }
    return labels;
  }

  String hypothesis(String label) {
    return template.replace(PLACEHOLDER, label);
  }

  /** Null unless {@code template} has exactly one {@code {}}. */
  static String templateProblem(String template) {
    int first = template.indexOf(PLACEHOLDER);
    if (first < 0) {
      return "has no {} where the label goes";
    }
    if (template.indexOf(PLACEHOLDER, first + PLACEHOLDER.length()) >= 0) {
      return "has more than one {}; it must have exactly one, where the label goes";
    }
    return null;
  }
}
