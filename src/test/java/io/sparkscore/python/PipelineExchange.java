package io.sparkscore.python;

import io.sparkscore.stages.TextClassifier;
import io.sparkscore.stages.TextTokenizer;
import java.io.IOException;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The JVM side of python/tests/test_persistence.py, in a JVM of its own so that nothing is shared
 * with Python's: loads the PipelineModel Python saved and writes its output on the given texts, and
 * saves a PipelineModel built here (a tokenizer and a classifier) for Python to load, with its output.
 *
 * <p>Arguments: python-model-dir texts.json python-model-out.json jvm-model-dir jvm-model-out.json classifier-model
 */
public final class PipelineExchange {
  private PipelineExchange() {}

  public static void main(String[] args) throws IOException {
    SparkSession spark = SparkSession.builder().master("local[1]").appName("pipeline-exchange")
        .config("spark.ui.enabled", "false").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    try {
      Dataset<Row> texts = spark.read().json(args[1]).select("id", "text");
      PipelineModel.load(args[0]).transform(texts).orderBy("id").coalesce(1).write().json(args[2]);
      Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
          new TextTokenizer().setModel(args[5]).setMaxLength(12).setTokensCol("pieces"),
          new TextClassifier().setModel(args[5]).setTopK(1).setScoreCol("confidence")});
      PipelineModel fitted = pipeline.fit(texts);
      fitted.write().save(args[3]);
      fitted.transform(texts).orderBy("id").coalesce(1).write().json(args[4]);
    } finally {
      spark.stop();
    }
  }
}
