package io.sparkscore.reports;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * Chart data for a run's result columns, aggregated by Spark over the rows the run wrote. Which
 * chart a column gets follows from its type: a string is a label (distribution of its most frequent
 * values); a number is a score (histogram); an array of strings named {@code *labels} gives the
 * distribution of its first (top) label and other string arrays a histogram of their length; a
 * numeric array named {@code *score*} gives a histogram of its first (top) score, other float arrays
 * (embeddings) one of their L2 norm, integer arrays (token ids) one of their length. Other types
 * get no chart. Charts that come out identical are shown once, titled with every column.
 */
public final class ColumnProfiles {
  static final int TOP_LABELS = 20;
  static final int BINS = 20;

  /** What a chart shows: {@code labels} (counts per value) or {@code histogram} (counts per bin). */
  public record Chart(String kind, String title, List<String> columns, List<String> labels, List<Long> counts) {}

  /** {@code integral}: whole numbers (lengths), binned on whole-number edges. */
  private record Measure(String column, String kind, String title, Column value, boolean integral) {
    Measure(String column, String kind, String title, Column value) {
      this(column, kind, title, value, false);
    }
  }

  private ColumnProfiles() {}

  /** Charts for {@code columns} of {@code rows}, in column order. */
  public static List<Chart> of(Dataset<Row> rows, List<StructField> columns) {
    List<Measure> measures = new ArrayList<>();
    for (StructField field : columns) {
      Measure measure = measure(field.name(), field.dataType());
      if (measure != null) {
        measures.add(measure);
      }
    }
    if (measures.isEmpty()) {
      return List.of();
    }
    Column[] values = new Column[measures.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = measures.get(i).value().as("v" + i);
    }
    Dataset<Row> table = rows.select(values).cache();
    try {
      List<Chart> charts = new ArrayList<>();
      Row ranges = table.select(rangeAggregates(measures)).first();
      for (int i = 0; i < measures.size(); i++) {
        Measure m = measures.get(i);
        Chart chart = m.kind().equals("labels")
            ? labels(table, "v" + i, m)
            : histogram(table, "v" + i, m, ranges.get(2 * i), ranges.get(2 * i + 1));
        if (chart != null) {
          addUnlessSame(charts, chart);
        }
      }
      return charts;
    } finally {
      table.unpersist();
    }
  }

