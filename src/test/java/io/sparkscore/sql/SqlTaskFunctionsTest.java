package io.sparkscore.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkscore.SparkScoreException;
import io.sparkscore.stages.MaskFiller;
import io.sparkscore.stages.PairClassifier;
import io.sparkscore.stages.QuestionAnswerer;
import io.sparkscore.stages.TokenClassifier;
import io.sparkscore.testing.Reference;
import io.sparkscore.testing.TestSpark;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The entity, answer, pair and fill-mask functions give exactly what their stages give on the
 * fixtures' inputs (the stages are checked against Hugging Face elsewhere), null for a null text,
 * and refuse bad arguments at analysis naming the argument.
 */
class SqlTaskFunctionsTest {
  private static final String NER = TestSpark.fixtureModel("tiny-bert-ner");
  private static final String QA = TestSpark.fixtureModel("tiny-bert-qa");
  private static final String RERANKER = TestSpark.fixtureModel("tiny-xlmr-reranker");
  private static final String MLM = TestSpark.fixtureModel("tiny-xlmr-mlm");
  private static SparkSession spark;
  private static Dataset<Row> tasks;
  /** The id of the row of empty strings; the row of nulls follows it. */
  private static int emptyRow;

  /**
   * One row per fixture input of each task, side by side (a task with fewer is padded with nulls),
   * then a row of empty strings and one of nulls.
   */
  @BeforeAll
  static void tasks() {
    spark = TestSpark.session();
    List<List<List<String>>> groups = List.of(
        distinct("tiny-bert-ner", "token_classification", "text"),
        distinct("tiny-bert-qa", "question_answering", "question", "context"),
        distinct("tiny-xlmr-reranker", "pairs", "text", "text_pair"),
        distinct("tiny-xlmr-mlm", "fill_mask", "text"));
    int size = groups.stream().mapToInt(List::size).max().orElseThrow();
    emptyRow = size;
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < size + 2; i++) {
      List<Object> values = new ArrayList<>(List.of(i));
      for (List<List<String>> group : groups) {
        for (int field = 0; field < group.get(0).size(); field++) {
          values.add(i < group.size() ? group.get(i).get(field) : i == size ? "" : null);
        }
      }
      rows.add(RowFactory.create(values.toArray()));
    }
    StructType schema = new StructType().add("id", DataTypes.IntegerType);
    for (String column : List.of("text", "question", "context", "query", "text_pair", "masked")) {
      schema = schema.add(column, DataTypes.StringType);
    }
    // Two partitions, as the stage sees them too.
    tasks = spark.createDataFrame(rows, schema).repartition(2).cache();
    tasks.createOrReplaceTempView("tasks");
  }

  /** The distinct tuples of {@code fields} over a fixture's reference section, in its order. */
  private static List<List<String>> distinct(String fixture, String section, String... fields) {
    LinkedHashSet<List<String>> tuples = new LinkedHashSet<>();
    for (JsonNode entry : Reference.of(fixture).section(section)) {
      tuples.add(Arrays.stream(fields).map(f -> entry.path(f).asText()).collect(Collectors.toList()));
    }
    return new ArrayList<>(tuples);
  }

  /** id → the stage's added columns as one value (several as a list), null where one of {@code texts} is null. */
  private static Map<Integer, Object> stage(Transformer stage, String... texts) {
    Dataset<Row> scored = stage.transform(tasks);
    int first = tasks.columns().length;
    Map<Integer, Object> out = new TreeMap<>();
    for (Row row : scored.collectAsList()) {
      List<Object> added = new ArrayList<>();
      for (int i = first; i < row.size(); i++) {
        added.add(row.get(i));
      }
      boolean nullText = Arrays.stream(texts).anyMatch(t -> row.isNullAt(row.fieldIndex(t)));
      out.put(row.getInt(0), nullText ? null : added.size() == 1 ? fields(added.get(0)) : added);
    }
    return out;
  }

  /** id → the function's result. */
  private static Map<Integer, Object> sql(String call) {
    Map<Integer, Object> out = new TreeMap<>();
    for (Row row : spark.sql("SELECT id, " + call + " AS r FROM tasks").collectAsList()) {
      out.put(row.getInt(0), fields(row.get(1)));
    }
    return out;
  }

  /** A struct as the list of its fields, so that a struct result equals a stage's several columns. */
  private static Object fields(Object value) {
    if (value instanceof Row struct) {
      List<Object> fields = new ArrayList<>();
      for (int i = 0; i < struct.size(); i++) {
        fields.add(struct.get(i));
      }
      return fields;
    }
    return value;
  }

  @Test
  void nerIsTheStage() {
    Map<Integer, Object> tokens = sql("sparkscore_ner(text, '" + NER + "')");
    assertEquals(stage(new TokenClassifier().setModel(NER), "text"), tokens);
    assertEquals(stage(new TokenClassifier().setModel(NER).setAggregationStrategy("simple"), "text"),
        sql("sparkscore_ner(text, '" + NER + "', map('aggregationStrategy', 'simple'))"));
    assertNull(tokens.get(emptyRow), "empty text gives null, as the stage's (status empty_text)");
    assertNull(tokens.get(emptyRow + 1), "null text gives null");
  }

  @Test
  void qaIsTheStageInOnePass() {
    String call = "sparkscore_qa(question, context, '" + QA + "')";
    assertEquals(stage(new QuestionAnswerer().setModel(QA), "question", "context"), sql(call));
    assertEquals(stage(new QuestionAnswerer().setModel(QA).setTopK(2).setDocStride(16), "question", "context"),
        sql("sparkscore_qa(question, context, '" + QA + "', map('topK', '2', 'docStride', '16'))"));
    Row wolfgang = spark.sql("SELECT " + call + ".answer FROM tasks WHERE question = 'Where does Wolfgang live?'")
        .first();
    assertEquals(Reference.of("tiny-bert-qa").section("question_answering").get(0).path("answers").get(0)
        .path("answer").asText(), wolfgang.getString(0), "the pipeline's answer");
    String plan = spark.sql("EXPLAIN SELECT " + call + ".answer, " + call + ".score FROM tasks").first().getString(0);
    assertEquals(1, plan.split("ScoreEval sparkscore_qa", -1).length - 1, "one pass for both fields: " + plan);
  }

  @Test
  void pairIsTheStage() {
    Map<Integer, Object> scores = sql("sparkscore_pair(query, text_pair, '" + RERANKER + "')");
    PairClassifier pairs = new PairClassifier().setModel(RERANKER).setInputCol("query");
    assertEquals(stage(pairs, "query", "text_pair"), scores);
    assertEquals(stage(pairs.copy(new ParamMap()).setFunctionToApply("none"), "query", "text_pair"),
        sql("sparkscore_pair(query, text_pair, '" + RERANKER + "', map('functionToApply', 'none'))"));
    assertNotNull(scores.get(emptyRow), "an empty pair is scored, as the pipeline scores it");
    assertNull(scores.get(emptyRow + 1), "a null text gives null");
  }

  @Test
  void fillMaskIsTheStage() {
    Map<Integer, Object> fills = sql("sparkscore_fill_mask(masked, '" + MLM + "')");
    assertEquals(stage(new MaskFiller().setModel(MLM).setInputCol("masked"), "masked"), fills);
    assertEquals(stage(new MaskFiller().setModel(MLM).setInputCol("masked").setTopK(2).setTargets("the", "times"),
        "masked"), sql("sparkscore_fill_mask(masked, '" + MLM + "', map('topK', '2', 'targets', 'the,times'))"));
    assertNull(fills.get(emptyRow + 1), "null text gives null");
    assertNull(fills.get(emptyRow), "a text without a mask gives null, as the stage's (status no_mask)");
  }

  @Test
  void badArgumentsFailAtAnalysisNamingTheArgument() {
    assertAnalysisError("sparkscore_qa(question, context)", "sparkscore_qa takes 3 to 4 arguments (question, context");
    assertAnalysisError("sparkscore_qa(question, id, '" + QA + "')", "argument 2 (context) must be a string");
    assertAnalysisError("sparkscore_qa(question, context, '" + QA + "', map('stride', '8'))",
        "stride does not apply to question answering");
    assertAnalysisError("sparkscore_pair(query, text_pair, text_pair)", "argument 3 (model) must be a constant");
    assertAnalysisError("sparkscore_ner(text, '" + NER + "', map('aggregationStrategy', 'best'))",
        "option aggregationStrategy = 'best' is invalid");
    assertAnalysisError("sparkscore_fill_mask(masked, '" + MLM + "', map('topK', text))",
        "argument 3 (options) must be a constant");
    assertAnalysisError("sparkscore_fill_mask(masked)", "sparkscore_fill_mask takes 2 to 3 arguments");
  }

  private static void assertAnalysisError(String call, String expected) {
    Exception e = assertThrows(Exception.class, () -> spark.sql("SELECT " + call + " FROM tasks"), call);
    String message = String.valueOf(e);
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SparkScoreException) {
        message = t.getMessage();
      }
    }
    assertTrue(message.contains(expected), call + " gave: " + message);
  }

  @Test
  void describeFunctionShowsTheTextsAndTheStageOptions() {
    String described = spark.sql("DESCRIBE FUNCTION EXTENDED sparkscore_qa").collectAsList().stream()
        .map(r -> r.getString(0)).collect(Collectors.joining("\n"));
    assertTrue(described.contains("sparkscore_qa(question, context, model [, options])"), described);
    assertTrue(described.contains("* context - the string the answer is taken from"), described);
    assertTrue(described.contains("docStride: tokens consecutive windows of a long context share"), described);
  }
}
