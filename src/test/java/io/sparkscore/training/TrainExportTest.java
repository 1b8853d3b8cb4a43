package io.sparkscore.training;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkscore.stages.TextClassifier;
import io.sparkscore.testing.CliRun;
import io.sparkscore.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} and {@code export} on real SST-2 phrases with the embedded MiniLM: the report's
 * figures against the saved pipeline rescored after loading, and the exported graph's scores against
 * the pipeline's probabilities through TextClassifier, {@code sentiment --model PIPELINE} and plain
 * ONNX Runtime.
 */
class TrainExportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double EXPORT_TOLERANCE = 1e-5;
  private static Path train;
  private static Path dev;

  @BeforeAll
  static void data(@TempDir Path dir) throws Exception {
    Path trainJsonl = TestSpark.sharedData("sst2/train.jsonl");
    Path devJsonl = TestSpark.sharedData("sst2/dev.jsonl");
    if (trainJsonl == null || devJsonl == null) {
      System.out.println("SKIP TrainExportTest: ../shared/data/sst2 is absent");
      Assumptions.abort("../shared/data/sst2 is absent");
    }
    // 240 training phrases and 60 dev sentences keep the test to a few hundred embeddings.
    train = Files.write(dir.resolve("train.jsonl"), Files.readAllLines(trainJsonl).subList(0, 240));
    dev = Files.write(dir.resolve("dev.jsonl"), Files.readAllLines(devJsonl).subList(0, 60));
  }

  @Test
  void trainFromAJobFileSavesAPipelineWhoseReportItsRescoringConfirms(@TempDir Path dir) throws Exception {
    Path output = dir.resolve("pipeline");
    Path job = Files.writeString(dir.resolve("train.conf"), String.join("\n",
        "input = \"" + train + "\"", "label-col = label_name", "test-input = \"" + dev + "\"",
        "reg-params = [0.001, 0.01]", "folds = 2", "output = \"" + output + "\""));
    CliRun run = CliRun.of("train", "--config", job.toString());
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("accuracy"), run.out());
    JsonNode report = JSON.readTree(output.resolve("metrics.json").toFile());
    assertTrue(Files.readString(output.resolve("report.html")).contains("data-charts-rendered"));
    assertEquals(List.of("NEGATIVE", "POSITIVE"), JSON.convertValue(report.at("/metrics/labels"), List.class));

    Dataset<Row> scored = PipelineModel.load(output.toString())
        .transform(TestSpark.session().read().json(dev.toString()));
    long correct = scored.where(col("predicted_label").equalTo(col("label_name"))).count();
    assertEquals(60, report.at("/metrics/rows").asLong());
    assertEquals(correct / 60.0, report.at("/metrics/accuracy").asDouble(), 1e-12);
    System.out.printf("TrainExportTest: logistic head on 240 SST-2 train phrases: dev[0:60] accuracy %.4f%n",
        correct / 60.0);
    assertTrue(correct / 60.0 > 0.6, "accuracy " + correct / 60.0);
    long[][] confusion = JSON.convertValue(report.at("/metrics/confusion"), long[][].class);
    assertEquals(correct, confusion[0][0] + confusion[1][1]);

    Path exported = dir.resolve("hf");
    CliRun export = CliRun.of("export", "--pipeline", output.toString(), "--output", exported.toString());
    assertEquals(0, export.status(), export.err());
    JsonNode config = JSON.readTree(exported.resolve("config.json").toFile());
    assertEquals("POSITIVE", config.at("/id2label/1").asText());
    assertTrue(Files.isRegularFile(exported.resolve("tokenizer.json")));
    Map<String, double[]> pipeline = probabilities(scored);
    assertOnnxRuntimeScores(exported, scored, pipeline);

    // sentiment --model PIPELINE scores as the exported directory does, in the same columns.
    Path viaPipeline = dir.resolve("sentiment-pipeline");
    assertEquals(0, CliRun.of("sentiment", "--input", dev.toString(), "--output", viaPipeline.toString(),
        "--model", output.toString()).status());
    Path viaExport = dir.resolve("sentiment-export");
    assertEquals(0, CliRun.of("sentiment", "--input", dev.toString(), "--output", viaExport.toString(),
        "--model", exported.toString()).status());
    List<Row> a = TestSpark.session().read().format("delta").load(viaPipeline.toString()).orderBy("id").collectAsList();
    List<Row> b = TestSpark.session().read().format("delta").load(viaExport.toString()).orderBy("id").collectAsList();
    assertEquals(b, a);
    for (Row row : a) {
      double[] want = pipeline.get(row.<String>getAs("text"));
      assertEquals(want[1] > want[0] ? "POSITIVE" : "NEGATIVE", row.getAs("label"));
    }
  }

  @Test
  void everyClassifierExportsToTheSameScores(@TempDir Path dir) throws Exception {
    Dataset<Row> rows = TestSpark.session().read().json(train.toString()).limit(120);
    Dataset<Row> devRows = TestSpark.session().read().json(dev.toString()).select("id", "text").limit(20);
    TextClassifierTrainer base = new TextClassifierTrainer().setLabelCol("label_name")
        .setFolds(2).setRegParams(0.01).setHiddenSizes(16).setMaxIter(10);
    Dataset<Row> embedded = base.embed(rows);
    for (String classifier : List.of(TextClassifierTrainer.LOGISTIC, TextClassifierTrainer.SVM, TextClassifierTrainer.MLP)) {
      PipelineModel pipeline = base.copy(ParamMap.empty()).setClassifier(classifier)
          .fitEmbedded(embedded).pipeline();
      Path exported = dir.resolve(classifier);
      PipelineExport.export(pipeline, exported, Map.of("test", classifier));
      Map<String, double[]> want = probabilities(pipeline.transform(devRows));
      List<Row> got = new TextClassifier().setModel(exported.toString()).transform(devRows).collectAsList();
      assertEquals(20, got.size());
      for (Row row : got) {
        Map<String, Double> scores = new HashMap<>();
        for (Row s : row.<Row>getList(row.fieldIndex("scores"))) {
          scores.put(s.getString(0), s.getDouble(1));
        }
        double[] expected = want.get(row.<String>getAs("text"));
        assertEquals(expected[0], scores.get("NEGATIVE"), EXPORT_TOLERANCE, classifier + " " + row);
        assertEquals(expected[1], scores.get("POSITIVE"), EXPORT_TOLERANCE, classifier + " " + row);
      }
    }
    embedded.unpersist();
  }

  /** Text → the pipeline's probability of each label (for the svm, the softmax of its raw margins). */
  private static Map<String, double[]> probabilities(Dataset<Row> scored) {
    boolean probability = List.of(scored.columns()).contains("probability");
    Map<String, double[]> out = new HashMap<>();
    for (Row row : scored.collectAsList()) {
      Vector v = row.getAs(probability ? "probability" : "rawPrediction");
      double[] p = v.toArray();
      if (!probability) {
        double max = Math.max(p[0], p[1]);
        double e0 = Math.exp(p[0] - max);
        double e1 = Math.exp(p[1] - max);
        p = new double[] {e0 / (e0 + e1), e1 / (e0 + e1)};
      }
      out.put(row.getAs("text"), p);
    }
    return out;
  }

  /** The exported graph in a bare ONNX Runtime session, fed by the exported tokenizer.json. */
  private static void assertOnnxRuntimeScores(Path exported, Dataset<Row> scored, Map<String, double[]> pipeline)
      throws Exception {
    List<String> texts = scored.limit(3).select("text").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(exported.resolve("tokenizer.json"));
        OrtSession session = env.createSession(exported.resolve("onnx/model.onnx").toString())) {
      for (String text : texts) {
        Encoding encoding = tokenizer.encode(text);
        long[][] ids = {encoding.getIds()};
        long[][] mask = {encoding.getAttentionMask()};
        long[][] types = {encoding.getTypeIds()};
        try (OnnxTensor i = OnnxTensor.createTensor(env, ids); OnnxTensor m = OnnxTensor.createTensor(env, mask);
            OnnxTensor t = OnnxTensor.createTensor(env, types);
            OrtSession.Result result = session.run(Map.of("input_ids", i, "attention_mask", m, "token_type_ids", t))) {
          float[] logits = ((float[][]) result.get("logits").orElseThrow().getValue())[0];
          double e0 = Math.exp(logits[0]);
          double e1 = Math.exp(logits[1]);
          assertEquals(pipeline.get(text)[1], e1 / (e0 + e1), EXPORT_TOLERANCE, text);
        }
      }
    }
  }
}
