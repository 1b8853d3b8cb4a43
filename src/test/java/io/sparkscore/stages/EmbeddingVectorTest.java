package io.sparkscore.stages;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkscore.SparkScoreException;
import io.sparkscore.testing.TestSpark;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.feature.BucketedRandomProjectionLSH;
import org.apache.spark.ml.feature.BucketedRandomProjectionLSHModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code outputFormat vector}: MLlib estimators take the embeddings as they come, on real text from
 * ../shared/data (SST-2 dev sentences, Spanish fortunes).
 */
class EmbeddingVectorTest {
  private static Dataset<Row> sst2;

  @BeforeAll
  static void embedSample() {
    Path dev = TestSpark.sharedData("sst2/dev.jsonl");
    if (dev == null) {
      System.out.println("SKIP EmbeddingVectorTest: ../shared/data/sst2/dev.jsonl is absent");
      Assumptions.abort("../shared/data/sst2/dev.jsonl is absent");
    }
    Dataset<Row> rows = TestSpark.session().read().json(dev.toString()).select("id", "text", "label").limit(300);
    sst2 = new TextEmbedder().setOutputFormat("vector").setOutputCol("features").transform(rows)
        .withColumn("label", col("label").cast("double")).cache();
  }

  @Test
  void vectorsAreTheArrayEmbeddings() {
    assertEquals(SQLDataTypes.VectorType(), sst2.schema().apply("features").dataType());
    Dataset<Row> few = sst2.limit(3).select("id", "text");
    List<Row> arrays = new TextEmbedder().transform(few).orderBy("id").collectAsList();
    List<Row> vectors = sst2.where(col("id").isin(few.collectAsList().stream().map(r -> r.get(0)).toArray()))
        .orderBy("id").collectAsList();
    for (int i = 0; i < arrays.size(); i++) {
      List<Float> array = arrays.get(i).getList(arrays.get(i).fieldIndex("embedding"));
      Vector vector = vectors.get(i).getAs("features");
      assertEquals(array.size(), vector.size());
      for (int d = 0; d < array.size(); d++) {
        assertEquals(array.get(d), (float) vector.apply(d), 0f);
      }
    }
    SparkScoreException e = assertThrows(SparkScoreException.class,
        () -> new TextEmbedder().setOutputFormat("vector").setPooling("none").transformSchema(sst2.schema()));
    assertTrue(e.getMessage().contains("pooling 'none'"), e.getMessage());
  }

  @Test
  void logisticRegressionLearnsSentimentFromTheEmbeddings() {
    Dataset<Row>[] split = sst2.randomSplit(new double[] {0.7, 0.3}, 5);
    Dataset<Row> train = split[0];
    Dataset<Row> test = split[1];
    LogisticRegressionModel model = new LogisticRegression().setRegParam(0.01).fit(train);
    double accuracy = model.transform(test).where(col("prediction").equalTo(col("label"))).count()
        / (double) test.count();
    System.out.printf("EmbeddingVectorTest: logistic regression on %d SST-2 dev embeddings: %.3f on %d others%n",
        train.count(), accuracy, test.count());
    // Measured 0.697 (chance is 0.5): a couple of hundred sentences teach MiniLM embeddings most of the task.
    assertTrue(accuracy > 0.65, "accuracy " + accuracy);
  }

  @Test
  void kMeansSeparatesEnglishFromSpanish() {
    Path fortunes = TestSpark.sharedData("fortunes-es/fortunes-es.jsonl");
    Assumptions.assumeTrue(fortunes != null, "../shared/data/fortunes-es is absent");
    Dataset<Row> spanish = new TextEmbedder().setOutputFormat("vector").setOutputCol("features")
        .transform(TestSpark.session().read().json(fortunes.toString()).select("id", "text").limit(60))
        .withColumn("spanish", lit(1));
    Dataset<Row> mixed = sst2.limit(60).select("id", "text", "features").withColumn("spanish", lit(0))
        .unionByName(spanish.select("id", "text", "features", "spanish"));
    KMeansModel model = new KMeans().setK(2).setSeed(7).fit(mixed);
    // Purity: each cluster counted as its majority language.
    long majority = model.transform(mixed).groupBy("prediction", "spanish").count()
        .groupBy("prediction").agg(functions.max("count")).collectAsList().stream()
        .mapToLong(r -> r.getLong(1)).sum();
    double purity = majority / 120.0;
    System.out.printf("EmbeddingVectorTest: k-means (k=2) language purity over 60 English + 60 Spanish: %.3f%n", purity);
    assertTrue(purity > 0.9, "purity " + purity);
  }

  @Test
  void lshFindsEachSentencesNearDuplicate() {
    Dataset<Row> originals = sst2.limit(40).select("id", "text");
    // The same sentence with its final token dropped: what near-duplicate detection must match.
    Dataset<Row> variants = originals.withColumn("text", functions.regexp_replace(col("text"), "\\s+\\S+$", ""));
    TextEmbedder embedder = new TextEmbedder().setOutputFormat("vector").setOutputCol("features");
    Dataset<Row> a = embedder.transform(originals);
    Dataset<Row> b = embedder.transform(variants);
    BucketedRandomProjectionLSHModel lsh = new BucketedRandomProjectionLSH()
        .setInputCol("features").setBucketLength(1.0).setNumHashTables(4).setSeed(11).fit(a);
    Dataset<Row> pairs = lsh.approxSimilarityJoin(a, b, 0.8, "distance")
        .select(col("datasetA.id").as("a"), col("datasetB.id").as("b"), col("distance"));
    Dataset<Row> nearest = pairs.groupBy("a").agg(functions.min_by(col("b"), col("distance")).as("b"));
    long found = nearest.count();
    long own = nearest.where(col("a").equalTo(col("b"))).count();
    System.out.printf("EmbeddingVectorTest: LSH join found a near neighbour for %d of 40 sentences, %d their own variant%n",
        found, own);
    assertTrue(found >= 36, "found " + found);
    assertEquals(found, own);
  }
}
