// Databricks notebook source
// MAGIC %md
// MAGIC # Questions answered from a context
// MAGIC
// MAGIC `QuestionAnswerer` reads a question column and a context column and returns the span of the context that
// MAGIC answers the question, as Hugging Face's `pipeline("question-answering")` does (transformers 4.x; version
// MAGIC 5 dropped that pipeline): `answer`, its `score`, and `start`/`end`, offsets into the context, so that
// MAGIC `answer` is always `context[start:end]`. With `topK` above 1 it returns the best answers as an array.

// COMMAND ----------

// MAGIC %md
// MAGIC ## Model
// MAGIC
// MAGIC `spark.sparkscore.notebook.qaModel`: any extractive question-answering model exported to ONNX
// MAGIC (`optimum-cli export onnx --task question-answering`, e.g. `distilbert-base-cased-distilled-squad`). The
// MAGIC default is the repository's `tiny-bert-qa`, a real BERT question-answering graph with **random
// MAGIC weights**: its answers are arbitrary spans, but they must equal what `transformers` answers with it,
// MAGIC which its `reference.json` records and this notebook checks.

// COMMAND ----------

val models = spark.conf.get("spark.sparkscore.notebook.models", "dbfs:/FileStore/sparkscore/models")
val qaModel = spark.conf.get("spark.sparkscore.notebook.qaModel", s"$models/tiny-bert-qa")

// COMMAND ----------

import io.sparkscore.stages.QuestionAnswerer
import org.apache.spark.sql.functions._

val amazon = "The Amazon rainforest covers much of the Amazon basin of South America. The majority of the forest is " +
  "contained within Brazil, followed by Peru and Colombia. It is home to millions of species of insects and plants."
val questions = Seq(
  (1L, "Where does Wolfgang live?", "My name is Wolfgang and I live in Berlin."),
  (2L, "Which country has most of the forest?", amazon),
  (3L, "What is the capital of France?", "Paris is the capital and most populous city of France."),
  (4L, "Who answers?", null)
).toDF("id", "question", "context")

val qa = new QuestionAnswerer().setModel(qaModel).setQuestionCol("question").setContextCol("context")
  .setStatusCol("status")
val answered = qa.transform(questions).cache()
display(answered.select($"id", $"question", $"answer.answer", round($"answer.score", 4).as("score"),
  $"answer.start", $"answer.end", $"status"))

// COMMAND ----------

// MAGIC %md
// MAGIC ## Several answers, long contexts, no answer
// MAGIC
// MAGIC A context longer than the model's window is cut into windows sharing `docStride` tokens; every window's
// MAGIC best spans compete. With `handleImpossibleAnswer`, the empty answer (`start = end = 0`) competes too,
// MAGIC scored by the model's `[CLS]` token.

// COMMAND ----------

val threeEach = new QuestionAnswerer().setModel(qaModel).setTopK(3).setDocStride(16).setHandleImpossibleAnswer(true)
  .transform(questions.where($"id" === 2))
display(threeEach.select(explode($"answer").as("a")).select($"a.answer", round($"a.score", 4).as("score"), $"a.start", $"a.end"))

// COMMAND ----------

// MAGIC %md
// MAGIC ## The same answers as transformers

// COMMAND ----------

import org.apache.hadoop.fs.Path

val referenceFile = s"$qaModel/reference.json"
val hasReference = new Path(referenceFile).getFileSystem(spark.sparkContext.hadoopConfiguration)
  .exists(new Path(referenceFile))

case class Answer(answer: String, score: Double, start: Long, end: Long)

// COMMAND ----------

val referenceGaps: Seq[(String, Long, Boolean, Double)] = if (!hasReference) Seq.empty else {
  val cases = spark.read.option("multiLine", true).json(referenceFile)
    .select(explode($"question_answering").as("c"))
    .select($"c.question", $"c.context", $"c.top_k", $"c.doc_stride", $"c.max_answer_len",
      $"c.handle_impossible_answer", $"c.windows", $"c.answers")
    .as[(String, String, Long, Option[Long], Long, Boolean, Long, Seq[Answer])].collect()
  cases.toSeq.map { case (question, context, topK, stride, maxAnswer, impossible, windows, expected) =>
    val stage = new QuestionAnswerer().setModel(qaModel).setTopK(topK.toInt).setMaxAnswerLength(maxAnswer.toInt)
      .setHandleImpossibleAnswer(impossible)
    stride.foreach(s => stage.setDocStride(s.toInt))
    val out = stage.transform(Seq((question, context)).toDF("question", "context"))
    val got = (if (topK == 1) out.select(array($"answer").as("a")) else out.select($"answer".as("a")))
      .select(explode($"a").as("a")).select($"a.*").as[(String, Double, Int, Int)].collect()
      .map { case (a, s, b, e) => Answer(a, s, b.toLong, e.toLong) }
    val same = got.length == expected.length && got.zip(expected).forall { case (a, b) =>
      a.answer == b.answer && a.start == b.start && a.end == b.end }
    val gap = if (!same) 0.0 else got.zip(expected).map { case (a, b) => math.abs(a.score - b.score) }.max
    (question, windows, same, gap)
  }
}

display(referenceGaps.toDF("question", "windows", "same_answers", "largest_score_difference"))

// COMMAND ----------

// MAGIC %md
// MAGIC ## Checks

// COMMAND ----------

val rows = answered.select($"context", $"answer", $"status").collect()
rows.take(3).foreach { r =>
  val a = r.getStruct(1)
  assert(r.getString(0).substring(a.getInt(2), a.getInt(3)) == a.getString(0), s"answer is context[start:end]: $a")
}
assert(rows(3).isNullAt(1) && rows(3).getString(2) == "null_text", "a null context gives a null answer")
val three = threeEach.select(size($"answer")).as[Int].head
assert(three == 3, s"three answers, got $three")
if (hasReference) {
  assert(referenceGaps.exists(_._2 > 1), "a context over several windows was compared")
  referenceGaps.foreach { case (question, windows, same, gap) =>
    assert(same, s"'$question' ($windows windows): answers differ from transformers'")
    assert(gap < 1e-4, s"'$question': scores differ from transformers' by $gap")
  }
}
