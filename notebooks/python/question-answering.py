# Databricks notebook source
# MAGIC %md
# MAGIC # Questions answered from a context (Python)
# MAGIC
# MAGIC `QuestionAnswerer` reads a question column and a context column and returns the span of the context that
# MAGIC answers the question, as Hugging Face's `pipeline("question-answering")` does (transformers 4.x; version
# MAGIC 5 dropped that pipeline): `answer`, its `score`, and `start`/`end`, offsets into the context, so that
# MAGIC `answer` is always `context[start:end]`. With `topK` above 1 it returns the best answers as an array.

# COMMAND ----------

# MAGIC %md
# MAGIC ## Model
# MAGIC
# MAGIC `spark.sparkscore.notebook.qaModel`: any extractive question-answering model exported to ONNX
# MAGIC (`optimum-cli export onnx --task question-answering`, e.g. `distilbert-base-cased-distilled-squad`). The
# MAGIC default is the repository's `tiny-bert-qa`, a real BERT question-answering graph with **random
# MAGIC weights**: its answers are arbitrary spans, but they must equal what `transformers` answers with it,
# MAGIC which its `reference.json` records and this notebook checks.

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
qa_model = spark.conf.get("spark.sparkscore.notebook.qaModel", models + "/tiny-bert-qa")

# COMMAND ----------

from pyspark.sql import functions as F

from sparkscore import QuestionAnswerer

amazon = ("The Amazon rainforest covers much of the Amazon basin of South America. The majority of the forest is "
          "contained within Brazil, followed by Peru and Colombia. It is home to millions of species of insects and "
          "plants.")
questions = spark.createDataFrame([
    (1, "Where does Wolfgang live?", "My name is Wolfgang and I live in Berlin."),
    (2, "Which country has most of the forest?", amazon),
    (3, "What is the capital of France?", "Paris is the capital and most populous city of France."),
    (4, "Who answers?", None),
], "id long, question string, context string")

qa = QuestionAnswerer(model=qa_model, questionCol="question", contextCol="context", statusCol="status")
answered = qa.transform(questions).cache()
display(answered.select("id", "question", "answer.answer", F.round("answer.score", 4).alias("score"),
                        "answer.start", "answer.end", "status"))

# COMMAND ----------

# MAGIC %md
# MAGIC ## Several answers, long contexts, no answer
# MAGIC
# MAGIC A context longer than the model's window is cut into windows sharing `docStride` tokens; every window's
# MAGIC best spans compete. With `handleImpossibleAnswer`, the empty answer (`start = end = 0`) competes too,
# MAGIC scored by the model's `[CLS]` token.

# COMMAND ----------

three_each = (QuestionAnswerer(model=qa_model, topK=3, docStride=16, handleImpossibleAnswer=True)
              .transform(questions.where("id = 2")))
display(three_each.select(F.explode("answer").alias("a"))
        .select("a.answer", F.round("a.score", 4).alias("score"), "a.start", "a.end"))

# COMMAND ----------

# MAGIC %md
# MAGIC ## The same answers as transformers

# COMMAND ----------

reference_file = qa_model + "/reference.json"
reference_path = spark.sparkContext._jvm.org.apache.hadoop.fs.Path(reference_file)
has_reference = reference_path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).exists(reference_path)
reference_gaps = []
if has_reference:
    cases = (spark.read.option("multiLine", True).json(reference_file)
             .select(F.explode("question_answering").alias("c")).select("c.*").collect())
    for case in cases:
        stage = QuestionAnswerer(model=qa_model, topK=case["top_k"], maxAnswerLength=case["max_answer_len"],
                                 handleImpossibleAnswer=case["handle_impossible_answer"])
        if case["doc_stride"] is not None:
            stage.setDocStride(case["doc_stride"])
        answer = stage.transform(spark.createDataFrame([(case["question"], case["context"])],
                                                       "question string, context string")).first()["answer"]
        got = [answer] if case["top_k"] == 1 else answer
        expected = case["answers"]
        same = [(a["answer"], a["start"], a["end"]) for a in got] == [(a["answer"], a["start"], a["end"]) for a in expected]
        gap = max(abs(a["score"] - b["score"]) for a, b in zip(got, expected)) if same else 0.0
        reference_gaps.append((case["question"], case["windows"], same, gap))
    display(spark.createDataFrame(reference_gaps,
                                  "question string, windows long, same_answers boolean, largest_score_difference double"))

# COMMAND ----------

# MAGIC %md
# MAGIC ## Checks

# COMMAND ----------

rows = answered.orderBy("id").select("context", "answer", "status").collect()
for r in rows[:3]:
    a = r["answer"]
    assert r["context"][a["start"]:a["end"]] == a["answer"], "answer is context[start:end]: %s" % (a,)
assert rows[3]["answer"] is None and rows[3]["status"] == "null_text", "a null context gives a null answer"
three = three_each.select(F.size("answer")).first()[0]
assert three == 3, "three answers, got %d" % three
if has_reference:
    assert any(windows > 1 for _, windows, _, _ in reference_gaps), "a context over several windows was compared"
    for question, windows, same, gap in reference_gaps:
        assert same, "'%s' (%d windows): answers differ from transformers'" % (question, windows)
        assert gap < 1e-4, "'%s': scores differ from transformers' by %s" % (question, gap)
