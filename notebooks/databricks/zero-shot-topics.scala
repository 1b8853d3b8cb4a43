// Databricks notebook source
// MAGIC %md
// MAGIC # Zero-shot topics in Spanish and English
// MAGIC
// MAGIC Zero-shot classification sorts text into labels nobody trained the model on: you name the labels when
// MAGIC you run it. SparkScore does it two ways, and this notebook runs both over the same Spanish and English
// MAGIC texts with Spanish labels:
// MAGIC
// MAGIC * **NLI** (`ZeroShotClassifier`), as `pipeline("zero-shot-classification")`: each label goes into a
// MAGIC   hypothesis (`Este ejemplo es {}.`) and a natural-language-inference model judges whether the text
// MAGIC   entails it. One model run per text *and label*: accurate, and slow with many labels.
// MAGIC * **Embeddings** (`EmbeddingZeroShotClassifier`): the cosine similarity between the text's sentence
// MAGIC   embedding and each hypothesis's. One run per text, each label embedded once per partition: fast,
// MAGIC   and only as good as the encoder's grasp of the language.

// COMMAND ----------

// MAGIC %md
// MAGIC ## Models
// MAGIC
// MAGIC * NLI: `spark.sparkscore.notebook.nliModel`, any model exported with its `config.json` naming an
// MAGIC   `entailment` label, for Spanish e.g. `Recognai/bert-base-spanish-wwm-cased-xnli` or a multilingual
// MAGIC   XNLI model. The default is the repository's `tiny-nli` (under `spark.sparkscore.notebook.models`),
// MAGIC   a real BERT NLI graph with **random weights**: its topics are noise, but its scores must equal what
// MAGIC   `transformers` computes with it, which its `reference.json` records and this notebook checks.
// MAGIC * Embeddings: `spark.sparkscore.notebook.embeddingModel`, by default the built-in all-MiniLM-L6-v2. It was
// MAGIC   trained on English; a multilingual encoder (`paraphrase-multilingual-MiniLM-L12-v2`) serves Spanish better.

// COMMAND ----------

val models = spark.conf.get("spark.sparkscore.notebook.models", "dbfs:/FileStore/sparkscore/models")
val nliModel = spark.conf.get("spark.sparkscore.notebook.nliModel", s"$models/tiny-nli")
val embeddingModel = spark.conf.get("spark.sparkscore.notebook.embeddingModel", "minilm")

val labels = Seq("política", "computación", "estadística", "gastronomía", "automóviles")
val template = "Este ejemplo es {}."

// COMMAND ----------

// MAGIC %md
// MAGIC ## Ten texts, one per topic and language
// MAGIC
// MAGIC `topic` is what a reader would say; the models never see it.

// COMMAND ----------

val texts = Seq(
  (1, "es", "política", "El gobierno aprobó la nueva ley de presupuestos."),
  (2, "es", "computación", "El nuevo procesador compila el programa en la mitad de tiempo."),
  (3, "es", "estadística", "La media y la desviación típica de la muestra resumen la encuesta."),
  (4, "es", "gastronomía", "La paella se cocina a fuego lento con azafrán y marisco."),
  (5, "es", "automóviles", "El coche eléctrico recorre quinientos kilómetros con una carga."),
  (6, "en", "política", "The senate passed the budget bill after a long debate."),
  (7, "en", "computación", "The compiler runs faster on the new processor."),
  (8, "en", "estadística", "The survey sample had a mean of forty two and a small variance."),
  (9, "en", "gastronomía", "Simmer the tomato sauce and serve it with fresh pasta."),
  (10, "en", "automóviles", "The new electric car charges its battery in twenty minutes.")
).toDF("id", "lang", "topic", "text")

display(texts)

// COMMAND ----------

// MAGIC %md
// MAGIC ## NLI

// COMMAND ----------

import io.sparkscore.stages.{EmbeddingZeroShotClassifier, ZeroShotClassifier}
import org.apache.spark.sql.functions._

val nli = new ZeroShotClassifier().setModel(nliModel).setInputCol("text")
  .setCandidateLabels(labels: _*).setHypothesisTemplate(template)

val byNli = nli.transform(texts).cache()
display(byNli.select($"id", $"lang", $"topic", $"label", round($"scores"(0), 3).as("score"), $"labels"))

// COMMAND ----------

// MAGIC %md
// MAGIC With `multiLabel`, each label is judged on its own (entailment against contradiction), so several can
// MAGIC be true at once and the scores no longer add up to 1.

// COMMAND ----------

val byNliMulti = nli.copy(new org.apache.spark.ml.param.ParamMap()).setMultiLabel(true).transform(texts).cache()
display(byNliMulti.select($"id", $"labels", $"scores"))

// COMMAND ----------

