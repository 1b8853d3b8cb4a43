package io.sparkscore.stages;

import static io.sparkscore.stages.ClassifierFixtures.collectById;
import static io.sparkscore.stages.ClassifierFixtures.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkscore.testing.TestSpark;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EmbeddingZeroShotClassifier on the embedded MiniLM (and the shared int8 MiniLM when present). */
class EmbeddingZeroShotClassifierTest {
  private static final String[] TOPICS = {"politics", "sports", "cooking", "technology", "music"};
  private static final String[] TEXTS = {
    "The football team won the championship game after the quarterback threw three touchdowns.",
    "The senate passed the budget bill after a long debate between the two parties.",
    "Knead the dough, let it rise for an hour, then bake it at 220 degrees.",
    "The new smartphone has a faster processor and more memory.",
    "The orchestra played a symphony by Beethoven.",
  };
  private static final String[] EXPECTED = {"sports", "politics", "cooking", "technology", "music"};
  private static final StructType WITH_LABELS = ClassifierFixtures.TEXTS
      .add("candidates", DataTypes.createArrayType(DataTypes.StringType, true));

  @Test
  void theDefaultModelPicksTheObviousTopic() {
    List<Row> rows = collectById(new EmbeddingZeroShotClassifier().setCandidateLabels(TOPICS).transform(texts(TEXTS)));
    for (int i = 0; i < TEXTS.length; i++) {
      assertEquals(EXPECTED[i], rows.get(i).getString(2), TEXTS[i] + " scored " + rows.get(i));
      assertEquals(EXPECTED[i], rows.get(i).getList(3).get(0));
      assertEquals(1.0, sum(rows.get(i).getList(4)), 1e-9);
    }
  }

  @Test
  void scoresAreTheSoftmaxOfCosinesWithTheTemplatedLabels() {
    String template = "A text about {}.";
    double temperature = 0.1;
    List<Row> rows = collectById(new EmbeddingZeroShotClassifier()
        .setCandidateLabels(TOPICS).setHypothesisTemplate(template).setTemperature(temperature)
        .transform(texts(TEXTS[0])));
    List<Row> singleLabel = collectById(new EmbeddingZeroShotClassifier()
        .setCandidateLabels(TOPICS).setHypothesisTemplate(template).setMultiLabel(true)
        .transform(texts(TEXTS[0])));

    String[] inputs = new String[TOPICS.length + 1];
    inputs[0] = TEXTS[0];
    for (int i = 0; i < TOPICS.length; i++) {
      inputs[i + 1] = template.replace("{}", TOPICS[i]);
    }
    List<Row> embedded = collectById(new TextEmbedder().transform(texts(inputs)));
    double[] cosines = new double[TOPICS.length];
    double[] logits = new double[TOPICS.length];
    for (int i = 0; i < TOPICS.length; i++) {
      cosines[i] = dot(embedded.get(0).getList(2), embedded.get(i + 1).getList(2));
      logits[i] = cosines[i] / temperature;
    }
    double[] softmax = ClassScores.softmax(logits);
    List<String> ranked = rows.get(0).getList(3);
    List<Double> scores = rows.get(0).getList(4);
    List<String> rankedByCosine = singleLabel.get(0).getList(3);
    List<Double> cosineScores = singleLabel.get(0).getList(4);
    for (int i = 0; i < TOPICS.length; i++) {
      int topic = List.of(TOPICS).indexOf(ranked.get(i));
      assertEquals(softmax[topic], scores.get(i), 1e-5, ranked.get(i));
      assertEquals(cosines[List.of(TOPICS).indexOf(rankedByCosine.get(i))], cosineScores.get(i), 1e-5);
    }
    assertEquals(ranked, rankedByCosine);
  }

