package io.sparkscore.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkscore.SparkScoreException;
import io.sparkscore.runtime.ScoringMetrics;
import io.sparkscore.stages.EmbeddingZeroShotClassifier;
import io.sparkscore.stages.TextClassifier;
import io.sparkscore.stages.TextEmbedder;
import io.sparkscore.stages.TextTokenizer;
import io.sparkscore.stages.ZeroShotClassifier;
import io.sparkscore.testing.TestSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SQL functions give exactly what their stages give on the same rows (the stages are checked
 * against Hugging Face elsewhere), score in one batched pass, and refuse bad arguments at analysis.
 */
class SqlFunctionsTest {
  private static final StructType SCHEMA =
      new StructType().add("id", DataTypes.IntegerType).add("text", DataTypes.StringType);
  private static final String BERT = TestSpark.fixtureModel("tiny-bert");
  private static final String SENTIMENT = TestSpark.fixtureModel("tiny-bert-sentiment");
  private static final String NLI = TestSpark.fixtureModel("tiny-nli");
  private static SparkSession spark;
  private static Dataset<Row> docs;

  @BeforeAll
  static void docs() {
    spark = TestSpark.session();
    List<Row> rows = new ArrayList<>();
    String[] texts = {"a happy dog", "", "the market fell sharply today", "short", null,
        "a much longer sentence about football, elections and the weather in spring"};
    for (int i = 0; i < texts.length; i++) {
      rows.add(RowFactory.create(i, texts[i]));
    }
    // Two partitions, as the stage sees them too.
    docs = spark.createDataFrame(rows, SCHEMA).repartition(2).cache();
    docs.createOrReplaceTempView("docs");
  }

  /** id → the stage's added columns, as one value (several as a list). */
  private static Map<Integer, Object> stage(Transformer stage, int added) {
    Map<Integer, Object> out = new TreeMap<>();
    for (Row row : stage.transform(docs).collectAsList()) {
      List<Object> values = new ArrayList<>();
      for (int i = 2; i < 2 + added; i++) {
        values.add(row.get(i));
      }
      boolean nullText = row.isNullAt(1);
      out.put(row.getInt(0), nullText ? null : added == 1 ? values.get(0) : values);
    }
    return out;
  }

  /** id → the function's result; a struct becomes the list of its fields. */
  private static Map<Integer, Object> sql(String call) {
    Map<Integer, Object> out = new TreeMap<>();
    for (Row row : spark.sql("SELECT id, " + call + " AS r FROM docs").collectAsList()) {
      Object value = row.get(1);
      if (value instanceof Row struct) {
        List<Object> fields = new ArrayList<>();
        for (int i = 0; i < struct.size(); i++) {
          fields.add(struct.get(i));
        }
        value = fields;
      }
      out.put(row.getInt(0), value);
    }
    return out;
  }

  @Test
  void embedIsTheStage() {
    assertEquals(stage(new TextEmbedder().setModel(BERT), 1), sql("sparkscore_embed(text, '" + BERT + "')"));
    assertEquals(stage(new TextEmbedder().setModel(BERT).setPooling("cls"), 1),
        sql("sparkscore_embed(text, '" + BERT + "', map('pooling', 'cls'))"));
    Map<Integer, Object> minilm = sql("sparkscore_embed(text)");
    assertEquals(stage(new TextEmbedder(), 1), minilm);
    assertNull(minilm.get(4), "null text gives null");
    assertEquals(384, ((scala.collection.Seq<?>) minilm.get(1)).size(), "empty text is embedded (its special tokens)");
  }

  @Test
  void classifyIsTheStage() {
    assertEquals(stage(new TextClassifier().setModel(SENTIMENT), 3), sql("sparkscore_classify(text, '" + SENTIMENT + "')"));
    assertEquals(stage(new TextClassifier().setModel(SENTIMENT).setTopK(1), 3),
        sql("sparkscore_classify(text, '" + SENTIMENT + "', map('topK', '1'))"));
  }

  @Test
  void zeroShotIsTheStage() {
    String[] labels = {"sports", "politics", "weather"};
    String array = "array('sports', 'politics', 'weather')";
    assertEquals(stage(new ZeroShotClassifier().setModel(NLI).setCandidateLabels(labels), 3),
        sql("sparkscore_zero_shot(text, " + array + ", '" + NLI + "')"));
    assertEquals(stage(new EmbeddingZeroShotClassifier().setCandidateLabels(labels).setMultiLabel(true), 3),
        sql("sparkscore_zero_shot(text, " + array + ", 'minilm', map('multiLabel', 'true'))"));
  }

  @Test
  void tokenizeIsTheStage() {
    assertEquals(stage(new TextTokenizer().setModel(BERT), 3), sql("sparkscore_tokenize(text, '" + BERT + "')"));
    assertEquals(stage(new TextTokenizer(), 3), sql("sparkscore_tokenize(text)"));
  }