// MAGIC %md
// MAGIC ## Embeddings

// COMMAND ----------

val byEmbedding = new EmbeddingZeroShotClassifier().setModel(embeddingModel).setInputCol("text")
  .setCandidateLabels(labels: _*).setHypothesisTemplate(template)
  .transform(texts).cache()

display(byEmbedding.select($"id", $"lang", $"topic", $"label", round($"scores"(0), 3).as("score"), $"labels"))

// COMMAND ----------

// MAGIC %md
// MAGIC ## Side by side
// MAGIC
// MAGIC Which method found the reader's topic, per language. MiniLM gets nearly all of them, even in Spanish, where
// MAGIC the labels are close to their English cognates. The NLI column is only as good as its model: with the
// MAGIC random-weight test model it is noise; a real XNLI model is the stronger reader, at five model runs per text.

// COMMAND ----------

val sideBySide = byNli.select($"id", $"lang", $"topic", $"text", $"label".as("nli"))
  .join(byEmbedding.select($"id", $"label".as("embedding")), "id")
  .orderBy("id")

display(sideBySide)

val hits = sideBySide.groupBy("lang").agg(
    sum(when($"nli" === $"topic", 1).otherwise(0)).as("nli_right"),
    sum(when($"embedding" === $"topic", 1).otherwise(0)).as("embedding_right"),
    count(lit(1)).as("texts"))
  .orderBy("lang")

display(hits)

// COMMAND ----------

// MAGIC %md
// MAGIC ## The same scores as transformers
// MAGIC
// MAGIC When the NLI model folder holds a `reference.json`, we run its zero-shot cases (text, labels, template,
// MAGIC single- or multi-label) and compare with the scores `pipeline("zero-shot-classification")` gave in
// MAGIC Python. One of them is our first Spanish sentence with our five labels.

// COMMAND ----------

import org.apache.hadoop.fs.Path

val referenceFile = s"$nliModel/reference.json"
val hasReference = new Path(referenceFile).getFileSystem(spark.sparkContext.hadoopConfiguration)
  .exists(new Path(referenceFile))

val referenceGaps: Seq[(String, Boolean, Double)] = if (!hasReference) Seq.empty else {
  val cases = spark.read.option("multiLine", true).json(referenceFile)
    .select(explode($"zero_shot").as("z"))
    .select($"z.text", $"z.candidate_labels", $"z.hypothesis_template", $"z.multi_label", $"z.labels", $"z.scores")
    .as[(String, Seq[String], String, Boolean, Seq[String], Seq[Double])].collect()
  cases.toSeq.map { case (text, candidates, hypothesis, multi, expectedLabels, expectedScores) =>
    val row = new ZeroShotClassifier().setModel(nliModel).setInputCol("text")
      .setCandidateLabels(candidates: _*).setHypothesisTemplate(hypothesis).setMultiLabel(multi)
      .transform(Seq(text).toDF("text")).select("labels", "scores").as[(Seq[String], Seq[Double])].head
    val expected = expectedLabels.zip(expectedScores).toMap
    val ours = row._1.zip(row._2).toMap
    (text, multi, expected.keys.map(l => math.abs(expected(l) - ours(l))).max)
  }
}

display(referenceGaps.toDF("text", "multi_label", "largest_difference"))

// COMMAND ----------

// MAGIC %md
// MAGIC ## Checks

// COMMAND ----------

val singles = byNli.union(byEmbedding).select($"labels", $"scores").as[(Seq[String], Seq[Double])].collect()
assert(singles.length == 20, s"both methods label all ten texts, got ${singles.length}")
assert(singles.forall { case (ls, ss) => ls.sorted == labels.sorted && math.abs(ss.sum - 1) < 1e-6 && ss == ss.sortBy(-_) },
  "single-label scores: every label once, best first, adding up to 1")
val multis = byNliMulti.select($"scores").as[Seq[Double]].collect()
assert(multis.forall(_.forall(s => s > 0 && s < 1)) && multis.exists(s => math.abs(s.sum - 1) > 0.01),
  "multi-label scores are independent probabilities")
val english = hits.where($"lang" === "en").select("embedding_right").as[Long].head
val spanish = hits.where($"lang" === "es").select("embedding_right").as[Long].head
assert(english >= 4 && spanish >= 3,
  s"embeddings should find the topic of most texts: $english of 5 in English, $spanish of 5 in Spanish")
if (hasReference) {
  assert(referenceGaps.exists(_._1 == "El gobierno aprobó la nueva ley de presupuestos."), "the Spanish case was compared")
  referenceGaps.foreach { case (text, multi, gap) =>
    assert(gap < 1e-4, s"'$text' (multi-label $multi) differs from transformers by $gap")
  }
}
