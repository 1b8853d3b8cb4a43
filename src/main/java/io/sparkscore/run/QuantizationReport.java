package io.sparkscore.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkscore.SparkScoreException;
import io.sparkscore.model.ModelDirectory;
import io.sparkscore.stages.TextClassifier;
import io.sparkscore.stages.TextEmbedder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * How an int8 model directory agrees with the fp32 model it was made from, scored by the real stages
 * on the same texts: for classifiers the share of texts with the same label and how far the scores
 * move; for other models the cosine similarity of the sentence embeddings.
 */
public record QuantizationReport(
    String model, String quantized, String kind, int texts, Map<String, Double> figures, Map<String, Boolean> targets) {
  public static final double MIN_COSINE = 0.995;
  public static final double MIN_SAME_LABEL = 0.99;
  public static final double MAX_SCORE_DIFF = 0.02;
  public static final String FILE = "quantization_report.json";

  /** Scores {@code texts} with {@code source} (fp32) and {@code quantizedDir}'s int8 graph. */
  public static QuantizationReport measure(
      SparkSession spark, String source, ModelDirectory fp32, Path quantizedDir, List<String> texts) {
    if (texts.isEmpty()) {
      throw SparkScoreException.user("quantize: no texts to compare the int8 graph with fp32 on");
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      rows.add(RowFactory.create(i, texts.get(i)));
    }
    StructType schema = new StructType().add("id", DataTypes.IntegerType).add("text", DataTypes.StringType);
    Dataset<Row> data = spark.createDataFrame(rows, schema);
    String int8 = quantizedDir.toString();
    boolean classifier = !fp32.config().labels().isEmpty();
    Map<String, Double> figures = new LinkedHashMap<>();
    Map<String, Boolean> targets = new LinkedHashMap<>();
    if (classifier) {
      Map<Integer, Row> a = byId(new TextClassifier().setModel(source).transform(data));
      Map<Integer, Row> b = byId(new TextClassifier().setModel(int8).setModelVariant("quantized").transform(data));
      int same = 0;
      int within = 0;
      double worst = 0;
      for (Map.Entry<Integer, Row> row : a.entrySet()) {
        Row q = b.get(row.getKey());
        same += row.getValue().<String>getAs("label").equals(q.getAs("label")) ? 1 : 0;
        double diff = maxScoreDiff(row.getValue().getList(row.getValue().fieldIndex("scores")),
            q.getList(q.fieldIndex("scores")));
        worst = Math.max(worst, diff);
        within += diff <= MAX_SCORE_DIFF ? 1 : 0;
      }
      figures.put("same_label", (double) same / a.size());
      figures.put("max_score_diff", worst);
      figures.put("scores_within_0.02", (double) within / a.size());
      targets.put("same label on >= 99% of texts", (double) same / a.size() >= MIN_SAME_LABEL);
      targets.put("every score within 0.02", worst <= MAX_SCORE_DIFF);
    } else {
      Map<Integer, Row> a = byId(new TextEmbedder().setModel(source).transform(data));
      Map<Integer, Row> b = byId(new TextEmbedder().setModel(int8).setModelVariant("quantized").transform(data));
      double[] cosines = new double[a.size()];
      int i = 0;
      for (Map.Entry<Integer, Row> row : a.entrySet()) {
        cosines[i++] = cosine(row.getValue().getList(2), b.get(row.getKey()).getList(2));
      }
      Arrays.sort(cosines);
      figures.put("cosine_min", cosines[0]);
      figures.put("cosine_p1", cosines[(int) (cosines.length * 0.01)]);
      figures.put("cosine_mean", Arrays.stream(cosines).average().orElse(1));
      targets.put("cosine >= 0.995 on every text", cosines[0] >= MIN_COSINE);
    }
    return new QuantizationReport(source, int8, classifier ? "classifier" : "embedding", texts.size(), figures, targets);
  }

  private static Map<Integer, Row> byId(Dataset<Row> scored) {
    Map<Integer, Row> rows = new HashMap<>();
    for (Row row : scored.collectAsList()) {
      rows.put(row.getInt(0), row);
    }
    return rows;
  }

  private static double maxScoreDiff(List<Row> fp32, List<Row> int8) {
    Map<String, Double> expected = new HashMap<>();
    fp32.forEach(s -> expected.put(s.getString(0), ((Number) s.get(1)).doubleValue()));
    double worst = 0;
    for (Row s : int8) {
      worst = Math.max(worst, Math.abs(expected.getOrDefault(s.getString(0), 0.0) - ((Number) s.get(1)).doubleValue()));
    }
    return worst;
  }

  private static double cosine(List<Object> a, List<Object> b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.size(); i++) {
      double x = ((Number) a.get(i)).doubleValue();
      double y = ((Number) b.get(i)).doubleValue();
      dot += x * y;
      na += x * x;
      nb += y * y;
    }
    return na == 0 && nb == 0 ? 1.0 : dot / Math.sqrt(na * nb);
  }

  public boolean passed() {
    return !targets.containsValue(false);
  }

  /** Writes the report as {@value #FILE} into the quantised model directory. */
  public Path write(Path dir) {
    Path file = dir.resolve(FILE);
    try {
      Files.writeString(file, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n");
      return file;
    } catch (IOException e) {
      throw SparkScoreException.user(e, "quantize: cannot write %s: %s", file, e.getMessage());
    }
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
        "int8 vs fp32 (%s) on %d calibration texts:", kind, texts));
    figures.forEach((k, v) -> text.append(String.format(Locale.ROOT, " %s %.4f", k, v)));
    targets.forEach((k, v) -> text.append(String.format(Locale.ROOT, "%n  %s: %s", k, v ? "met" : "NOT met")));
    return text.toString();
  }
}
