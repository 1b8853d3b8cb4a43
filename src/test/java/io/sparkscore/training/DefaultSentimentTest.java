package io.sparkscore.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkscore.stages.TextClassifier;
import io.sparkscore.testing.TestSpark;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default sentiment model (TextClassifier with no model): English sentences get the labels a
 * reader gives them, and retraining its head as its provenance says reproduces its SST-2 dev accuracy.
 */
class DefaultSentimentTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theDefaultModelReadsEnglishSentiment() {
    StructType schema = new StructType().add("id", DataTypes.IntegerType).add("text", DataTypes.StringType);
    Dataset<Row> texts = TestSpark.session().createDataFrame(List.of(
        RowFactory.create(0, "I love using Transformers! It's so intuitive and powerful."),
        RowFactory.create(1, "The teacher is good, everything will be easy"),
        RowFactory.create(2, "This is the worst film I have seen in years, a boring mess."),
        RowFactory.create(3, "I hate this movie.")), schema);
    List<Row> rows = new TextClassifier().transform(texts).orderBy("id").collectAsList();
    assertEquals(List.of("POSITIVE", "POSITIVE", "NEGATIVE", "NEGATIVE"),
        rows.stream().map(r -> r.<String>getAs("label")).toList(), rows.toString());
  }

  @Test
  void retrainingFromSst2ReproducesTheShippedAccuracy(@TempDir Path dir) throws Exception {
    Path trainJsonl = TestSpark.sharedData("sst2/train.jsonl");
    Path devJsonl = TestSpark.sharedData("sst2/dev.jsonl");
    if (trainJsonl == null || devJsonl == null) {
      System.out.println("SKIP retrainingFromSst2ReproducesTheShippedAccuracy: ../shared/data/sst2 is absent");
      Assumptions.abort("../shared/data/sst2 is absent");
    }
    JsonNode training;
    try (InputStream in = getClass().getResourceAsStream("/io/sparkscore/models/minilm-sentiment/head.json")) {
      training = JSON.readTree(in).at("/provenance/training");
    }
    int rows = training.get("rows").asInt();
    double shipped = training.get("accuracy").asDouble();
    Path subsample = Files.write(dir.resolve("train.jsonl"), Files.readAllLines(trainJsonl).subList(0, rows));
    Dataset<Row> dev = TestSpark.session().read().json(devJsonl.toString());
    TextClassifierTrainer trainer = new TextClassifierTrainer().setLabelCol("label_name");
    TrainingRun.Result result = TrainingRun.run(trainer, TestSpark.session().read().json(subsample.toString()),
        subsample.toString(), new TrainingRun.Evaluation(dev, devJsonl.toString(), 0, 0), dir.resolve("p").toString(),
        List.of("test"));
    double accuracy = result.metrics().accuracy();
    System.out.printf("DefaultSentimentTest: retrained on the first %d SST-2 train phrases: dev accuracy %.4f "
        + "(shipped %.4f)%n", rows, accuracy, shipped);
    assertEquals(shipped, accuracy, 0.01);

    // The shipped model's labels are the retrained pipeline's on the first 100 dev sentences.
    Dataset<Row> some = dev.select("id", "text").limit(100);
    Map<String, String> retrained = new HashMap<>();
    for (Row row : result.pipeline().transform(some).collectAsList()) {
      retrained.put(row.getAs("text"), row.getAs("predicted_label"));
    }
    long same = new TextClassifier().transform(some).collectAsList().stream()
        .filter(r -> r.getAs("label").equals(retrained.get(r.<String>getAs("text")))).count();
    assertTrue(same >= 98, same + " of 100 labels as the retrained pipeline's");
  }
}
