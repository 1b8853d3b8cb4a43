package io.sparkscore.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The Spark side of the benchmark: Parquet inputs, and timed read → stage → write runs. */
final class SparkRuns {
  private static final StructType SCHEMA =
      new StructType().add("id", DataTypes.LongType, false).add("text", DataTypes.StringType, true);

  private final SparkSession spark;

  SparkRuns(SparkSession spark) {
    this.spark = spark;
  }

  /**
   * Writes {@code texts} {@code copies} times over (ids stay unique) as {@code files} Parquet files,
   * so the reader sees {@code files} partitions however many rows there are.
   */
  void writeInput(List<String> texts, int copies, int files, Path dir) {
    List<Row> rows = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      rows.add(RowFactory.create((long) i, texts.get(i)));
    }
    Dataset<Row> base = spark.createDataFrame(rows, SCHEMA);
    Dataset<Row> all = base.crossJoin(spark.range(copies).withColumnRenamed("id", "copy"))
        .select(functions.col("copy").multiply(texts.size()).plus(functions.col("id")).as("id"), functions.col("text"));
    all.repartition(files).write().mode(SaveMode.Overwrite).parquet(dir.toString());
  }

  /** Reads {@code input}, runs {@code stage}, writes {@code output} (overwritten); returns seconds. */
  double score(Transformer stage, Path input, Path output) {
    long start = System.nanoTime();
    stage.transform(spark.read().parquet(input.toString()))
        .write().mode(SaveMode.Overwrite).parquet(output.toString());
    return (System.nanoTime() - start) / 1e9;
  }

  /**
   * As {@link #score}, with the model called from SQL: {@code SELECT *, sparkscore_embed(text, …)
   * FROM corpus}, so that the rows written are the stage's.
   */
  double scoreSql(String model, String variant, Path input, Path output) {
    long start = System.nanoTime();
    spark.read().parquet(input.toString()).createOrReplaceTempView("corpus");
    String options = variant.isEmpty() ? "" : ", map('modelVariant', " + sqlString(variant) + ")";
    spark.sql("SELECT *, sparkscore_embed(text, " + sqlString(model) + options + ") AS embedding FROM corpus")
        .write().mode(SaveMode.Overwrite).parquet(output.toString());
    return (System.nanoTime() - start) / 1e9;
  }

  private static String sqlString(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /**
   * Reads {@code input} and runs {@code stage} into Spark's {@code noop} sink, which consumes every
   * row and keeps none: what is left is reading and scoring. A Parquet writer instead buffers each
   * file's row group in memory as it grows (up to {@code parquet.block.size}), which would hide
   * whether scoring itself holds more heap as rows grow.
   */
  void scoreAndDiscard(Transformer stage, Path input) {
    stage.transform(spark.read().parquet(input.toString())).write().mode(SaveMode.Overwrite).format("noop").save();
  }

  /** Partitions Spark reads {@code input} as. */
  int partitions(Path input) {
    return spark.read().parquet(input.toString()).rdd().getNumPartitions();
  }
}
