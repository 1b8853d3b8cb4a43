package io.sparkscore.stages;

import io.sparkscore.testing.Reference;
import io.sparkscore.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The Spark-line-independent half of {@link CrossLineTest}: one pipeline of every stage kind over the
 * fixture texts, and its scores as JSON lines. The test runs it in its own JVM and, as {@link #main},
 * in a JVM of the other Spark line:
 * {@code save DIR} fits and saves the pipeline to {@code DIR/model} and writes its scores to
 * {@code DIR/scores.jsonl}; {@code score MODEL FILE} loads a saved pipeline and writes its scores.
 */
public final class CrossLineProbe {
  private CrossLineProbe() {}

  /** Tokens, embeddings (a fixture model and the default MiniLM), sentiment and zero-shot topics. */
  static Pipeline pipeline() {
    return new Pipeline().setStages(new PipelineStage[] {
        new TextTokenizer().setModel(TestSpark.fixtureModel("tiny-bert")),
        new TextEmbedder().setModel(TestSpark.fixtureModel("tiny-bert")).setOutputCol("tiny_embedding"),
        new TextEmbedder(),
        new TextClassifier().setModel(TestSpark.fixtureModel("tiny-bert-sentiment"))
            .setLabelCol("sentiment").setScoreCol("sentiment_score").setScoresCol("sentiment_scores"),
        new ZeroShotClassifier().setModel(TestSpark.fixtureModel("tiny-nli"))
            .setCandidateLabels("politics", "food", "sport, games").setHypothesisTemplate("This text is about {}.")
            .setLabelCol("topic").setLabelsCol("topics").setScoresCol("topic_scores")});
  }

  /** The fixture texts (null and blank ones included), with their index as id. */
  static Dataset<Row> input() {
    List<Row> rows = new ArrayList<>();
    for (var example : Reference.of("tiny-bert").section("embeddings")) {
      rows.add(RowFactory.create((long) rows.size(), example.path("text").isNull() ? null : example.path("text").asText()));
    }
    return TestSpark.session().createDataFrame(rows,
        new StructType().add("id", DataTypes.LongType).add("text", DataTypes.StringType));
  }

  /** Every output row as JSON, in id order. */
  static List<String> scores(PipelineModel model) {
    return model.transform(input()).orderBy("id").toJSON().collectAsList();
  }

  public static void main(String[] args) throws IOException {
    // First: PipelineModel.load would otherwise start a default session, which has no master.
    TestSpark.session();
    if (args.length == 2 && args[0].equals("save")) {
      PipelineModel model = pipeline().fit(input());
      model.save(Path.of(args[1], "model").toString());
      Files.write(Path.of(args[1], "scores.jsonl"), scores(model));
    } else if (args.length == 3 && args[0].equals("score")) {
      Files.write(Path.of(args[2]), scores(PipelineModel.load(args[1])));
    } else {
      throw new IllegalArgumentException("usage: save DIR | score MODEL FILE; got " + List.of(args));
    }
    TestSpark.session().stop();
  }
}
