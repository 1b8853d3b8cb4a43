// Databricks notebook source
// MAGIC %md
// MAGIC # Sentiment at scale
// MAGIC
// MAGIC `TextClassifier` runs any Hugging Face sequence-classification model over a text column and adds the
// MAGIC `label`, its `score` and every label's score, exactly as `pipeline("sentiment-analysis")` would for each
// MAGIC row. Here we score a labelled corpus of movie reviews, look at the label distribution, and measure the
// MAGIC accuracy against the human labels.

// COMMAND ----------

// MAGIC %md
// MAGIC ## Model and corpus
// MAGIC
// MAGIC * `spark.sparkscore.notebook.sentimentModel`: a model directory exported to ONNX with its `config.json`
// MAGIC   (`id2label`) and `tokenizer.json`, for instance `distilbert-base-uncased-finetuned-sst-2-english` via
// MAGIC   `optimum-cli export onnx --task text-classification`. The test suite passes `minilm-sst2`
// MAGIC   (all-MiniLM-L6-v2 fine-tuned on the SST-2 train split; its `training.json` says it scores 0.9037 on
// MAGIC   SST-2 dev, its `reference.jsonl` holds `transformers`' scores for every dev sentence) when the machine
// MAGIC   has it. The default is the repository's `tiny-distilbert-sentiment` (under
// MAGIC   `spark.sparkscore.notebook.models`): a real DistilBERT graph with the SST-2 labels but **random
// MAGIC   weights**, so its predictions are no better than a coin; its `reference.json` is what this notebook
// MAGIC   checks then.
// MAGIC * `spark.sparkscore.notebook.data`: a folder holding `sst2/dev.jsonl`, the 872 labelled sentences of the
// MAGIC   GLUE SST-2 development set, one JSON object per line with `text` and `label_name`. Without it the
// MAGIC   notebook uses a dozen reviews written inline.

// COMMAND ----------

import org.apache.hadoop.fs.Path
import org.apache.spark.sql.DataFrame

val models = spark.conf.get("spark.sparkscore.notebook.models", "dbfs:/FileStore/sparkscore/models")
val sentimentModel = spark.conf.get("spark.sparkscore.notebook.sentimentModel", s"$models/tiny-distilbert-sentiment")
val dataDir = spark.conf.get("spark.sparkscore.notebook.data", "")

def pathExists(path: String): Boolean =
  path.nonEmpty && new Path(path).getFileSystem(spark.sparkContext.hadoopConfiguration).exists(new Path(path))

// COMMAND ----------

val sst2 = s"$dataDir/sst2/dev.jsonl"
val fromCorpus = dataDir.nonEmpty && pathExists(sst2)
val reviews = (if (fromCorpus) {
  spark.read.json(sst2).select($"id", $"text", $"label_name".as("gold"))
} else {
  Seq(
    ("inline-1", "a charming and often affecting journey", "POSITIVE"),
    ("inline-2", "unflinchingly bleak and desperate", "NEGATIVE"),
    ("inline-3", "the acting is superb and the script is sharp", "POSITIVE"),
    ("inline-4", "a tedious , overlong mess", "NEGATIVE"),
    ("inline-5", "one of the funniest films of the year", "POSITIVE"),
    ("inline-6", "the plot makes no sense and the jokes fall flat", "NEGATIVE"),
    ("inline-7", "a warm , wise and wonderfully acted story", "POSITIVE"),
    ("inline-8", "i was bored from the first scene to the last", "NEGATIVE"),
    ("inline-9", "beautifully shot and deeply moving", "POSITIVE"),
    ("inline-10", "a lazy sequel that nobody asked for", "NEGATIVE"),
    ("inline-11", "smart , funny and full of heart", "POSITIVE"),
    ("inline-12", "the worst film i have seen in years", "NEGATIVE")
  ).toDF("id", "text", "gold")
}).cache()

println(s"${reviews.count()} reviews from ${if (fromCorpus) sst2 else "the inline sample"}")
display(reviews.groupBy("gold").count().orderBy("gold"))

// COMMAND ----------

// MAGIC %md
// MAGIC ## Scoring
// MAGIC
// MAGIC The stage ships only the model's location to the executors; each executor JVM opens one ONNX Runtime
// MAGIC session and its tasks share it. Rows are tokenized a window at a time, sorted by length into batches
// MAGIC (`batchSize` rows, at most `maxBatchTokens` padded tokens) and leave in their input order. On a cluster,
// MAGIC spread the rows over as many partitions as there are cores.

// COMMAND ----------

import io.sparkscore.stages.TextClassifier
import org.apache.spark.sql.functions._

val classifier = new TextClassifier().setModel(sentimentModel).setInputCol("text").setBatchSize(32)

val started = System.nanoTime()
val predictions = classifier.transform(reviews.repartition(4)).cache()
val rows = predictions.count()
val seconds = (System.nanoTime() - started) / 1e9

println(f"$rows reviews scored in $seconds%.1f s (${rows / seconds}%.0f rows/s on this cluster)")
display(predictions.select("text", "gold", "label", "score", "scores").limit(10))

// COMMAND ----------

// MAGIC %md
// MAGIC ## Label distribution
// MAGIC
// MAGIC How often the model says each label, next to how often the annotators did, and how sure it is.

