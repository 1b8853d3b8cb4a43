# Databricks notebook source
# MAGIC %md
# MAGIC # Getting started with SparkScore (Python)
# MAGIC
# MAGIC SparkScore runs Hugging Face transformer models inside Spark: every step is a PySpark ML `Transformer`
# MAGIC that reads a text column and adds columns to it. The work happens in the SparkScore jar on the JVM:
# MAGIC no Python worker, no per-row Python. In this notebook we
# MAGIC
# MAGIC 1. tokenize a small corpus and turn the token ids back into text,
# MAGIC 2. embed it with the default model, all-MiniLM-L6-v2, which ships inside the SparkScore jar,
# MAGIC 3. search it by meaning, and
# MAGIC 4. keep the embeddings in a Delta table.
# MAGIC
# MAGIC **Setup.** `pip install ./python` (the `sparkscore` package) and build the jar (`mvn package`). On
# MAGIC Databricks, attach the jar as a cluster library and the package as a Python library; elsewhere
# MAGIC `sparkscore.start()` starts a local session with the jar and Delta. Nothing is downloaded at run time.

# COMMAND ----------

import sparkscore

try:
    spark  # Databricks and pyspark shells provide the session
except NameError:
    spark = sparkscore.start()
if "dbutils" not in globals():
    def display(df):
        df.show(20, truncate=100)

work_dir = spark.conf.get("spark.sparkscore.notebook.workDir", "/tmp/sparkscore-notebooks")
table_path = work_dir + "/python-getting-started/embeddings"

# COMMAND ----------

# MAGIC %md
# MAGIC ## A small corpus
# MAGIC
# MAGIC Twelve short documents about four things: the weather, football, cooking and computers.

# COMMAND ----------

from pyspark.sql import functions as F

from sparkscore import TextEmbedder, TextTokenizer, TokenDecoder

corpus = spark.createDataFrame([
    (1, "The weather is lovely today."),
    (2, "It is so sunny outside!"),
    (3, "Heavy rain and strong wind are expected tonight."),
    (4, "The striker scored twice in the second half."),
    (5, "The goalkeeper saved a penalty in the final minute."),
    (6, "Fans filled the stadium for the derby."),
    (7, "Simmer the tomato sauce for twenty minutes."),
    (8, "Add salt and pepper, then stir in the fresh basil."),
    (9, "Bake the bread until the crust is golden."),
    (10, "The laptop needs more memory to compile the project."),
    (11, "Restart the server after installing the update."),
    (12, "The new graphics card renders games much faster."),
], "id int, text string")

display(corpus)

# COMMAND ----------

# MAGIC %md
# MAGIC ## Tokens and back
# MAGIC
# MAGIC `TextTokenizer` runs the model's own `tokenizer.json` (Hugging Face's Rust tokenizers). The ids start
# MAGIC with `[CLS]` (101) and end with `[SEP]` (102); words the vocabulary lacks are split into `##` pieces.
# MAGIC `help(TextTokenizer)` lists every Param with its default.

# COMMAND ----------

tokenized = TextTokenizer(inputCol="text").transform(corpus)

display(tokenized.select("id", "tokens", "input_ids"))

# COMMAND ----------

# MAGIC %md
# MAGIC `TokenDecoder` turns ids back into text, as `tokenizer.decode(ids, skip_special_tokens=True)` does.
# MAGIC MiniLM's tokenizer lower-cases, so the round trip gives each sentence back in lower case.

# COMMAND ----------

decoded = TokenDecoder(inputCol="input_ids", outputCol="decoded").transform(tokenized)
round_trip = decoded.select("id", "text", "decoded", (F.lower("text") == F.col("decoded")).alias("same"))

display(round_trip)

# COMMAND ----------

# MAGIC %md
# MAGIC ## Embeddings
# MAGIC
# MAGIC `TextEmbedder` with no model set uses all-MiniLM-L6-v2: 384 numbers per text, mean-pooled over the
# MAGIC tokens and L2-normalised, exactly as `SentenceTransformer.encode` computes them. Rows are scored in
# MAGIC batches on the executors; one ONNX Runtime session per executor JVM serves all its tasks.

# COMMAND ----------

embedded = TextEmbedder(inputCol="text", outputCol="embedding").transform(corpus).cache()

display(embedded.select("id", "text", F.size("embedding").alias("dims"), F.slice("embedding", 1, 4).alias("first 4")))

# COMMAND ----------

# MAGIC %md
# MAGIC ## Search by meaning
# MAGIC
# MAGIC The vectors have length 1, so their dot product is the cosine similarity. We embed a question with the
# MAGIC same stage and rank the corpus with Spark's own array functions: no UDF, no driver-side loop. None of
# MAGIC the documents shares a word with the question; the ranking comes from meaning alone.

# COMMAND ----------

question = (TextEmbedder(inputCol="text", outputCol="q")
            .transform(spark.createDataFrame([("Will I need an umbrella?",)], "text string"))
            .select("q"))

ranked = (embedded.crossJoin(question)
          .select("id", "text", F.aggregate(F.zip_with("embedding", "q", lambda a, b: a * b), F.lit(0.0),
                                            lambda acc, x: acc + x).alias("cosine"))
          .orderBy(F.desc("cosine")))

display(ranked.limit(5))

# COMMAND ----------

# MAGIC %md
# MAGIC ## Keep them in Delta
# MAGIC
# MAGIC The embeddings are a plain `array<float>` column, so they go into any table format. Delta gives the
# MAGIC table a history, and reading it back gives the same numbers.

# COMMAND ----------

embedded.write.format("delta").mode("overwrite").save(table_path)
stored = spark.read.format("delta").load(table_path)
stored.createOrReplaceTempView("corpus_embeddings")

display(spark.sql("SELECT id, text, size(embedding) AS dims FROM corpus_embeddings ORDER BY id LIMIT 5"))

# COMMAND ----------

# MAGIC %md
# MAGIC ## Checks
# MAGIC
# MAGIC A notebook that tells a story should fail loudly when the story stops being true.

# COMMAND ----------

import math

rounds = round_trip.collect()
assert len(rounds) == 12 and all(r["same"] for r in rounds), \
    "ids should decode to the lower-cased text: %s" % [r for r in rounds if not r["same"]]

vectors = [r["embedding"] for r in embedded.orderBy("id").collect()]
assert all(len(v) == 384 for v in vectors), "MiniLM embeddings have 384 dimensions"
assert all(abs(math.sqrt(sum(x * x for x in v)) - 1.0) < 1e-4 for v in vectors), "embeddings are L2-normalised"

top = ranked.limit(3).collect()
assert {r["id"] for r in top} <= {1, 2, 3} and top[0]["id"] == 3, \
    "the umbrella question should rank the weather documents first, rain on top: %s" % top

reread = [r["embedding"] for r in stored.orderBy("id").collect()]
assert reread == vectors, "Delta gives back the same vectors"
