# Databricks notebook source
# MAGIC %md
# MAGIC # Zero-shot topics in Spanish and English (Python)
# MAGIC
# MAGIC Zero-shot classification sorts text into labels nobody trained the model on: you name the labels when
# MAGIC you run it. SparkScore does it two ways, and this notebook runs both over the same Spanish and English
# MAGIC texts with Spanish labels:
# MAGIC
# MAGIC * **NLI** (`ZeroShotClassifier`), as `pipeline("zero-shot-classification")`: each label goes into a
# MAGIC   hypothesis (`Este ejemplo es {}.`) and a natural-language-inference model judges whether the text
# MAGIC   entails it. One model run per text *and label*: accurate, and slow with many labels.
# MAGIC * **Embeddings** (`EmbeddingZeroShotClassifier`): the cosine similarity between the text's sentence
# MAGIC   embedding and each hypothesis's. One run per text, each label embedded once per partition: fast,
# MAGIC   and only as good as the encoder's grasp of the language.

# COMMAND ----------

# MAGIC %md
# MAGIC ## Models
# MAGIC
# MAGIC * NLI: `spark.sparkscore.notebook.nliModel`, any model exported with its `config.json` naming an
# MAGIC   `entailment` label. The default is the repository's `tiny-nli` (under `spark.sparkscore.notebook.models`),
# MAGIC   a real BERT NLI graph with **random weights**: its topics are noise, but its scores must equal what
# MAGIC   `transformers` computes with it, which its `reference.json` records and this notebook checks.
# MAGIC * Embeddings: `spark.sparkscore.notebook.embeddingModel`, by default the built-in all-MiniLM-L6-v2.

# COMMAND ----------

import sparkscore

try:
    spark
except NameError:
    spark = sparkscore.start()
if "dbutils" not in globals():
    def display(df):
        df.show(20, truncate=100)

models = spark.conf.get("spark.sparkscore.notebook.models", "dbfs:/FileStore/sparkscore/models")
nli_model = spark.conf.get("spark.sparkscore.notebook.nliModel", models + "/tiny-nli")
embedding_model = spark.conf.get("spark.sparkscore.notebook.embeddingModel", "minilm")
labels = ["política", "computación", "estadística", "gastronomía", "automóviles"]
template = "Este ejemplo es {}."

# COMMAND ----------

# MAGIC %md
# MAGIC ## Ten texts, one per topic and language
# MAGIC
# MAGIC `topic` is what a reader would say; the models never see it.

# COMMAND ----------

texts = spark.createDataFrame([
    (1, "es", "política", "El gobierno aprobó la nueva ley de presupuestos."),
    (2, "es", "computación", "El nuevo procesador compila el programa en la mitad de tiempo."),
    (3, "es", "estadística", "La media y la desviación típica de la muestra resumen la encuesta."),
    (4, "es", "gastronomía", "La paella se cocina a fuego lento con azafrán y marisco."),
    (5, "es", "automóviles", "El coche eléctrico recorre quinientos kilómetros con una carga."),
    (6, "en", "política", "The senate passed the budget bill after a long debate."),
    (7, "en", "computación", "The compiler runs faster on the new processor."),
    (8, "en", "estadística", "The survey sample had a mean of forty two and a small variance."),
    (9, "en", "gastronomía", "Simmer the tomato sauce and serve it with fresh pasta."),
    (10, "en", "automóviles", "The new electric car charges its battery in twenty minutes."),
], "id int, lang string, topic string, text string")
display(texts)

# COMMAND ----------

# MAGIC %md
# MAGIC ## NLI

# COMMAND ----------

from pyspark.sql import functions as F

from sparkscore import EmbeddingZeroShotClassifier, ZeroShotClassifier

nli = ZeroShotClassifier(model=nli_model, inputCol="text", candidateLabels=labels, hypothesisTemplate=template)
by_nli = nli.transform(texts).cache()
display(by_nli.select("id", "lang", "topic", "label", F.round(F.col("scores")[0], 3).alias("score"), "labels"))

# COMMAND ----------

# MAGIC %md
# MAGIC With `multiLabel`, each label is judged on its own (entailment against contradiction), so several can
# MAGIC be true at once and the scores no longer add up to 1.

# COMMAND ----------