// COMMAND ----------

val distribution = predictions.groupBy($"label")
  .agg(count(lit(1)).as("predicted"), round(avg($"score"), 3).as("mean_score"))
  .join(reviews.groupBy($"gold".as("label")).agg(count(lit(1)).as("annotated")), Seq("label"), "full_outer")
  .na.fill(0, Seq("predicted", "annotated"))
  .orderBy("label")

display(distribution)

// COMMAND ----------

// MAGIC %md
// MAGIC ## Accuracy
// MAGIC
// MAGIC Accuracy only means something when the model's labels are the corpus's labels; the confusion matrix shows
// MAGIC where the two disagree. A model fine-tuned on SST-2 scores about 0.9 here (`minilm-sst2` 0.9037; the model
// MAGIC card of `distilbert-base-uncased-finetuned-sst-2-english` reports 91.3); the random-weight test model
// MAGIC scores about what always answering one label would.

// COMMAND ----------

val modelLabels = predictions.select(explode($"scores.label")).distinct().as[String].collect().toSet
val corpusLabels = reviews.select("gold").distinct().as[String].collect().toSet
val fitsTheTask = corpusLabels.subsetOf(modelLabels)
val accuracy = predictions.select(avg(when($"label" === $"gold", 1.0).otherwise(0.0))).as[Double].head

println(s"model labels $modelLabels, corpus labels $corpusLabels")
println(if (fitsTheTask) f"accuracy against the annotators: $accuracy%.4f" else "the model's labels are not the corpus's")
display(predictions.stat.crosstab("gold", "label"))

// COMMAND ----------

// MAGIC %md
// MAGIC ## The same answers as transformers
// MAGIC
// MAGIC When the model folder holds `transformers`' own scores (`reference.json` in the test models,
// MAGIC `reference.jsonl` in `minilm-sst2`), we score its sentences and compare with what
// MAGIC `pipeline("sentiment-analysis")` gave in Python.

// COMMAND ----------

val referenceFile = s"$sentimentModel/reference.json"
val referenceLines = s"$sentimentModel/reference.jsonl"
val referenceScores: Option[DataFrame] =
  if (pathExists(referenceFile)) Some(spark.read.option("multiLine", true).json(referenceFile)
    .select(explode($"classification").as("c"))
    .select($"c.text".as("text"), explode($"c.scores").as("s"))
    .select($"text", $"s.label".as("label"), $"s.score".as("expected")))
  else if (pathExists(referenceLines)) Some(spark.read.json(referenceLines)
    .select($"text", explode(map_from_arrays(array(lit("NEGATIVE"), lit("POSITIVE")),
      array($"scores.NEGATIVE", $"scores.POSITIVE"))).as(Seq("label", "expected"))))
  else None
val referenceGap: Option[Double] = referenceScores.map { expected =>
  val ours = classifier.transform(expected.select("text").distinct())
    .select($"text", explode($"scores").as("s"))
    .select($"text", $"s.label".as("label"), $"s.score".as("score"))
  val compared = expected.join(ours, Seq("text", "label"))
  display(compared.orderBy("text", "label").limit(20))
  compared.select(max(abs($"score" - $"expected"))).as[Double].head
}
println(referenceGap.fold("no reference.json next to the model")(g => f"largest difference from transformers: $g%.1e"))

// COMMAND ----------

// MAGIC %md
// MAGIC ## Checks

// COMMAND ----------

val checked = predictions.select(
  count(lit(1)).as("rows"),
  count($"label").as("labelled"),
  max(abs(aggregate($"scores.score", lit(0.0), (acc, s) => acc + s) - 1.0)).as("worst_softmax_sum"),
  sum(when($"label" === $"scores"(0)("label") && $"score" === $"scores"(0)("score"), 0).otherwise(1)).as("label_not_best")
).as[(Long, Long, Double, Long)].head

assert(checked._1 == reviews.count() && checked._2 == checked._1, s"every review gets a label: $checked")
assert(checked._3 < 1e-5, s"softmax scores add up to 1: $checked")
assert(checked._4 == 0, s"the label is the best of the scores: $checked")
assert(distribution.select(sum("predicted")).as[Long].head == rows, "the distribution covers every review")
assert(fitsTheTask, s"the model's labels $modelLabels cover the corpus's $corpusLabels")
referenceGap match {
  case Some(gap) => assert(gap < 1e-4, s"scores differ from transformers' by $gap")
  case None => assert(accuracy > 0.8, f"a real sentiment model should be right on SST-2 more than 80%% of the time, got $accuracy%.3f")
}
// A model that records its own SST-2 dev accuracy (minilm-sst2's training.json) must reach it here, to the last digit.
val trainingFile = s"$sentimentModel/training.json"
if (fromCorpus && pathExists(trainingFile)) {
  val trained = spark.read.option("multiLine", true).json(trainingFile).select("sst2_dev_accuracy").as[Double].head
  println(f"SST-2 dev accuracy $accuracy%.4f, the model's training.json says $trained%.4f")
  assert(rows == 872 && accuracy == trained, s"SST-2 dev accuracy $accuracy, training.json $trained")
}
