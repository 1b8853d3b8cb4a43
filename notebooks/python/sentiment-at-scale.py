# Databricks notebook source
# MAGIC %md
# MAGIC # Sentiment at scale (Python)
# MAGIC
# MAGIC `TextClassifier` runs any Hugging Face sequence-classification model over a text column and adds the
# MAGIC `label`, its `score` and every label's score, exactly as `pipeline("sentiment-analysis")` would for each
# MAGIC row, but in the executors' JVMs: no pandas UDF, no model copy per Python worker. Here we score a
# MAGIC labelled corpus of movie reviews, look at the label distribution, and measure the accuracy against the
# MAGIC human labels.

# COMMAND ----------

# MAGIC %md
# MAGIC ## Model and corpus
# MAGIC
# MAGIC * `spark.sparkscore.notebook.sentimentModel`: a model directory exported to ONNX with its `config.json`
# MAGIC   (`id2label`) and `tokenizer.json`. The default is the repository's `tiny-distilbert-sentiment` (under
# MAGIC   `spark.sparkscore.notebook.models`): a real DistilBERT graph with the SST-2 labels but **random
# MAGIC   weights**, so its predictions are no better than a coin. It comes with `reference.json`, what
# MAGIC   `transformers` predicts with it, which this notebook checks instead.
# MAGIC * `spark.sparkscore.notebook.data`: a folder holding `sst2/dev.jsonl` (GLUE SST-2 dev, `text` and
# MAGIC   `label_name` per line). Without it the notebook uses a dozen reviews written inline.

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
sentiment_model = spark.conf.get("spark.sparkscore.notebook.sentimentModel", models + "/tiny-distilbert-sentiment")
data_dir = spark.conf.get("spark.sparkscore.notebook.data", "")


def path_exists(path):
    if not path:
        return False
    jvm = spark.sparkContext._jvm
    hadoop_path = jvm.org.apache.hadoop.fs.Path(path)
    return hadoop_path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).exists(hadoop_path)

# COMMAND ----------

sst2 = data_dir + "/sst2/dev.jsonl"
from_corpus = path_exists(data_dir) and path_exists(sst2)
if from_corpus:
    reviews = spark.read.json(sst2).selectExpr("id", "text", "label_name AS gold")
else:
    reviews = spark.createDataFrame([
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
        ("inline-12", "the worst film i have seen in years", "NEGATIVE"),
    ], "id string, text string, gold string")
reviews = reviews.cache()
print("%d reviews from %s" % (reviews.count(), sst2 if from_corpus else "the inline sample"))
display(reviews.groupBy("gold").count().orderBy("gold"))

# COMMAND ----------

# MAGIC %md
# MAGIC ## Scoring
# MAGIC
# MAGIC The stage ships only the model's location to the executors; each executor JVM opens one ONNX Runtime
# MAGIC session and its tasks share it. Rows are sorted by length into batches (`batchSize` rows, at most
# MAGIC `maxBatchTokens` padded tokens) and leave in their input order.

# COMMAND ----------

import time

from pyspark.sql import functions as F

from sparkscore import TextClassifier

classifier = TextClassifier(model=sentiment_model, inputCol="text", batchSize=32)
started = time.time()
predictions = classifier.transform(reviews.repartition(4)).cache()
rows = predictions.count()
seconds = time.time() - started
print("%d reviews scored in %.1f s (%.0f rows/s on this cluster)" % (rows, seconds, rows / seconds))
display(predictions.select("text", "gold", "label", "score", "scores").limit(10))

# COMMAND ----------

# MAGIC %md
# MAGIC ## Label distribution
# MAGIC
# MAGIC How often the model says each label, next to how often the annotators did, and how sure it is.

# COMMAND ----------

distribution = (predictions.groupBy("label")
                .agg(F.count(F.lit(1)).alias("predicted"), F.round(F.avg("score"), 3).alias("mean_score"))
                .join(reviews.groupBy(F.col("gold").alias("label")).agg(F.count(F.lit(1)).alias("annotated")),
                      ["label"], "full_outer")
                .na.fill(0, ["predicted", "annotated"])
                .orderBy("label"))
display(distribution)

# COMMAND ----------

# MAGIC %md
# MAGIC ## Accuracy
# MAGIC
# MAGIC Only meaningful when the model's labels are the corpus's (SST-2's `POSITIVE`/`NEGATIVE`).

# COMMAND ----------

model_labels = {r[0] for r in predictions.select(F.explode("scores.label")).distinct().collect()}
corpus_labels = {r[0] for r in reviews.select("gold").distinct().collect()}
fits_the_task = corpus_labels <= model_labels
accuracy = predictions.select(F.avg(F.when(F.col("label") == F.col("gold"), 1.0).otherwise(0.0))).first()[0]
print("model labels %s, corpus labels %s" % (sorted(model_labels), sorted(corpus_labels)))
print("accuracy against the annotators: %.3f" % accuracy if fits_the_task else "the model's labels are not the corpus's")
display(predictions.stat.crosstab("gold", "label"))

# COMMAND ----------

# MAGIC %md
# MAGIC ## Against transformers
# MAGIC
# MAGIC When the model directory has a `reference.json` (the test models do), compare every label's score
# MAGIC with what `transformers`' pipeline gave for the same texts.

# COMMAND ----------

reference_file = sentiment_model + "/reference.json"
reference_gap = None
if path_exists(reference_file):
    expected = (spark.read.option("multiLine", True).json(reference_file)
                .select(F.explode("classification").alias("c"))
                .select(F.col("c.text").alias("text"), F.explode("c.scores").alias("s"))
                .select("text", F.col("s.label").alias("label"), F.col("s.score").alias("expected")))
    ours = (classifier.transform(expected.select("text").distinct())
            .select("text", F.explode("scores").alias("s"))
            .select("text", F.col("s.label").alias("label"), F.col("s.score").alias("score")))
    compared = expected.join(ours, ["text", "label"])
    display(compared.orderBy("text", "label"))
    reference_gap = compared.select(F.max(F.abs(F.col("score") - F.col("expected")))).first()[0]
print("no reference.json next to the model" if reference_gap is None
      else "largest difference from transformers: %.1e" % reference_gap)

# COMMAND ----------

# MAGIC %md
# MAGIC ## Checks

# COMMAND ----------

checked = predictions.select(
    F.count(F.lit(1)).alias("rows"),
    F.count("label").alias("labelled"),
    F.max(F.abs(F.aggregate("scores.score", F.lit(0.0), lambda acc, s: acc + s) - 1.0)).alias("worst_softmax_sum"),
    F.sum(F.when((F.col("label") == F.col("scores")[0]["label"]) & (F.col("score") == F.col("scores")[0]["score"]), 0)
          .otherwise(1)).alias("label_not_best"),
).first()
assert checked["rows"] == reviews.count() and checked["labelled"] == checked["rows"], "every review gets a label: %s" % checked
assert checked["worst_softmax_sum"] < 1e-5, "softmax scores add up to 1: %s" % checked
assert checked["label_not_best"] == 0, "the label is the best of the scores: %s" % checked
assert distribution.select(F.sum("predicted")).first()[0] == rows, "the distribution covers every review"
assert fits_the_task, "the model's labels %s cover the corpus's %s" % (model_labels, corpus_labels)
if reference_gap is not None:
    assert reference_gap < 1e-4, "scores differ from transformers' by %s" % reference_gap
else:
    assert accuracy > 0.8, "a real sentiment model should be right on SST-2 more than 80%% of the time, got %.3f" % accuracy