by_nli_multi = nli.copy().setMultiLabel(True).transform(texts).cache()
display(by_nli_multi.select("id", "labels", "scores"))

# COMMAND ----------

# MAGIC %md
# MAGIC ## Embeddings

# COMMAND ----------

by_embedding = (EmbeddingZeroShotClassifier(model=embedding_model, inputCol="text", candidateLabels=labels,
                                            hypothesisTemplate=template)
                .transform(texts).cache())
display(by_embedding.select("id", "lang", "topic", "label", F.round(F.col("scores")[0], 3).alias("score"), "labels"))

# COMMAND ----------

# MAGIC %md
# MAGIC ## Side by side
# MAGIC
# MAGIC Which method found the reader's topic, per language. The NLI column is only as good as its model: with
# MAGIC the random-weight test model it is noise.

# COMMAND ----------

side_by_side = (by_nli.select("id", "lang", "topic", "text", F.col("label").alias("nli"))
                .join(by_embedding.select("id", F.col("label").alias("embedding")), "id")
                .orderBy("id"))
display(side_by_side)
hits = (side_by_side.groupBy("lang").agg(
    F.sum(F.when(F.col("nli") == F.col("topic"), 1).otherwise(0)).alias("nli_right"),
    F.sum(F.when(F.col("embedding") == F.col("topic"), 1).otherwise(0)).alias("embedding_right"),
    F.count(F.lit(1)).alias("texts")).orderBy("lang"))
display(hits)

# COMMAND ----------

# MAGIC %md
# MAGIC ## The same scores as transformers
# MAGIC
# MAGIC When the NLI model folder holds a `reference.json`, we run its zero-shot cases (text, labels, template,
# MAGIC single- or multi-label) and compare with the scores `pipeline("zero-shot-classification")` gave.

# COMMAND ----------

jvm = spark.sparkContext._jvm
reference_file = nli_model + "/reference.json"
reference_path = jvm.org.apache.hadoop.fs.Path(reference_file)
has_reference = reference_path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).exists(reference_path)
reference_gaps = []
if has_reference:
    cases = (spark.read.option("multiLine", True).json(reference_file).select(F.explode("zero_shot").alias("z"))
             .select("z.text", "z.candidate_labels", "z.hypothesis_template", "z.multi_label", "z.labels", "z.scores")
             .collect())
    for case in cases:
        row = (ZeroShotClassifier(model=nli_model, inputCol="text", candidateLabels=case["candidate_labels"],
                                  hypothesisTemplate=case["hypothesis_template"], multiLabel=case["multi_label"])
               .transform(spark.createDataFrame([(case["text"],)], "text string")).first())
        expected = dict(zip(case["labels"], case["scores"]))
        ours = dict(zip(row["labels"], row["scores"]))
        reference_gaps.append((case["text"], case["multi_label"], max(abs(expected[k] - ours[k]) for k in expected)))
    display(spark.createDataFrame(reference_gaps, "text string, multi_label boolean, largest_difference double"))

# COMMAND ----------

# MAGIC %md
# MAGIC ## Checks

# COMMAND ----------

singles = [(r["labels"], r["scores"]) for r in by_nli.union(by_embedding).select("labels", "scores").collect()]
assert len(singles) == 20, "both methods label all ten texts, got %d" % len(singles)
assert all(sorted(ls) == sorted(labels) and abs(sum(ss) - 1) < 1e-6 and ss == sorted(ss, reverse=True)
           for ls, ss in singles), "single-label scores: every label once, best first, adding up to 1"
multis = [r["scores"] for r in by_nli_multi.select("scores").collect()]
assert all(0 < s < 1 for ss in multis for s in ss) and any(abs(sum(ss) - 1) > 0.01 for ss in multis), \
    "multi-label scores are independent probabilities"
right = {r["lang"]: r["embedding_right"] for r in hits.collect()}
assert right["en"] >= 4 and right["es"] >= 3, \
    "embeddings should find the topic of most texts: %d of 5 in English, %d of 5 in Spanish" % (right["en"], right["es"])
if has_reference:
    assert any(t == "El gobierno aprobó la nueva ley de presupuestos." for t, _, _ in reference_gaps), \
        "the Spanish case was compared"
    for text, multi, gap in reference_gaps:
        assert gap < 1e-4, "'%s' (multi-label %s) differs from transformers by %s" % (text, multi, gap)
