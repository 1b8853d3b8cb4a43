// Databricks notebook source
// MAGIC %md
// MAGIC # Named entities
// MAGIC
// MAGIC `TokenClassifier` finds the people, places and organisations in a text column the way Hugging Face's
// MAGIC `pipeline("ner")` does: the model labels every token (`B-PER`, `I-PER`, `B-LOC`, …, `O`), and an
// MAGIC **aggregation strategy** turns tokens into entities:
// MAGIC
// MAGIC * `none`: one entry per token that is not `O`, sub-words (`##ang`) included;
// MAGIC * `simple`: runs of tokens with the same tag become one entity, a `B-` tag starting a new one;
// MAGIC * `first`, `average`, `max`: each *word* first takes one label (its first token's, its tokens' mean
// MAGIC   scores, or its most confident token's), then runs of words are grouped.
// MAGIC
// MAGIC `start` and `end` are offsets into the text (code points, as in Python and Spark SQL's `substring`).

// COMMAND ----------

// MAGIC %md
// MAGIC ## Model
// MAGIC
// MAGIC `spark.sparkscore.notebook.nerModel`: any token-classification model exported to ONNX
// MAGIC (`optimum-cli export onnx --task token-classification`, e.g. `dslim/bert-base-NER`). The default is the
// MAGIC repository's `tiny-bert-ner`, a real BERT token-classification graph with **random weights**: its
// MAGIC entities are noise, but they must equal what `transformers` finds with it, which its `reference.json`
// MAGIC records and this notebook checks.

// COMMAND ----------

val models = spark.conf.get("spark.sparkscore.notebook.models", "dbfs:/FileStore/sparkscore/models")
val nerModel = spark.conf.get("spark.sparkscore.notebook.nerModel", s"$models/tiny-bert-ner")

// COMMAND ----------

import io.sparkscore.stages.TokenClassifier
import org.apache.spark.sql.functions._

val texts = Seq(
  (1L, "Sarah Johnson met Dr. Emily Chen at the Mayo Clinic in Rochester, Minnesota."),
  (2L, "Hugging Face Inc. is a company based in New York City."),
  (3L, "El niño comió paella en España con María José.")
).toDF("id", "text")

val simple = new TokenClassifier().setModel(nerModel).setInputCol("text").setAggregationStrategy("simple")
val entities = simple.transform(texts).cache()
display(entities.select($"id", explode($"entities").as("e"))
  .select($"id", $"e.entity_group", round($"e.score", 3).as("score"), $"e.word", $"e.start", $"e.end"))

// COMMAND ----------

// MAGIC %md
// MAGIC ## Every strategy on one sentence
// MAGIC
// MAGIC `none` keeps tokens (with their `index`), the others group them; `first`, `average` and `max` never
// MAGIC split a word.

// COMMAND ----------

val sentence = texts.where($"id" === 1)
val byStrategy = Seq("none", "simple", "first", "average", "max").map { strategy =>
  val found = new TokenClassifier().setModel(nerModel).setInputCol("text").setAggregationStrategy(strategy)
    .transform(sentence).select(explode($"entities").as("e")).select($"e.word").as[String].collect()
  (strategy, found.length, found.mkString(" | "))
}
display(byStrategy.toDF("strategy", "entities", "words"))

// COMMAND ----------

// MAGIC %md
// MAGIC ## Texts longer than the window
// MAGIC
// MAGIC `longText = chunk` with a `stride` is the pipeline's `stride`: the text is cut into windows of the
// MAGIC model's length sharing `stride` tokens, and where entities of two windows overlap the longer one (then
// MAGIC the more confident one) stays. Without it, the text is truncated to its first window.

// COMMAND ----------

val long = Seq((9L, Seq.fill(12)("Clara Schumann toured Leipzig, Dresden and Berlin.").mkString(" "))).toDF("id", "text")
val truncated = simple.transform(long).select(size($"entities")).as[Int].head
val chunked = new TokenClassifier().setModel(nerModel).setInputCol("text").setAggregationStrategy("simple")
  .setLongText("chunk").setStride(16).setStatusCol("status").transform(long)
  .select(size($"entities"), $"status").as[(Int, String)].head
