# Databricks notebook source
# MAGIC %md
# MAGIC # Named entities (Python)
# MAGIC
# MAGIC `TokenClassifier` finds the people, places and organisations in a text column the way Hugging Face's
# MAGIC `pipeline("ner")` does: the model labels every token (`B-PER`, `I-PER`, `B-LOC`, …, `O`), and an
# MAGIC **aggregation strategy** turns tokens into entities:
# MAGIC
# MAGIC * `none`: one entry per token that is not `O`, sub-words (`##ang`) included;
# MAGIC * `simple`: runs of tokens with the same tag become one entity, a `B-` tag starting a new one;
# MAGIC * `first`, `average`, `max`: each *word* first takes one label (its first token's, its tokens' mean
# MAGIC   scores, or its most confident token's), then runs of words are grouped.
# MAGIC
# MAGIC `start` and `end` are offsets into the text (code points, as in Python and Spark SQL's `substring`).

# COMMAND ----------

# MAGIC %md
# MAGIC ## Model
# MAGIC
# MAGIC `spark.sparkscore.notebook.nerModel`: any token-classification model exported to ONNX
# MAGIC (`optimum-cli export onnx --task token-classification`, e.g. `dslim/bert-base-NER`). The default is the
# MAGIC repository's `tiny-bert-ner`, a real BERT token-classification graph with **random weights**: its
# MAGIC entities are noise, but they must equal what `transformers` finds with it, which its `reference.json`
# MAGIC records and this notebook checks.

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
ner_model = spark.conf.get("spark.sparkscore.notebook.nerModel", models + "/tiny-bert-ner")

# COMMAND ----------

from pyspark.sql import functions as F

from sparkscore import TokenClassifier

texts = spark.createDataFrame([
    (1, "Sarah Johnson met Dr. Emily Chen at the Mayo Clinic in Rochester, Minnesota."),
    (2, "Hugging Face Inc. is a company based in New York City."),
    (3, "El niño comió paella en España con María José."),
], "id long, text string")

simple = TokenClassifier(model=ner_model, inputCol="text", aggregationStrategy="simple")
entities = simple.transform(texts).cache()
display(entities.select("id", F.explode("entities").alias("e"))
        .select("id", "e.entity_group", F.round("e.score", 3).alias("score"), "e.word", "e.start", "e.end"))

# COMMAND ----------

# MAGIC %md
# MAGIC ## Every strategy on one sentence
# MAGIC
# MAGIC `none` keeps tokens (with their `index`), the others group them; `first`, `average` and `max` never
# MAGIC split a word.

# COMMAND ----------

sentence = texts.where("id = 1")
by_strategy = []
for strategy in ["none", "simple", "first", "average", "max"]:
    words = [r["word"] for r in TokenClassifier(model=ner_model, inputCol="text", aggregationStrategy=strategy)
             .transform(sentence).select(F.explode("entities").alias("e")).select("e.word").collect()]
    by_strategy.append((strategy, len(words), " | ".join(words)))
display(spark.createDataFrame(by_strategy, "strategy string, entities int, words string"))

# COMMAND ----------

# MAGIC %md
# MAGIC ## Texts longer than the window
# MAGIC
# MAGIC `longText = chunk` with a `stride` is the pipeline's `stride`: the text is cut into windows of the
# MAGIC model's length sharing `stride` tokens, and where entities of two windows overlap the longer one (then
# MAGIC the more confident one) stays. Without it, the text is truncated to its first window.

# COMMAND ----------

long = spark.createDataFrame([(9, " ".join(["Clara Schumann toured Leipzig, Dresden and Berlin."] * 12))],
                             "id long, text string")
truncated = simple.transform(long).select(F.size("entities")).first()[0]
chunked = (TokenClassifier(model=ner_model, inputCol="text", aggregationStrategy="simple", longText="chunk",
                           stride=16, statusCol="status")
           .transform(long).select(F.size("entities").alias("entities"), "status").first())
display(spark.createDataFrame([("truncated", truncated, ""), ("chunk, stride 16", chunked["entities"], chunked["status"])],
                              "long_text string, entities int, status string"))

# COMMAND ----------

# MAGIC %md
# MAGIC ## The same entities as transformers
# MAGIC
# MAGIC When the model folder holds a `reference.json`, we run each of its cases (text, strategy, stride, ignored
# MAGIC labels) and compare labels, words, offsets and scores with what `pipeline("token-classification")` gave.

# COMMAND ----------

reference_file = ner_model + "/reference.json"
reference_path = spark.sparkContext._jvm.org.apache.hadoop.fs.Path(reference_file)
has_reference = reference_path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).exists(reference_path)
reference_gaps = []
if has_reference:
    cases = (spark.read.option("multiLine", True).json(reference_file)
             .select(F.explode("token_classification").alias("c"))
             .select("c.text", "c.aggregation_strategy", "c.stride", "c.ignore_labels",
                     F.transform("c.entities", lambda e: F.struct(
                         F.coalesce(e["entity"], e["entity_group"]).alias("label"), e["word"], e["start"], e["end"],
                         e["score"])).alias("entities"))
             .collect())
    # One run per strategy, stride and ignored labels, over all the texts of that case.
    groups = {}
    for i, case in enumerate(cases):
        groups.setdefault((case["aggregation_strategy"], case["stride"], tuple(case["ignore_labels"])), []).append(i)
    for (strategy, stride, ignore), members in sorted(groups.items(), key=lambda g: str(g[0])):
        stage = TokenClassifier(model=ner_model, inputCol="text", aggregationStrategy=strategy,
                                ignoreLabels=list(ignore))
        if stride is not None:
            stage.setLongText("chunk").setStride(stride)
        found = {r["id"]: r["entities"] for r in stage.transform(spark.createDataFrame(
            [(i, cases[i]["text"]) for i in members], "id long, text string")).collect()}
        same, gap = True, 0.0
        for i in members:
            ours = [(e[0], e["word"], e["start"], e["end"], e["score"]) for e in found[i]]
            expected = [(e["label"], e["word"], e["start"], e["end"], e["score"]) for e in cases[i]["entities"]]
            same = same and [o[:4] for o in ours] == [x[:4] for x in expected]
            gap = max([gap] + [abs(o[4] - x[4]) for o, x in zip(ours, expected)])
        reference_gaps.append(("%s stride %s ignore %s" % (strategy, "-" if stride is None else stride, ",".join(ignore)),
                               len(members), same, gap))
    display(spark.createDataFrame(reference_gaps,
                                  "case string, texts int, same_entities boolean, largest_score_difference double"))

# COMMAND ----------

# MAGIC %md
# MAGIC ## Checks

# COMMAND ----------

found = entities.select(F.explode("entities").alias("e")).select("e.*").collect()
assert found, "the model finds entities"
assert all(e["start"] < e["end"] for e in found), "every entity spans text"
assert [s for s, _, _ in by_strategy] == ["none", "simple", "first", "average", "max"]
assert chunked["status"] == "chunked" and chunked["entities"] > truncated, \
    "windows find more than the first one: %s vs %d" % (chunked, truncated)
if has_reference:
    assert len(reference_gaps) >= 10 and sum(n for _, n, _, _ in reference_gaps) >= 60, \
        "every reference case ran: %s" % reference_gaps
    for case, _, same, gap in reference_gaps:
        assert same, "%s: entities differ from transformers'" % case
        assert gap < 1e-4, "%s: scores differ from transformers' by %s" % (case, gap)
