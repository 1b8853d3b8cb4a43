// Databricks notebook source
// MAGIC %md
// MAGIC # Inside a BERT
// MAGIC
// MAGIC A sentence embedding is the last step of a longer road. BERT turns each token into a vector, refines all
// MAGIC of them layer after layer, and only at the end do we squeeze the token vectors into one. In this notebook
// MAGIC we look at every stop on that road for one sentence: the hidden state after each layer, the token
// MAGIC vectors, the pooled output, and how mean pooling makes the sentence embedding. Then we check every
// MAGIC number against what Hugging Face `transformers` computes for the same model.

// COMMAND ----------

// MAGIC %md
// MAGIC ## Which model
// MAGIC
// MAGIC An ONNX graph only shows what it was exported to show. The default model, all-MiniLM-L6-v2, exposes its
// MAGIC last hidden state alone; here we want every layer, so we use `tiny-bert`, the small BERT (2 layers, 32
// MAGIC numbers per token, random weights) that this repository keeps under `src/test/resources/models`. Its
// MAGIC graph has the outputs `last_hidden_state`, `pooler_output` and `hidden_states.0` … `hidden_states.2`,
// MAGIC and next to it lies `reference.json`, what `transformers` computed for it. `ci/fixtures/make_fixtures.py`
// MAGIC shows how to export any BERT the same way.
// MAGIC
// MAGIC The notebook finds the folder holding `tiny-bert` in the Spark setting `spark.sparkscore.notebook.models`.
// MAGIC On Databricks, copy the folder once (`databricks fs cp -r src/test/resources/models dbfs:/FileStore/sparkscore/models`)
// MAGIC and the default below finds it; anywhere else, set the setting on the cluster or with `spark.conf.set`
// MAGIC before this cell. The notebook test runner sets it to its checkout. Any Hadoop URI or local folder works.

// COMMAND ----------

val models = spark.conf.get("spark.sparkscore.notebook.models", "dbfs:/FileStore/sparkscore/models")
val bert = s"$models/tiny-bert"

// A Row hands arrays back as scala.collection.Seq (a mutable ArraySeq on Scala 2.13, Spark 4): copy them
// into plain Seqs so the same cells run on Spark 3.5 and 4.
def numbers[T](row: org.apache.spark.sql.Row, column: String): Seq[T] =
  row.getAs[scala.collection.Seq[T]](column).toSeq
def rowsOf[T](row: org.apache.spark.sql.Row, column: String): Seq[Seq[T]] =
  row.getAs[scala.collection.Seq[scala.collection.Seq[T]]](column).map(_.toSeq).toSeq

// COMMAND ----------

// MAGIC %md
// MAGIC ## One sentence, as tokens
// MAGIC
// MAGIC The tiny model's vocabulary has only 1,500 entries, so most words are cut into pieces (`##` marks a piece
// MAGIC that continues a word). `[CLS]` opens the sequence and `[SEP]` closes it.

// COMMAND ----------

import io.sparkscore.stages.{TextEmbedder, TextTokenizer}
import org.apache.spark.sql.functions._

val text = "The quick brown fox jumps over the lazy dog."
val sentence = Seq(text).toDF("text")
val tokens = new TextTokenizer().setModel(bert).transform(sentence)

display(tokens.select(size($"tokens").as("count"), $"tokens", $"input_ids"))

// COMMAND ----------

// MAGIC %md
// MAGIC ## Every layer
// MAGIC
// MAGIC With `pooling` set to `none`, `TextEmbedder` keeps one vector per token: the graph's `last_hidden_state`.
// MAGIC `hiddenStatesCol` adds every hidden state the graph exposes: number 0 is the embedding layer's output
// MAGIC (token, position and segment embeddings added and normalised), then one per transformer layer. Each
// MAGIC comes as one long array, token after token, which we cut back into token vectors.

// COMMAND ----------

val inside = new TextEmbedder().setModel(bert)
  .setPooling("none")
  .setHiddenStatesCol("hidden_states")
  .setOutputCol("token_vectors")
  .transform(sentence)
  .first()

val tokenVectors: Seq[Seq[Float]] = rowsOf[Float](inside, "token_vectors")
val width = tokenVectors.head.length
val hiddenStates: Seq[Seq[Seq[Float]]] = rowsOf[Float](inside, "hidden_states").map(_.grouped(width).toSeq)

println(s"${tokenVectors.length} tokens x $width numbers, ${hiddenStates.length} hidden states " +
  s"(the embeddings and ${hiddenStates.length - 1} layers)")

// COMMAND ----------

// MAGIC %md
// MAGIC How far does each layer move the tokens? For every hidden state, the average cosine similarity between a
// MAGIC token's vector there and the same token's vector at the end. The last state *is* the last hidden state,
// MAGIC so its row reads 1.

// COMMAND ----------

def cosine(a: Seq[Float], b: Seq[Float]): Double = {
  val dot = a.zip(b).map { case (x, y) => x.toDouble * y }.sum
  dot / math.sqrt(a.map(x => x.toDouble * x).sum * b.map(x => x.toDouble * x).sum)
}

val drift = hiddenStates.zipWithIndex.map { case (state, layer) =>
  (layer, state.zip(tokenVectors).map { case (a, b) => cosine(a, b) }.sum / state.length)
}.toDF("hidden_state", "mean_cosine_to_last")

display(drift)

