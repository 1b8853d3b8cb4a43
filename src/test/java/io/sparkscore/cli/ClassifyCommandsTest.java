package io.sparkscore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.sparkscore.testing.TaskCommands.assertError;
import static io.sparkscore.testing.TaskCommands.run;
import static io.sparkscore.testing.TaskCommands.stage;

import io.sparkscore.SparkScoreException;
import io.sparkscore.config.LabelsOption;
import io.sparkscore.config.Task;
import io.sparkscore.config.Tasks;
import io.sparkscore.stages.EmbeddingZeroShotClassifier;
import io.sparkscore.stages.TextClassifier;
import io.sparkscore.stages.ZeroShotClassifier;
import io.sparkscore.testing.TestSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sentiment and zero-shot commands: label lists, method choice, and whole runs on fixtures. */
class ClassifyCommandsTest {
  private static final String NLI = TestSpark.fixtureModel("tiny-nli");
  private static final String PIZZA = "I had pizza and a glass of red wine for dinner.";

  @Test
  void labelsSplitOnCommasWithQuotesForLabelsThatHoldOne() {
    assertEquals(List.of("a", "b", "c"), LabelsOption.parse(" a, b ,c"));
    assertEquals(List.of("food, drink", "sports", "politics"), LabelsOption.parse("\"food, drink\",sports, politics"));
    assertEquals(List.of("say \"hi\"", "x"), LabelsOption.parse("\"say \"\"hi\"\"\", x"));
    assertEquals(List.of("a", "b"), LabelsOption.parse("a,,b, ,"));
    assertEquals(List.of("política", "computación"), LabelsOption.parse("política,computación"));
    assertEquals(List.of(), LabelsOption.parse(""));
    String open = assertThrows(SparkScoreException.class, () -> LabelsOption.parse("\"food, drink,sports")).getMessage();
    assertTrue(open.contains("a quote is not closed"), open);
    String after = assertThrows(SparkScoreException.class, () -> LabelsOption.parse("\"food\" drink,x")).getMessage();
    assertTrue(after.contains("\"food\" drink has text after its closing quote"), after);
  }

  @Test
  void labelsFileHasOneLabelPerLineAsWritten(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("labels.txt");
    Files.writeString(file, "food, drink\n\n  \"quoted\" sports  \npolítica\n", StandardCharsets.UTF_8);
    assertEquals(List.of("food, drink", "\"quoted\" sports", "política"), LabelsOption.read(file));
    String missing = assertThrows(SparkScoreException.class, () -> LabelsOption.read(dir.resolve("none.txt")))
        .getMessage();
    assertTrue(missing.contains("--labels-file: cannot read " + dir.resolve("none.txt")), missing);
  }

  @Test
  void zeroShotPicksNliForEntailmentModelsAndEmbeddingOtherwise() {
    assertInstanceOf(EmbeddingZeroShotClassifier.class, zeroShot("--labels", "a,b"));
    assertInstanceOf(ZeroShotClassifier.class, zeroShot("--labels", "a,b", "--model", NLI));
    assertInstanceOf(EmbeddingZeroShotClassifier.class, zeroShot("--labels", "a,b", "--model", NLI, "--method",
        "embedding"));
    assertInstanceOf(ZeroShotClassifier.class, zeroShot("--labels", "a,b", "--method", "nli"));
    ZeroShotClassifier nli = (ZeroShotClassifier) zeroShot("--labels", "\"food, drink\",sports", "--model", NLI,
        "--template", "Este ejemplo es {}.", "--multi-label");
    assertEquals(List.of("food, drink", "sports"), List.of(nli.getCandidateLabels()));
    assertEquals("Este ejemplo es {}.", nli.getHypothesisTemplate());
    assertTrue(nli.getMultiLabel());
    EmbeddingZeroShotClassifier embedding =
        (EmbeddingZeroShotClassifier) zeroShot("--labels", "a", "--temperature", "0.2");
    assertEquals(0.2, embedding.getTemperature());
    TextClassifier sentiment = (TextClassifier) stage("sentiment", "--model", NLI, "--top-k", "1", "--function", "none");
    assertEquals(1, sentiment.getTopK());
    assertEquals("none", sentiment.getFunctionToApply());
  }

