// Databricks notebook source
// MAGIC %md
// MAGIC # Getting started with SparkScore
// MAGIC
// MAGIC SparkScore runs Hugging Face transformer models inside Spark: every step is a Spark ML `Transformer`
// MAGIC that reads a text column and adds columns to it. In this notebook we
// MAGIC
// MAGIC 1. tokenize a small corpus and turn the token ids back into text,
// MAGIC 2. embed it with the default model, all-MiniLM-L6-v2, which ships inside the SparkScore jar,
// MAGIC 3. search it by meaning, and
// MAGIC 4. keep the embeddings in a Delta table.
// MAGIC
// MAGIC **Setup.** Attach the SparkScore jar (`mvn package` builds `target/sparkscore-*.jar`) to the cluster:
// MAGIC on Databricks as a cluster library, in Zeppelin with `spark.jars`. Delta Lake is built into
// MAGIC Databricks; elsewhere add `io.delta:delta-spark_2.12:3.3.2` and its two session settings.
// MAGIC Nothing is downloaded at run time.

// COMMAND ----------

// MAGIC %md
// MAGIC Where the Delta table goes. Any Hadoop path works: on Databricks `/tmp/...` lands in DBFS. Set the Spark
// MAGIC setting `spark.sparkscore.notebook.workDir` to write somewhere else (the notebook test runner does).

// COMMAND ----------

val workDir = spark.conf.get("spark.sparkscore.notebook.workDir", "/tmp/sparkscore-notebooks")
val tablePath = s"$workDir/getting-started/embeddings"

// COMMAND ----------

// MAGIC %md
// MAGIC ## A small corpus
// MAGIC
// MAGIC Twelve short documents about four things: the weather, football, cooking and computers.

// COMMAND ----------

import io.sparkscore.stages.{TextEmbedder, TextTokenizer, TokenDecoder}
import org.apache.spark.sql.functions._

val corpus = Seq(
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
  (12, "The new graphics card renders games much faster.")
).toDF("id", "text")

display(corpus)

// COMMAND ----------

// MAGIC %md
// MAGIC ## Tokens and back
// MAGIC
// MAGIC `TextTokenizer` runs the model's own `tokenizer.json` (Hugging Face's Rust tokenizers). The ids start
// MAGIC with `[CLS]` (101) and end with `[SEP]` (102); words the vocabulary lacks are split into `##` pieces.

// COMMAND ----------

val tokenized = new TextTokenizer().setInputCol("text").transform(corpus)

display(tokenized.select("id", "tokens", "input_ids"))

// COMMAND ----------

// MAGIC %md
// MAGIC `TokenDecoder` turns ids back into text, as `tokenizer.decode(ids, skip_special_tokens=True)` does in
// MAGIC Python. MiniLM's tokenizer lower-cases, so the round trip gives each sentence back in lower case.

// COMMAND ----------

val decoded = new TokenDecoder().setInputCol("input_ids").setOutputCol("decoded").transform(tokenized)
val roundTrip = decoded.select($"id", $"text", $"decoded", (lower($"text") === $"decoded").as("same"))

display(roundTrip)

// COMMAND ----------

// MAGIC %md
// MAGIC ## Embeddings
// MAGIC
// MAGIC `TextEmbedder` with no model set uses all-MiniLM-L6-v2: 384 numbers per text, mean-pooled over the
// MAGIC tokens and L2-normalised, exactly as `SentenceTransformer.encode` computes them. Rows are scored in
// MAGIC batches on the executors; one ONNX Runtime session per executor JVM serves all its tasks.

// COMMAND ----------

val embedded = new TextEmbedder().setInputCol("text").setOutputCol("embedding").transform(corpus).cache()

display(embedded.select($"id", $"text", size($"embedding").as("dims"), slice($"embedding", 1, 4).as("first 4")))

// COMMAND ----------

// MAGIC %md
// MAGIC ## Search by meaning
// MAGIC
// MAGIC The vectors have length 1, so their dot product is the cosine similarity. We embed a question with the
// MAGIC same stage and rank the corpus with Spark's own array functions: no UDF, no driver-side loop. None of
// MAGIC the documents shares a word with the question; the ranking comes from meaning alone.

// COMMAND ----------

val question = new TextEmbedder().setInputCol("text").setOutputCol("q")
  .transform(Seq("Will I need an umbrella?").toDF("text"))
  .select("q")

val ranked = embedded.crossJoin(question)
  .select($"id", $"text",
    aggregate(zip_with($"embedding", $"q", (a, b) => a * b), lit(0.0), (acc, x) => acc + x).as("cosine"))
  .orderBy($"cosine".desc)

display(ranked.limit(5))

// COMMAND ----------

// MAGIC %md
// MAGIC ## Keep them in Delta
// MAGIC
// MAGIC The embeddings are a plain `array<float>` column, so they go into any table format. Delta gives the
// MAGIC table a history, and reading it back gives the same numbers.

// COMMAND ----------

embedded.write.format("delta").mode("overwrite").save(tablePath)
val stored = spark.read.format("delta").load(tablePath)
stored.createOrReplaceTempView("corpus_embeddings")

// COMMAND ----------

// MAGIC %sql
// MAGIC SELECT id, text, size(embedding) AS dims FROM corpus_embeddings ORDER BY id LIMIT 5

// COMMAND ----------

// MAGIC %md
// MAGIC ## Checks
// MAGIC
// MAGIC A notebook that tells a story should fail loudly when the story stops being true.

// COMMAND ----------

val rounds = roundTrip.collect()
assert(rounds.length == 12 && rounds.forall(_.getAs[Boolean]("same")),
  s"ids should decode to the lower-cased text: ${rounds.filterNot(_.getAs[Boolean]("same")).mkString("; ")}")

val vectors = embedded.orderBy("id").select("embedding").as[Seq[Float]].collect()
assert(vectors.forall(_.length == 384), "MiniLM embeddings have 384 dimensions")
assert(vectors.forall(v => math.abs(math.sqrt(v.map(x => x * x).sum) - 1.0) < 1e-4), "embeddings are L2-normalised")

val top = ranked.limit(3).as[(Int, String, Double)].collect()
assert(top.map(_._1).toSet.subsetOf(Set(1, 2, 3)) && top.head._1 == 3,
  s"the umbrella question should rank the weather documents first, rain on top: ${top.mkString(", ")}")

val reread = stored.orderBy("id").select("embedding").as[Seq[Float]].collect()
assert(reread.length == 12 && reread.zip(vectors).forall { case (a, b) => a == b }, "Delta gives back the same vectors")
