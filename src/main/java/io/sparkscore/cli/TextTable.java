package io.sparkscore.cli;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A result as a text table, as Spark's {@code show} draws it, with long cells cut. */
final class TextTable {
  private static final int CELL = 60;

  private TextTable() {}

  static String of(Dataset<Row> result, int maxRows) {
    String[] columns = result.columns();
    List<Row> rows = result.takeAsList(maxRows + 1);
    List<String[]> cells = new ArrayList<>();
    cells.add(columns);
    for (Row row : rows.subList(0, Math.min(rows.size(), maxRows))) {
      String[] line = new String[columns.length];
      for (int c = 0; c < columns.length; c++) {
        line[c] = cell(row.get(c));
      }
      cells.add(line);
    }
    int[] widths = new int[columns.length];
    for (String[] line : cells) {
      for (int c = 0; c < line.length; c++) {
        widths[c] = Math.max(widths[c], line[c].length());
      }
    }
    StringBuilder rule = new StringBuilder("+");
    for (int width : widths) {
      rule.append("-".repeat(width)).append('+');
    }
    StringBuilder text = new StringBuilder(rule).append('\n');
    for (int r = 0; r < cells.size(); r++) {
      text.append('|');
      for (int c = 0; c < widths.length; c++) {
        text.append(String.format("%" + widths[c] + "s", cells.get(r)[c])).append('|');
      }
      text.append('\n');
      if (r == 0) {
        text.append(rule).append('\n');
      }
    }
    text.append(rule).append('\n');
    if (rows.size() > maxRows) {
      text.append("only showing top ").append(maxRows).append(" rows\n");
    }
    return text.toString();
  }

  private static String cell(Object value) {
    String text;
    if (value == null) {
      text = "NULL";
    } else if (value instanceof scala.collection.Seq<?> seq) {
      text = seq.mkString("[", ", ", "]");
    } else {
      text = value.toString();
    }
    return text.length() > CELL ? text.substring(0, CELL - 3) + "..." : text;
  }
}