  private static Measure measure(String name, DataType type) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (type.sameType(DataTypes.StringType)) {
      return new Measure(name, "labels", name, col(quote(name)));
    }
    if (type instanceof NumericType) {
      return new Measure(name, "histogram", name, col(quote(name)).cast(DataTypes.DoubleType));
    }
    if (!(type instanceof ArrayType array)) {
      return null;
    }
    DataType element = array.elementType();
    Column column = col(quote(name));
    if (element.sameType(DataTypes.StringType)) {
      return lower.endsWith("labels")
          ? new Measure(name, "labels", name + ": top label", element_at(column, 1))
          : new Measure(name, "histogram", name + ": length", lengthOf(column), true);
    }
    if (!(element instanceof NumericType)) {
      return null;
    }
    if (lower.contains("score")) {
      return new Measure(name, "histogram", name + ": top score", element_at(column, 1).cast(DataTypes.DoubleType));
    }
    if (element.sameType(DataTypes.FloatType) || element.sameType(DataTypes.DoubleType)) {
      Column norm = expr("sqrt(aggregate(" + quote(name) + ", 0D, (acc, x) -> acc + x * x))");
      return new Measure(name, "histogram", name + ": L2 norm", when(column.isNotNull(), norm));
    }
    return new Measure(name, "histogram", name + ": length", lengthOf(column), true);
  }

  private static Column lengthOf(Column array) {
    return when(array.isNotNull(), size(array).cast(DataTypes.DoubleType));
  }

  private static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  private static Column[] rangeAggregates(List<Measure> measures) {
    Column[] out = new Column[2 * measures.size()];
    for (int i = 0; i < measures.size(); i++) {
      boolean numeric = measures.get(i).kind().equals("histogram");
      Column v = col("v" + i);
      out[2 * i] = numeric ? min(v) : lit(null);
      out[2 * i + 1] = numeric ? max(v) : lit(null);
    }
    return out;
  }

  private static Chart labels(Dataset<Row> table, String value, Measure m) {
    List<Row> top = table.groupBy(col(value)).agg(count(lit(1)).as("n"))
        .orderBy(desc("n"), col(value)).limit(TOP_LABELS + 1).collectAsList();
    if (top.isEmpty()) {
      return null;
    }
    List<String> labels = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    for (Row row : top.subList(0, Math.min(TOP_LABELS, top.size()))) {
      labels.add(row.isNullAt(0) ? "(null)" : row.getString(0));
      counts.add(row.getLong(1));
    }
    if (top.size() > TOP_LABELS) {
      long shown = counts.stream().mapToLong(Long::longValue).sum();
      labels.add("(other)");
      counts.add(table.count() - shown);
    }
    return new Chart("labels", m.title(), List.of(m.column()), labels, counts);
  }

  private static Chart histogram(Dataset<Row> table, String value, Measure m, Object low, Object high) {
    if (low == null || high == null) {
      return null;
    }
    double min = ((Number) low).doubleValue();
    double max = ((Number) high).doubleValue();
    // Values equal up to float rounding (unit-norm embeddings) make one bin, not twenty of noise.
    boolean spread = max - min > 1e-6 * Math.max(1, Math.abs(max));
    int bins = spread ? BINS : 1;
    double width = spread ? (max - min) / bins : 1;
    if (m.integral() && spread) {
      width = Math.ceil((max - min + 1) / BINS);
      bins = (int) Math.ceil((max - min + 1) / width);
    }
    Column bin = least(floor(col(value).minus(min).divide(width)).cast(DataTypes.IntegerType), lit(bins - 1));
    long[] counts = new long[bins];
    for (Row row : table.where(col(value).isNotNull()).groupBy(bin.as("bin")).count().collectAsList()) {
      counts[row.getInt(0)] = row.getLong(1);
    }
    int decimals = m.integral() ? 0 : (int) Math.max(0, Math.min(8, Math.ceil(-Math.log10(width)) + 1));
    List<String> labels = new ArrayList<>();
    List<Long> countList = new ArrayList<>();
    for (int i = 0; i < bins; i++) {
      double from = min + i * width;
      String label;
      if (!spread) {
        label = number(min, decimals + 2);
      } else if (m.integral()) {
        label = width == 1 ? number(from, 0) : number(from, 0) + "–" + number(from + width - 1, 0);
      } else {
        label = number(from, decimals) + "–" + number(from + width, decimals);
      }
      labels.add(label);
      countList.add(counts[i]);
    }
    return new Chart("histogram", m.title(), List.of(m.column()), labels, countList);
  }

  private static String number(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  /**
   * Adds {@code chart}, or names its column on an identical chart already there (ids and attention
   * mask have the same lengths; a zero-shot label is its labels' first).
   */
  private static void addUnlessSame(List<Chart> charts, Chart chart) {
    for (int i = 0; i < charts.size(); i++) {
      Chart seen = charts.get(i);
      if (seen.kind().equals(chart.kind()) && seen.labels().equals(chart.labels())
          && seen.counts().equals(chart.counts())) {
        List<String> columns = new ArrayList<>(seen.columns());
        columns.addAll(chart.columns());
        String suffix = suffix(chart.title());
        String title = suffix.equals(suffix(seen.title()))
            ? String.join(", ", columns) + suffix
            : seen.title() + ", " + chart.title();
        charts.set(i, new Chart(seen.kind(), title, columns, seen.labels(), seen.counts()));
        return;
      }
    }
    charts.add(chart);
  }

  private static String suffix(String title) {
    int colon = title.indexOf(": ");
    return colon < 0 ? "" : title.substring(colon);
  }
}