// COMMAND ----------

// MAGIC %md
// MAGIC ## From token vectors to one sentence vector
// MAGIC
// MAGIC Mean pooling averages the token vectors, counting only real tokens (attention mask 1). With a single
// MAGIC sentence there is no padding, so it is a plain average, which we compute by hand and compare with
// MAGIC `TextEmbedder`'s `mean` pooling.

// COMMAND ----------

def average(vectors: Seq[Seq[Float]]): Seq[Double] =
  vectors.transpose.map(column => column.map(_.toDouble).sum / vectors.length)

val byHand = average(tokenVectors)
val meanPooled = numbers[Float](new TextEmbedder().setModel(bert).setPooling("mean").setNormalize(false)
  .transform(sentence).first(), "embedding")
val poolingGap = byHand.zip(meanPooled).map { case (a, b) => math.abs(a - b) }.max

println(f"largest difference between the average by hand and TextEmbedder: $poolingGap%.1e")

// COMMAND ----------

// MAGIC %md
// MAGIC In a batch, shorter sentences are padded to the longest one, and the padding positions get vectors too.
// MAGIC The attention mask keeps them out of the average, so a sentence embeds the same in a batch of three
// MAGIC (one partition, `batchSize` 3) as alone (`batchSize` 1):

// COMMAND ----------

val texts = Seq(text, "Good.", "It was the best of times, it was the worst of times.")
def meanPooling(batchSize: Int): Map[String, Seq[Float]] =
  new TextEmbedder().setModel(bert).setPooling("mean").setNormalize(false).setBatchSize(batchSize)
    .transform(texts.toDF("text").coalesce(1))
    .as[(String, Seq[Float])].collect().toMap

val together = meanPooling(3)
val alone = meanPooling(1)
val batchGap = texts.map(t => together(t).zip(alone(t)).map { case (a, b) => math.abs(a - b) }.max).max

println(f"alone vs. padded in a batch of three: largest difference $batchGap%.1e")

// COMMAND ----------

// MAGIC %md
// MAGIC ## The pooled output
// MAGIC
// MAGIC BERT has a second way to one vector: the `pooler_output`, the `[CLS]` token's last vector through one more
// MAGIC dense layer and a `tanh`, trained for next-sentence prediction. Every number lies between -1 and 1.
// MAGIC Sentence-transformers models use mean pooling instead, because it makes better sentence embeddings;
// MAGIC `pooling` = `pooler` is there for models fine-tuned on it.

// COMMAND ----------

val pooler = numbers[Float](new TextEmbedder().setModel(bert).setPooling("pooler")
  .transform(sentence).first(), "embedding")

println(f"pooler_output: ${pooler.length} numbers in [${pooler.min}%.3f, ${pooler.max}%.3f]; " +
  f"cosine to the [CLS] token vector ${cosine(pooler, tokenVectors.head)}%.3f")

// COMMAND ----------

// MAGIC %md
// MAGIC ## Checked against transformers
// MAGIC
// MAGIC `reference.json` holds what `transformers` computed for this sentence with the same weights in PyTorch:
// MAGIC the last hidden state, the mean pooled vector, the pooler output and the mean of every hidden state.
// MAGIC SparkScore runs the exported ONNX graph with ONNX Runtime, so the numbers agree to float precision.

// COMMAND ----------

val reference = spark.read.option("multiLine", true).json(s"$bert/reference.json")
  .select(explode($"embeddings").as("e"))
  .where($"e.text" === text)
  .select($"e.last_hidden_state", $"e.mean", $"e.pooler", $"e.hidden_states_mean")
  .first()

def gap(ours: Seq[Seq[Float]], theirs: Seq[Seq[Double]]): Double =
  ours.flatten.zip(theirs.flatten).map { case (a, b) => math.abs(a - b) }.max

val referenceGaps = Seq(
  "last hidden state" -> gap(tokenVectors, rowsOf[Double](reference, "last_hidden_state")),
  "mean pooling" -> gap(Seq(meanPooled), Seq(numbers[Double](reference, "mean"))),
  "pooler output" -> gap(Seq(pooler), Seq(numbers[Double](reference, "pooler"))),
  "hidden states (means)" -> gap(hiddenStates.map(average).map(_.map(_.toFloat)),
    rowsOf[Double](reference, "hidden_states_mean"))
).toDF("output", "largest_difference")

display(referenceGaps)

// COMMAND ----------

// MAGIC %md
// MAGIC ## Checks

// COMMAND ----------

assert(tokenVectors.length == 19 && width == 32, s"tiny-bert gives 19 tokens x 32 numbers, got ${tokenVectors.length} x $width")
assert(hiddenStates.length == 3, s"2 layers + the embeddings = 3 hidden states, got ${hiddenStates.length}")
assert(gap(hiddenStates.last, tokenVectors.map(_.map(_.toDouble))) < 1e-6, "the last hidden state is the last layer")
assert(poolingGap < 1e-5, s"mean pooling by hand and TextEmbedder differ by $poolingGap")
assert(batchGap < 1e-5, s"padding changed the mean-pooled embedding by $batchGap")
assert(pooler.forall(x => x > -1 && x < 1), "the pooler ends in tanh")
referenceGaps.as[(String, Double)].collect().foreach { case (output, difference) =>
  assert(difference < 1e-4, s"$output differs from transformers by $difference")
}
