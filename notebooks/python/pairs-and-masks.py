# Databricks notebook source
# MAGIC %md
# MAGIC # Sentence pairs and masked words (Python)
# MAGIC
# MAGIC `PairClassifier` scores two text columns together, as Hugging Face's `pipeline("text-classification")`
# MAGIC does with `{"text", "text_pair"}` and as sentence-transformers' `CrossEncoder.predict` does for rerankers.
# MAGIC `MaskFiller` proposes the best tokens for each mask, as `pipeline("fill-mask")`.
# MAGIC
# MAGIC The default models are the repository's tiny fixtures (random weights: the scores are noise, but they
# MAGIC must equal what `transformers` and `sentence-transformers` give, which their `reference.json` records).

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
reranker = spark.conf.get("spark.sparkscore.notebook.rerankerModel", models + "/tiny-xlmr-reranker")
masked_lm = spark.conf.get("spark.sparkscore.notebook.maskedLmModel", models + "/tiny-electra-mlm")

# COMMAND ----------

# MAGIC %md
# MAGIC ## Reranking passages for a query
# MAGIC
# MAGIC A one-logit CrossEncoder: `score` is its sigmoid, the relevance `CrossEncoder.predict` returns.

# COMMAND ----------

from pyspark.sql import functions as F

from sparkscore import MaskFiller, PairClassifier

pairs = spark.createDataFrame([
    (1, "How old are you?", "I am six years old."),
    (2, "How old are you?", "The station is near the river."),
    (3, "Où est la gare ?", "The station is near the river."),
    (4, "Where is the station?", None),
], "id long, query string, passage string")

ranked = (PairClassifier(model=reranker, inputCol="query", pairCol="passage", scoresCol="", statusCol="status")
          .transform(pairs).cache())
display(ranked.orderBy("query", F.desc("score")))

# COMMAND ----------

# MAGIC %md
# MAGIC ## Filling masks
# MAGIC
# MAGIC One array of fillers per mask, in text order; `sequence` is the text with the filler in place.

# COMMAND ----------

masked = spark.createDataFrame([(1, "The capital of France is [MASK]."), (2, "I [MASK] this movie, it is [MASK]!"),
                                (3, "No mask here.")], "id long, text string")
filled = MaskFiller(model=masked_lm, topK=3, statusCol="status").transform(masked).cache()
display(filled.select("id", "status", F.posexplode_outer("fills").alias("mask", "fill"))
        .select("id", "status", "mask", F.explode_outer("fill").alias("f"))
        .select("id", "status", "mask", "f.token_str", F.round("f.score", 4).alias("score"), "f.sequence"))

# COMMAND ----------

# MAGIC %md
# MAGIC ## Checks against transformers

# COMMAND ----------

def exists(file):
    path = spark.sparkContext._jvm.org.apache.hadoop.fs.Path(file)
    return path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).exists(path)


rows = ranked.orderBy("id").collect()
assert all(0 < r["score"] < 1 for r in rows[:3]), "relevances are probabilities"
assert rows[3]["status"] == "null_text" and rows[3]["score"] is None
if exists(reranker + "/reference.json"):
    expected = (spark.read.option("multiLine", True).json(reranker + "/reference.json")
                .select(F.explode("pairs").alias("p"))
                .where((F.col("p.text") == "How old are you?") & (F.col("p.text_pair") == "I am six years old."))
                .select(F.col("p.cross_encoder")[0]).first()[0])
    assert abs(rows[0]["score"] - expected) < 1e-4, "CrossEncoder.predict gives %s, not %s" % (expected, rows[0]["score"])
fills = {r["id"]: r for r in filled.collect()}
assert [len(f) for f in fills[1]["fills"]] == [3], "one mask, three fillers"
assert [len(f) for f in fills[2]["fills"]] == [3, 3], "two masks"
assert fills[3]["fills"] is None and fills[3]["status"] == "no_mask"
if exists(masked_lm + "/reference.json"):
    expected = (spark.read.option("multiLine", True).json(masked_lm + "/reference.json")
                .select(F.explode("fill_mask").alias("c")).where(F.col("c.text") == "The capital of France is [MASK].")
                .select(F.col("c.fills")[0][0]["token_str"]).first()[0])
    best = fills[1]["fills"][0][0]["token_str"]
    assert best == expected, "fill-mask's best token is %s, not %s" % (expected, best)