  @Test
  void equalCallsShareOnePassThatExplainShows() {
    String call = "sparkscore_classify(text, '" + SENTIMENT + "')";
    String select = "SELECT id, " + call + ".label, " + call + ".score FROM docs WHERE id >= 0";
    String plan = spark.sql("EXPLAIN " + select).first().getString(0);
    assertEquals(1, plan.split("ScoreEval sparkscore_classify", -1).length - 1, plan);
    Dataset<Row> query = spark.sql(select);
    long before = ScoringMetrics.snapshot().rows();
    List<Row> rows = query.collectAsList();
    assertEquals(6, rows.size());
    assertEquals(6, ScoringMetrics.snapshot().rows() - before, "one scoring pass over the 6 rows, not two");
    for (Row row : rows) {
      assertEquals(row.getInt(0) == 4, row.isNullAt(1), "only the null text has a null label");
    }
  }

  @Test
  void callsInWhereAndNestedCallsAreScored() {
    String label = "sparkscore_classify(text, '" + SENTIMENT + "').label";
    Map<Integer, Object> labels = sql(label);
    List<Row> filtered = spark.sql("SELECT id FROM docs WHERE " + label + " = '" + labels.get(0) + "'").collectAsList();
    List<Integer> expected = labels.entrySet().stream()
        .filter(e -> labels.get(0).equals(e.getValue())).map(Map.Entry::getKey).collect(Collectors.toList());
    assertEquals(expected, filtered.stream().map(r -> r.getInt(0)).sorted().collect(Collectors.toList()));
    Row nested = spark.sql("SELECT sparkscore_tokenize(" + label + ", '" + BERT + "').tokens FROM docs WHERE id = 0")
        .first();
    assertTrue(nested.getList(0).size() > 2, "the label, tokenized");
  }

  @Test
  void callsOverLocalRowsAreNotEvaluatedEarly() {
    // Spark folds projections over local rows (VALUES, createDataFrame) in the optimizer unless a call is Unevaluable.
    List<Row> rows = spark.sql("SELECT sparkscore_embed(text, '" + BERT + "') FROM VALUES ('a'), (NULL) AS t(text)")
        .collectAsList();
    assertEquals(2, rows.size());
    assertTrue(rows.get(0).getList(0).size() > 0);
    assertNull(rows.get(1).get(0));
  }

  @Test
  void modelAliasesComeFromTheSession() {
    spark.conf().set("spark.sparkscore.model.tinybert", BERT);
    try {
      assertEquals(sql("sparkscore_embed(text, '" + BERT + "')"), sql("sparkscore_embed(text, 'tinybert')"));
    } finally {
      spark.conf().unset("spark.sparkscore.model.tinybert");
    }
  }

  @Test
  void badArgumentsFailAtAnalysisNamingTheArgument() {
    assertAnalysisError("sparkscore_embed(text, text)", "argument 2 (model) must be a constant");
    assertAnalysisError("sparkscore_embed(id)", "argument 1 (text) must be a string");
    assertAnalysisError("sparkscore_embed(text, 'nosuchalias')", "argument 2 (model) 'nosuchalias' is not a model alias");
    assertAnalysisError("sparkscore_embed(text, 'minilm', map('poolng', 'cls'))", "unknown option 'poolng'");
    assertAnalysisError("sparkscore_embed(text, 'minilm', map('batchSize', '0'))", "option batchSize = '0' is invalid");
    assertAnalysisError("sparkscore_embed(text, 'minilm', map('pooling', text))", "argument 3 (options) must be a constant");
    assertAnalysisError("sparkscore_classify(text)", "sparkscore_classify takes 2 to 3 arguments");
    assertAnalysisError("sparkscore_zero_shot(text, array('a'), 'minilm', map('method', 'vote'))", "method must be one of");
    assertAnalysisError("sparkscore_zero_shot(text, array(text))", "argument 2 (labels) must be a constant");
    assertAnalysisError("sparkscore_embed(text, 'minilm', map('inputCol', 'x'))", "unknown option 'inputCol'");
  }

  private static void assertAnalysisError(String call, String expected) {
    Exception e = assertThrows(Exception.class, () -> spark.sql("SELECT " + call + " FROM docs"), call);
    String message = rootMessage(e);
    assertTrue(message.contains(expected), call + " gave: " + message);
  }

  private static String rootMessage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SparkScoreException) {
        return t.getMessage();
      }
    }
    return String.valueOf(e);
  }

  @Test
  void describeFunctionShowsTheStageOptions() {
    String described = spark.sql("DESCRIBE FUNCTION EXTENDED sparkscore_embed").collectAsList().stream()
        .map(r -> r.getString(0)).collect(Collectors.joining("\n"));
    assertTrue(described.contains("sparkscore_embed(text [, model [, options]])"), described);
    assertTrue(described.contains("pooling: auto (the model's sentence-transformers pooling"), described);
    assertTrue(described.contains("spark.sparkscore.model.<alias>"), described);
  }
}