  @Test
  void eachRowsLabelsFromAColumnAreEmbeddedOncePerPartition() {
    Dataset<Row> df = TestSpark.session().createDataFrame(List.of(
        RowFactory.create(0L, TEXTS[0], new String[] {"sports", "politics"}),
        RowFactory.create(1L, TEXTS[1], new String[] {"politics", "cooking", "sports", "política"}),
        RowFactory.create(2L, TEXTS[2], new String[] {"cooking", "politics"}),
        RowFactory.create(3L, TEXTS[2], new String[0]),
        RowFactory.create(4L, TEXTS[2], null),
        RowFactory.create(5L, null, new String[] {"cooking"}),
        RowFactory.create(6L, "", new String[] {"cooking", "computación"})), WITH_LABELS).coalesce(1);
    List<Row> rows = collectById(new EmbeddingZeroShotClassifier().setCandidateLabelsCol("candidates").transform(df));
    for (int i = 0; i < 3; i++) {
      Row row = rows.get(i);
      assertEquals(EXPECTED[i], row.getString(3));
      Row alone = new EmbeddingZeroShotClassifier().setCandidateLabels(row.<String>getList(4).toArray(new String[0]))
          .transform(texts(TEXTS[i])).first();
      assertEquals(alone.getList(3), row.getList(4));
      assertEquals(alone.<Double>getList(4).get(0), row.<Double>getList(5).get(0), 1e-5);
    }
    assertNull(rows.get(3).get(3));
    assertEquals(List.of(), rows.get(3).getList(4));
    assertEquals(List.of(), rows.get(3).getList(5));
    for (Row nulls : List.of(rows.get(4), rows.get(5))) {
      assertNull(nulls.get(3));
      assertNull(nulls.get(4));
      assertNull(nulls.get(5));
    }
    assertEquals(2, rows.get(6).getList(4).size(), "empty text is embedded like any other");
  }

  @Test
  void theSharedInt8MiniLmAgreesOnTheTopics(@TempDir Path dir) throws IOException {
    Path shared = TestSpark.sharedModel("all-minilm-l6-v2-q");
    if (shared == null) {
      System.out.println("SKIP theSharedInt8MiniLmAgreesOnTheTopics: ../shared/models/all-minilm-l6-v2-q is absent");
    }
    Assumptions.assumeTrue(shared != null, "../shared/models/all-minilm-l6-v2-q is absent");
    Path model = sentenceTransformersDir(dir, shared);
    List<Row> rows = collectById(new EmbeddingZeroShotClassifier().setModel(model.toString())
        .setCandidateLabels(TOPICS).transform(texts(TEXTS)));
    for (int i = 0; i < TEXTS.length; i++) {
      assertEquals(EXPECTED[i], rows.get(i).getString(2), "int8 MiniLM on " + TEXTS[i]);
    }
  }

  @Test
  void temperatureMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new EmbeddingZeroShotClassifier().setTemperature(0));
  }

  @Test
  void savesAndLoadsAloneAndInAPipeline(@TempDir Path dir) throws Exception {
    EmbeddingZeroShotClassifier stage = new EmbeddingZeroShotClassifier()
        .setCandidateLabelsCol("candidates").setHypothesisTemplate("Este texto trata de {}.").setTemperature(0.2);
    Dataset<Row> df = TestSpark.session().createDataFrame(List.of(
        RowFactory.create(0L, "El partido terminó dos a uno.", new String[] {"deportes", "política"}),
        RowFactory.create(1L, null, new String[] {"deportes"})), WITH_LABELS);
    ClassifierFixtures.assertRoundTrips(stage, df, dir);
  }

  /**
   * The shared int8 graph and tokenizer (linked, not copied) with the embedded MiniLM's
   * config.json and sentence-transformers files, which the shared folder lacks.
   */
  private static Path sentenceTransformersDir(Path dir, Path shared) throws IOException {
    Path model = dir.resolve("minilm-int8");
    Files.createDirectories(model.resolve("1_Pooling"));
    for (String file : List.of("config.json", "modules.json", "sentence_bert_config.json", "1_Pooling/config.json")) {
      try (InputStream in = EmbeddingZeroShotClassifierTest.class.getResourceAsStream(
          "/io/sparkscore/models/all-minilm-l6-v2/" + file)) {
        Files.copy(in, model.resolve(file));
      }
    }
    Files.createSymbolicLink(model.resolve("model.onnx"), shared.resolve("model.onnx"));
    Files.createSymbolicLink(model.resolve("tokenizer.json"), shared.resolve("tokenizer.json"));
    return model;
  }

  private static double dot(List<Float> a, List<Float> b) {
    double s = 0;
    for (int i = 0; i < a.size(); i++) {
      s += (double) a.get(i) * b.get(i);
    }
    return s;
  }

  private static double sum(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).sum();
  }
}