display(Seq(("truncated", truncated, ""), ("chunk, stride 16", chunked._1, chunked._2)).toDF("long text", "entities", "status"))

// COMMAND ----------

// MAGIC %md
// MAGIC ## The same entities as transformers
// MAGIC
// MAGIC When the model folder holds a `reference.json`, we run each of its cases (text, strategy, stride, ignored
// MAGIC labels) and compare labels, words, offsets and scores with what `pipeline("token-classification")` gave.

// COMMAND ----------

import org.apache.hadoop.fs.Path

val referenceFile = s"$nerModel/reference.json"
val hasReference = new Path(referenceFile).getFileSystem(spark.sparkContext.hadoopConfiguration)
  .exists(new Path(referenceFile))

case class Found(label: String, word: String, start: Long, end: Long, score: Double)

// COMMAND ----------

val referenceGaps: Seq[(String, Int, Boolean, Double)] = if (!hasReference) Seq.empty else {
  val cases = spark.read.option("multiLine", true).json(referenceFile)
    .select(explode($"token_classification").as("c"))
    .select($"c.text", $"c.aggregation_strategy", $"c.stride", $"c.ignore_labels",
      transform($"c.entities", e => struct(coalesce(e("entity"), e("entity_group")).as("label"), e("word"),
        e("start"), e("end"), e("score"))).as("entities"))
    .as[(String, String, Option[Long], Seq[String], Seq[Found])].collect().toSeq
  // One run per strategy, stride and ignored labels, over all the texts of that case.
  cases.zipWithIndex.groupBy { case ((_, strategy, stride, ignore, _), _) => (strategy, stride, ignore) }.toSeq
    .map { case ((strategy, stride, ignore), members) =>
      val stage = new TokenClassifier().setModel(nerModel).setInputCol("text").setAggregationStrategy(strategy)
        .setIgnoreLabels(ignore: _*)
      stride.foreach(s => stage.setLongText("chunk").setStride(s.toInt))
      val input = members.map { case ((text, _, _, _, _), i) => (i.toLong, text) }.toDF("id", "text")
      val got = stage.transform(input).select($"id", $"entities").collect().map { r =>
        r.getLong(0) -> r.getSeq[org.apache.spark.sql.Row](1).map(e => Found(e.getString(0), e.getAs[String]("word"),
          e.getAs[Int]("start").toLong, e.getAs[Int]("end").toLong, e.getDouble(1)))
      }.toMap
      val compared = members.map { case ((_, _, _, _, expected), i) =>
        val ours = got(i.toLong)
        val same = ours.length == expected.length && ours.zip(expected).forall { case (a, b) =>
          a.label == b.label && a.word == b.word && a.start == b.start && a.end == b.end }
        (same, if (!same || ours.isEmpty) 0.0 else ours.zip(expected).map { case (a, b) => math.abs(a.score - b.score) }.max)
      }
      (s"$strategy stride ${stride.getOrElse("-")} ignore ${ignore.mkString(",")}", members.size,
        compared.forall(_._1), compared.map(_._2).max)
    }.sortBy(_._1)
}

display(referenceGaps.toDF("case", "texts", "same_entities", "largest_score_difference"))

// COMMAND ----------

// MAGIC %md
// MAGIC ## Checks

// COMMAND ----------

val found = entities.select($"id", $"text", explode($"entities").as("e")).select($"text", $"e.*").collect()
assert(found.nonEmpty, "the model finds entities")
assert(found.forall(r => r.getAs[Int]("start") < r.getAs[Int]("end")), "every entity spans text")
assert(byStrategy.map(_._1) == Seq("none", "simple", "first", "average", "max"))
assert(chunked._2 == "chunked" && chunked._1 > truncated, s"windows find more than the first one: $chunked vs $truncated")
if (hasReference) {
  assert(referenceGaps.size >= 10 && referenceGaps.map(_._2).sum >= 60, s"every reference case ran: $referenceGaps")
  referenceGaps.foreach { case (c, _, same, gap) =>
    assert(same, s"$c: entities differ from transformers'")
    assert(gap < 1e-4, s"$c: scores differ from transformers' by $gap")
  }
}
