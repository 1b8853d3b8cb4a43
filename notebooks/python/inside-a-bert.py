# Databricks notebook source
# MAGIC %md
# MAGIC # Inside a BERT (Python)
# MAGIC
# MAGIC A sentence goes into a BERT as token ids and comes out as one vector per token from every layer.
# MAGIC `TextEmbedder` shows all of it: the token vectors (`pooling="none"`), every hidden state
# MAGIC (`hiddenStatesCol`), and the pooled sentence vector. We look inside the tiny two-layer BERT that
# MAGIC SparkScore's tests use, and check every number against Hugging Face `transformers`, whose outputs
# MAGIC for the same sentence are recorded in the model's `reference.json`.

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
bert = models + "/tiny-bert"

# COMMAND ----------

# MAGIC %md
# MAGIC ## Tokens
# MAGIC
# MAGIC The word-piece tokenizer splits words it does not know; `[CLS]` and `[SEP]` frame the sentence.

# COMMAND ----------

from pyspark.sql import functions as F

from sparkscore import TextEmbedder, TextTokenizer

text = "The quick brown fox jumps over the lazy dog."
sentence = spark.createDataFrame([(text,)], "text string")
tokens = TextTokenizer(model=bert).transform(sentence)

display(tokens.select(F.size("tokens").alias("count"), "tokens", "input_ids"))

# COMMAND ----------

# MAGIC %md
# MAGIC ## Every layer
# MAGIC
# MAGIC With `pooling="none"` the output is one vector per token; `hiddenStatesCol` adds every hidden state the
# MAGIC graph exposes (the embedding layer, then each transformer layer), each as one row of token vectors.

# COMMAND ----------

inside = (TextEmbedder(model=bert, pooling="none", hiddenStatesCol="hidden_states", outputCol="token_vectors")
          .transform(sentence).first())
token_vectors = inside["token_vectors"]
width = len(token_vectors[0])
hidden_states = [[state[i:i + width] for i in range(0, len(state), width)] for state in inside["hidden_states"]]
print("%d tokens x %d numbers, %d hidden states (the embeddings and %d layers)"
      % (len(token_vectors), width, len(hidden_states), len(hidden_states) - 1))

# COMMAND ----------

# MAGIC %md
# MAGIC How far each hidden state is from the last one: the mean cosine similarity of a token's vectors.

# COMMAND ----------

import math


def cosine(a, b):
    dot = sum(x * y for x, y in zip(a, b))
    return dot / math.sqrt(sum(x * x for x in a) * sum(y * y for y in b))


drift = spark.createDataFrame(
    [(layer, sum(cosine(a, b) for a, b in zip(state, token_vectors)) / len(state))
     for layer, state in enumerate(hidden_states)], "hidden_state int, mean_cosine_to_last double")
display(drift)

# COMMAND ----------

# MAGIC %md
# MAGIC ## Mean pooling by hand
# MAGIC
# MAGIC A sentence vector is the average of its token vectors (weighted by the attention mask, all ones here).

# COMMAND ----------


def average(vectors):
    return [sum(column) / len(vectors) for column in zip(*vectors)]


by_hand = average(token_vectors)
mean_pooled = TextEmbedder(model=bert, pooling="mean", normalize=False).transform(sentence).first()["embedding"]
pooling_gap = max(abs(a - b) for a, b in zip(by_hand, mean_pooled))
print("largest difference between the average by hand and TextEmbedder: %.1e" % pooling_gap)

# COMMAND ----------

# MAGIC %md
# MAGIC Padding does not leak: a sentence embedded alone and in a padded batch of three gives the same vector.

# COMMAND ----------

texts = [text, "Good.", "It was the best of times, it was the worst of times."]


def mean_pooling(batch_size):
    df = spark.createDataFrame([(t,) for t in texts], "text string").coalesce(1)
    stage = TextEmbedder(model=bert, pooling="mean", normalize=False, batchSize=batch_size)
    return {r["text"]: r["embedding"] for r in stage.transform(df).collect()}


together, alone = mean_pooling(3), mean_pooling(1)
batch_gap = max(max(abs(a - b) for a, b in zip(together[t], alone[t])) for t in texts)
print("alone vs. padded in a batch of three: largest difference %.1e" % batch_gap)

# COMMAND ----------

# MAGIC %md
# MAGIC ## The pooler
# MAGIC
# MAGIC BERT's `pooler_output` is the `[CLS]` vector through a dense layer and `tanh`.

# COMMAND ----------

pooler = TextEmbedder(model=bert, pooling="pooler").transform(sentence).first()["embedding"]
print("pooler_output: %d numbers in [%.3f, %.3f]; cosine to the [CLS] token vector %.3f"
      % (len(pooler), min(pooler), max(pooler), cosine(pooler, token_vectors[0])))

# COMMAND ----------

# MAGIC %md
# MAGIC ## Against transformers
# MAGIC
# MAGIC `reference.json` holds what `transformers` computed for the same sentence in PyTorch.

# COMMAND ----------

reference = (spark.read.option("multiLine", True).json(bert + "/reference.json")
             .select(F.explode("embeddings").alias("e")).where(F.col("e.text") == text)
             .select("e.last_hidden_state", "e.mean", "e.pooler", "e.hidden_states_mean").first())


def gap(ours, theirs):
    return max(abs(a - b) for x, y in zip(ours, theirs) for a, b in zip(x, y))


reference_gaps = [
    ("last hidden state", gap(token_vectors, reference["last_hidden_state"])),
    ("mean pooling", gap([mean_pooled], [reference["mean"]])),
    ("pooler output", gap([pooler], [reference["pooler"]])),
    ("hidden states (means)", gap([average(s) for s in hidden_states], reference["hidden_states_mean"])),
]
display(spark.createDataFrame(reference_gaps, "output string, largest_difference double"))

# COMMAND ----------

# MAGIC %md
# MAGIC ## Checks

# COMMAND ----------

assert len(token_vectors) == 19 and width == 32, \
    "tiny-bert gives 19 tokens x 32 numbers, got %d x %d" % (len(token_vectors), width)
assert len(hidden_states) == 3, "2 layers + the embeddings = 3 hidden states, got %d" % len(hidden_states)
assert gap(hidden_states[-1], token_vectors) < 1e-6, "the last hidden state is the last layer"
assert pooling_gap < 1e-5, "mean pooling by hand and TextEmbedder differ by %s" % pooling_gap
assert batch_gap < 1e-5, "padding changed the mean-pooled embedding by %s" % batch_gap
assert all(-1 < x < 1 for x in pooler), "the pooler ends in tanh"
for output, difference in reference_gaps:
    assert difference < 1e-4, "%s differs from transformers by %s" % (output, difference)
