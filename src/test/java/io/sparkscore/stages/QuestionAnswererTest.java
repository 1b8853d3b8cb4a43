package io.sparkscore.stages;

import static io.sparkscore.stages.ClassifierFixtures.TOLERANCE;
import static io.sparkscore.stages.ClassifierFixtures.collectById;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkscore.SparkScoreException;
import io.sparkscore.testing.Reference;
import io.sparkscore.testing.TestSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * QuestionAnswerer against Hugging Face's question-answering pipeline (transformers 4.57, the last
 * with it): the tiny-bert-qa fixture's references, with top_k, doc_stride, max_answer_len and
 * handle_impossible_answer, and contexts over up to eight windows.
 */
class QuestionAnswererTest {
  private static final String QA = TestSpark.fixtureModel("tiny-bert-qa");
  private static final StructType PAIRS = new StructType()
      .add("id", DataTypes.LongType).add("question", DataTypes.StringType).add("context", DataTypes.StringType);

  private static Dataset<Row> pairs(String... questionsAndContexts) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < questionsAndContexts.length; i += 2) {
      rows.add(RowFactory.create((long) i / 2, questionsAndContexts[i], questionsAndContexts[i + 1]));
    }
    return TestSpark.session().createDataFrame(rows, PAIRS);
  }

  @Test
  void reproducesTheQuestionAnsweringPipeline() {
    double worst = 0;
    int windowed = 0;
    for (JsonNode c : Reference.of("tiny-bert-qa").section("question_answering")) {
      int topK = c.path("top_k").asInt();
      QuestionAnswerer qa = new QuestionAnswerer().setModel(QA).setTopK(topK).setBatchSize(3)
          .setMaxAnswerLength(c.path("max_answer_len").asInt())
          .setHandleImpossibleAnswer(c.path("handle_impossible_answer").asBoolean());
      if (!c.path("doc_stride").isNull()) {
        qa.setDocStride(c.path("doc_stride").asInt());
      }
      Row row = collectById(qa.transform(pairs(c.path("question").asText(), c.path("context").asText()))).get(0);
      List<Row> got = topK == 1 ? List.of(row.getStruct(3)) : row.getList(3);
      JsonNode expected = c.path("answers");
      String where = "'" + c.path("question").asText() + "' top_k " + topK + " doc_stride " + c.path("doc_stride");
      assertEquals(expected.size(), got.size(), where + ": " + got);
      for (int k = 0; k < got.size(); k++) {
        JsonNode want = expected.get(k);
        Row answer = got.get(k);
        assertEquals(want.path("answer").asText(), answer.getString(0), where + " answer " + k);
        assertEquals(want.path("start").asInt(), answer.getInt(2), where + " answer " + k);
        assertEquals(want.path("end").asInt(), answer.getInt(3), where + " answer " + k);
        double diff = Math.abs(want.path("score").asDouble() - answer.getDouble(1));
        assertTrue(diff <= TOLERANCE, where + ": score differs by " + diff);
        worst = Math.max(worst, diff);
      }
      windowed += c.path("windows").asInt() > 1 ? 1 : 0;
    }
    assertTrue(windowed >= 3, "references over several windows: " + windowed);
    System.out.println("QuestionAnswerer vs pipeline(\"question-answering\"), largest score difference: " + worst);
  }

  @Test
  void nullBlankAndTooLongQuestionsGiveNullAnswersWithTheirStatus() {
    String context = "Paris is the capital and most populous city of France.";
    String tooLong = "Which " + "very ".repeat(40) + "big city is it?";
    QuestionAnswerer qa = new QuestionAnswerer().setModel(QA).setStatusCol("status");
    List<Row> rows = collectById(qa.transform(pairs(null, context, "Where?", null, "", context, "Where?", "  ",
        tooLong, context, "What is the capital?", context)));
    for (int i = 0; i < 5; i++) {
      assertNull(rows.get(i).get(3), "row " + i);
    }
    List<String> status = rows.stream().map(r -> r.getString(4)).toList();
    assertEquals(List.of(RowStatus.NULL_TEXT, RowStatus.NULL_TEXT, RowStatus.EMPTY_TEXT, RowStatus.EMPTY_TEXT),
        status.subList(0, 4));
    assertTrue(status.get(4).startsWith("error: question \"Which very"), status.get(4));
    assertTrue(status.get(4).contains("leaves no room for the context"), status.get(4));
    assertEquals(RowStatus.OK, status.get(5));
    assertTrue(rows.get(5).getStruct(3).getDouble(1) > 0);

    SparkException failed = assertThrows(SparkException.class,
        () -> new QuestionAnswerer().setModel(QA).transform(pairs(tooLong, context)).collect());
    assertTrue(failed.getMessage().contains("leaves no room for the context"), failed.getMessage());
  }

  @Test
  void aQuestionLongerThanMaxQuestionLengthKeepsItsFirstTokens() {
    String context = "Paris is the capital and most populous city of France.";
    QuestionAnswerer cut = new QuestionAnswerer().setModel(QA).setMaxQuestionLength(3);
    Row whole = collectById(cut.transform(pairs("What is the capital?", context, "What is", context))).get(0);
    Row shortQuestion = collectById(new QuestionAnswerer().setModel(QA).transform(
        pairs("What is the", context))).get(0);
    assertEquals(shortQuestion.getStruct(3), whole.getStruct(3));
  }

  @Test
  void refusesAModelWithoutAQuestionAnsweringHeadAndParamsThatDoNotApply() {
    for (String other : List.of("tiny-bert-ner", "tiny-bert-sentiment")) {
      QuestionAnswerer qa = new QuestionAnswerer().setModel(TestSpark.fixtureModel(other));
      SparkScoreException e = assertThrows(SparkScoreException.class, () -> qa.transform(pairs("Who?", "Me.")));
      assertTrue(e.getMessage().contains("has no question-answering head"), e.getMessage());
      assertTrue(e.getMessage().contains("start_logits"), e.getMessage());
    }
    SparkScoreException e = assertThrows(SparkScoreException.class,
        () -> new QuestionAnswerer().setInputCol("text").transformSchema(PAIRS));
    assertTrue(e.getMessage().contains("inputCol does not apply to question answering"), e.getMessage());
    e = assertThrows(SparkScoreException.class, () -> new QuestionAnswerer().setContextCol("body").transformSchema(PAIRS));
    assertTrue(e.getMessage().contains("input column 'body' does not exist"), e.getMessage());
    e = assertThrows(SparkScoreException.class, () -> new QuestionAnswerer().setOutputCol("id").transformSchema(PAIRS));
    assertTrue(e.getMessage().contains("output column 'id' already exists"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new QuestionAnswerer().setTopK(0));
    assertEquals(DataTypes.createArrayType(QuestionAnswerer.ANSWER, false),
        new QuestionAnswerer().setTopK(2).transformSchema(PAIRS).apply("answer").dataType());
  }

  @Test
  void roundTripsThroughSaveLoadAndPipelineModel(@TempDir Path dir) throws Exception {
    QuestionAnswerer qa = new QuestionAnswerer().setModel(QA).setTopK(2).setDocStride(8).setMaxAnswerLength(4)
        .setHandleImpossibleAnswer(true).setOutputCol("answers");
    ClassifierFixtures.assertRoundTrips(qa, pairs("Who met Emily?", "Sarah Johnson met Emily Chen in Rochester.",
        null, "Nobody."), dir);
  }
}