  @Test
  void optionMistakesAreReportedByName() {
    assertError("give the candidate labels with exactly one of --labels", () -> zeroShot());
    assertError("give the candidate labels with exactly one of --labels",
        () -> zeroShot("--labels", "a", "--labels-file", "labels.txt"));
    assertError("--labels holds no labels", () -> zeroShot("--labels", " , "));
    SparkScoreException method = assertError("--method must be one of auto, nli, embedding, got 'bert'",
        () -> zeroShot("--labels", "a", "--method", "bert"));
    assertEquals("INVALID_OPTION_VALUE", method.getErrorCode());
    assertEquals("--method", method.facts().get("option"));
    assertError("--temperature applies to --method embedding only",
        () -> zeroShot("--labels", "a", "--model", NLI, "--temperature", "0.1"));
    assertEquals(0.0, assertError("--temperature is out of range", () -> zeroShot("--labels", "a", "--temperature", "0"))
        .facts().get("value"));
    assertEquals("CONFLICTING_OPTIONS", assertError("--contradiction-logit does not apply to EmbeddingZeroShotClassifier",
        () -> zeroShot("--labels", "a", "--method", "embedding", "--contradiction-logit", "label")).getErrorCode());
    // With no --model, sentiment runs the embedded English default (DefaultSentimentTest scores it).
    assertEquals("minilm-sentiment", ((TextClassifier) stage("sentiment")).getModel());
  }

  @Test
  void sentimentWritesLabelScoreAndScores(@TempDir Path dir) throws IOException {
    Path input = dir.resolve("in.jsonl");
    Files.writeString(input, "{\"id\": 7, \"text\": \"I love this movie, it is wonderful!\"}\n{\"id\": 8}\n");
    Path output = dir.resolve("out");
    run("sentiment", "--input", input.toString(), "--output", output.toString(), "--format", "json",
        "--model", TestSpark.fixtureModel("tiny-bert-sentiment"), "--top-k", "2");
    List<Row> rows = TestSpark.session().read().json(output.toString()).orderBy("id").collectAsList();
    assertEquals(2, rows.size());
    Row scored = rows.get(0);
    assertTrue(List.of("NEG", "NEU", "POS").contains(scored.getAs("label")), scored.toString());
    assertEquals(2, scored.getList(scored.fieldIndex("scores")).size());
    assertEquals(scored.<String>getAs("label"), scored.<Row>getList(scored.fieldIndex("scores")).get(0).getAs("label"));
  }

  @Test
  void zeroShotRunsOnAnNliModelAndOnTheDefaultModel(@TempDir Path dir) throws IOException {
    Path input = dir.resolve("in.jsonl");
    Files.writeString(input, "{\"id\": 1, \"text\": \"" + PIZZA + "\"}\n");
    Path nliOut = dir.resolve("nli");
    run("zero-shot", "--input", input.toString(), "--output", nliOut.toString(), "--format", "json",
        "--model", NLI, "--labels", "\"food, drink\",sports,politics");
    Row nli = TestSpark.session().read().json(nliOut.toString()).first();
    // The pipeline's ranking for this text and these labels (tiny-nli reference.json).
    assertEquals(List.of("politics", "food, drink", "sports"), nli.getList(nli.fieldIndex("labels")));

    Path labels = dir.resolve("labels.txt");
    Files.writeString(labels, "food, drink\nsports\npolitics\n");
    Path embeddingOut = dir.resolve("embedding");
    run("zero-shot", "--input", input.toString(), "--output", embeddingOut.toString(), "--format", "json",
        "--labels-file", labels.toString());
    Row embedding = TestSpark.session().read().json(embeddingOut.toString()).first();
    assertEquals("food, drink", embedding.getAs("label"));
  }

  private static Transformer zeroShot(String... args) {
    return stage("zero-shot", args);
  }
}
