// Databricks notebook source
// MAGIC %md
// MAGIC # Sentence pairs and masked words
// MAGIC
// MAGIC `PairClassifier` scores two text columns together, as Hugging Face's `pipeline("text-classification")`
// MAGIC does with `{"text", "text_pair"}` and as sentence-transformers' `CrossEncoder.predict` does for rerankers.
// MAGIC `MaskFiller` proposes the best tokens for each mask, as `pipeline("fill-mask")`.
// MAGIC
// MAGIC The default models are the repository's tiny fixtures (random weights: the scores are noise, but they
// MAGIC must equal what `transformers` and `sentence-transformers` give, which their `reference.json` records).

// COMMAND ----------

val models = spark.conf.get("spark.sparkscore.notebook.models", "dbfs:/FileStore/sparkscore/models")
val reranker = spark.conf.get("spark.sparkscore.notebook.rerankerModel", s"$models/tiny-xlmr-reranker")
val maskedLm = spark.conf.get("spark.sparkscore.notebook.maskedLmModel", s"$models/tiny-electra-mlm")

// COMMAND ----------

// MAGIC %md
// MAGIC ## Reranking passages for a query
// MAGIC
// MAGIC A one-logit CrossEncoder: `score` is its sigmoid, the relevance `CrossEncoder.predict` returns.

// COMMAND ----------

import io.sparkscore.stages.{MaskFiller, PairClassifier}
import org.apache.spark.sql.functions._

val pairs = Seq(
  (1L, "How old are you?", "I am six years old."),
  (2L, "How old are you?", "The station is near the river."),
  (3L, "Où est la gare ?", "The station is near the river."),
  (4L, "Where is the station?", null)
).toDF("id", "query", "passage")

val ranked = new PairClassifier().setModel(reranker).setInputCol("query").setPairCol("passage")
  .setScoresCol("").setStatusCol("status").transform(pairs).cache()
display(ranked.orderBy($"query", desc("score")))

// COMMAND ----------

// MAGIC %md
// MAGIC ## Filling masks
// MAGIC
// MAGIC One array of fillers per mask, in text order; `sequence` is the text with the filler in place.

// COMMAND ----------

val masked = Seq((1L, "The capital of France is [MASK]."), (2L, "I [MASK] this movie, it is [MASK]!"),
  (3L, "No mask here.")).toDF("id", "text")
val filled = new MaskFiller().setModel(maskedLm).setTopK(3).setStatusCol("status").transform(masked).cache()
display(filled.select($"id", $"status", posexplode_outer($"fills").as(Seq("mask", "fill")))
  .select($"id", $"status", $"mask", explode_outer($"fill").as("f"))
  .select($"id", $"status", $"mask", $"f.token_str", round($"f.score", 4).as("score"), $"f.sequence"))

// COMMAND ----------

// MAGIC %md
// MAGIC ## Checks against transformers

// COMMAND ----------

import org.apache.hadoop.fs.Path

def exists(file: String) = new Path(file).getFileSystem(spark.sparkContext.hadoopConfiguration).exists(new Path(file))

val rows = ranked.orderBy("id").collect()
assert(rows.take(3).forall(r => r.getAs[Double]("score") > 0 && r.getAs[Double]("score") < 1), "relevances are probabilities")
assert(rows(3).getAs[String]("status") == "null_text" && rows(3).isNullAt(rows(3).fieldIndex("score")))
if (exists(s"$reranker/reference.json")) {
  val expected = spark.read.option("multiLine", true).json(s"$reranker/reference.json")
    .select(explode($"pairs").as("p")).where($"p.text" === "How old are you?" && $"p.text_pair" === "I am six years old.")
    .select($"p.cross_encoder".getItem(0)).as[Double].head()
  assert(math.abs(rows(0).getAs[Double]("score") - expected) < 1e-4, s"CrossEncoder.predict gives $expected")
}
val maskSizes = filled.orderBy("id").select(transform($"fills", f => size(f))).as[Option[Seq[Int]]].collect()
assert(maskSizes(0) == Some(Seq(3)), "one mask, three fillers")
assert(maskSizes(1) == Some(Seq(3, 3)), "two masks")
assert(maskSizes(2).isEmpty && filled.where($"id" === 3).select($"status").as[String].head() == "no_mask")
if (exists(s"$maskedLm/reference.json")) {
  val expected = spark.read.option("multiLine", true).json(s"$maskedLm/reference.json")
    .select(explode($"fill_mask").as("c")).where($"c.text" === "The capital of France is [MASK].")
    .select($"c.fills".getItem(0).getItem(0).getField("token_str")).as[String].head()
  val best = filled.where($"id" === 1).select($"fills".getItem(0).getItem(0).getField("token_str")).as[String].head()
  assert(best == expected, s"fill-mask's best token is $expected, not $best")
}
