package io.sparkscore.stages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.util.PairList;
import io.sparkscore.SparkScoreException;
import io.sparkscore.cli.SparkScoreMain;
import io.sparkscore.runtime.Device;
import io.sparkscore.runtime.LoadedModel;
import io.sparkscore.runtime.ModelCache;
import io.sparkscore.runtime.ModelSpec;
import io.sparkscore.runtime.OnnxModel;
import io.sparkscore.runtime.Pooling;
import io.sparkscore.runtime.ScoringMetrics;
import io.sparkscore.runtime.SessionSettings;
import io.sparkscore.runtime.TokenBatch;
import io.sparkscore.testing.Reference;
import io.sparkscore.testing.TestSpark;
import io.sparkscore.text.HfTokenizer;
import io.sparkscore.text.TokenizerSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** longText chunk: windows that cover the whole text, their combined values, and megabyte documents. */
class LongTextTest {
  private static final StructType SCHEMA =
      new StructType().add("id", DataTypes.IntegerType).add("text", DataTypes.StringType);
  private static final String[] WORDS = {
      "the", "film", "was", "a", "delight", ",", "but", "its", "ending", "dragged", ".", "Nobody", "expected",
      "42", "minutes", "of", "credits", "!", "Strange", "things", "happen", "in", "small", "towns", "when",
      "unbelievable", "rain", "keeps", "falling", "?", "café", "naïve", "über", "日本", "😀"};

  @TempDir Path tmp;

  /** Words drawn with a fixed seed: the same text on every run. */
  static String text(int words, long seed) {
    Random random = new Random(seed);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < words; i++) {
      text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
    }
    return text.toString();
  }

  private static LoadedModel model(String fixture) {
    return ModelCache.get(ModelSpec.of(TestSpark.fixtureModel(fixture)));
  }

  /** Every token but the special ones, in order. */
  private static List<Long> content(Encoding encoding) {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < encoding.getIds().length; i++) {
      if (encoding.getSpecialTokenMask()[i] == 0) {
        ids.add(encoding.getIds()[i]);
      }
    }
    return ids;
  }

  private static List<Encoding> windows(Encoding first) {
    List<Encoding> all = new ArrayList<>(List.of(first));
    all.addAll(Arrays.asList(first.getOverflowing()));
    return all;
  }

  @ParameterizedTest
  @CsvSource({"tiny-bert, 0", "tiny-bert, 5", "tiny-roberta, 0", "tiny-roberta, 13"})
  void windowsCoverTheWholeTextOverlappingByTheStride(String fixture, int stride) {
    String text = text(400, 7);
    HfTokenizer whole = model(fixture).tokenizer(new TokenizerSettings(0, false, true, false, 0));
    HfTokenizer windowed = model(fixture).tokenizer(new TokenizerSettings(16, true, true, true, stride));
    List<Long> expected = content(whole.encode(new String[] {text})[0]);
    assertTrue(expected.size() > 400, "the text is many windows long: " + expected.size());

    List<Encoding> windows = windows(windowed.encode(new String[] {text})[0]);
    List<Long> joined = new ArrayList<>();
    List<Long> previous = List.of();
    for (Encoding window : windows) {
      assertTrue(window.getIds().length <= 16, "a window holds at most maxLength tokens");
      assertEquals(2, window.getIds().length - content(window).size(), "each window has the model's special tokens");
      List<Long> tokens = content(window);
      if (!previous.isEmpty()) {
        assertEquals(previous.subList(previous.size() - stride, previous.size()), tokens.subList(0, stride),
            "consecutive windows share exactly the stride's tokens");
      }
      joined.addAll(previous.isEmpty() ? tokens : tokens.subList(stride, tokens.size()));
      previous = tokens;
    }
    assertEquals(expected, joined, "the windows, overlaps removed, are the whole text's tokens");
    assertEquals((int) Math.ceil((expected.size() - stride) / (double) (14 - stride)), windows.size());
  }

  @ParameterizedTest
  @CsvSource({"tiny-bert", "tiny-roberta"})
  void truncatingAHugeTextReadsOnlyItsStartButGivesTheSameTokens(String fixture) {
    HfTokenizer truncating = model(fixture).tokenizer(new TokenizerSettings(0, true, true, false, 0));
    HfTokenizer windowed = model(fixture).tokenizer(new TokenizerSettings(0, true, true, true, 0));
    String words = text(10_000, 11);
    String[] texts = {
        words,
        // The start of the text has more whitespace than tokens: the prefix cannot fill a window.
        " ".repeat(10_000) + "\n".repeat(10_000) + words,
        // No whitespace to cut at.
        "日本語".repeat(20_000),
        "😀".repeat(30_000) + " " + words,
        "short text"};
    Encoding[] truncated = truncating.encode(texts);
    Encoding[] whole = windowed.encode(texts);
    for (int i = 0; i < texts.length; i++) {
      assertArrayEquals(whole[i].getIds(), truncated[i].getIds(), "text " + i);
      assertArrayEquals(whole[i].getTypeIds(), truncated[i].getTypeIds(), "text " + i);
      assertEquals(whole[i].getOverflowing().length > 0, truncated[i].exceedMaxLength(), "text " + i);
    }
  }

  @ParameterizedTest
  @CsvSource({"tiny-nli", "tiny-roberta"})
  void truncatingAHugeFirstTextOfAPairGivesTheSameTokens(String fixture) throws IOException {
    HfTokenizer truncating = model(fixture).tokenizer(new TokenizerSettings(0, true, true, false, 0));
    List<String> premises = List.of(text(10_000, 31), text(10_000, 37), "short premise", text(10_000, 41));
    List<String> hypotheses = List.of("This example is about film.", text(40, 43), "This example is food.",
        " ".repeat(20_000) + "spaces");
    Encoding[] actual = truncating.encodePairs(premises, hypotheses);
    try (HuggingFaceTokenizer whole = HuggingFaceTokenizer.builder()
        .optTokenizerPath(model(fixture).directory().tokenizerJson()).optPadding(false).optTruncation(true)
        .optMaxLength(model(fixture).directory().maxLength()).build()) {
      Encoding[] expected = whole.batchEncode(new PairList<>(premises, hypotheses));
      for (int i = 0; i < premises.size(); i++) {
        assertArrayEquals(expected[i].getIds(), actual[i].getIds(), "pair " + i);
        assertArrayEquals(expected[i].getTypeIds(), actual[i].getTypeIds(), "pair " + i);
      }
    }
  }

  @Test
  void tooLargeAStrideIsRefusedInsteadOfAbortingTheJvm() {
    Dataset<Row> df = TestSpark.session().createDataFrame(List.of(RowFactory.create(1, "x")), SCHEMA);
    TextEmbedder embedder = new TextEmbedder().setModel(TestSpark.fixtureModel("tiny-bert"))
        .setLongText("chunk").setMaxLength(16).setStride(14);
    SparkScoreException e = assertThrows(SparkScoreException.class, () -> embedder.transform(df));
    assertEquals("model " + TestSpark.fixtureModel("tiny-bert") + ": stride 14 must be below 14, the text tokens "
        + "of one window (maxLength 16 minus 2 special tokens)", e.getMessage());

    TextEmbedder unchunked = new TextEmbedder().setModel(TestSpark.fixtureModel("tiny-bert")).setStride(4);
    e = assertThrows(SparkScoreException.class, () -> unchunked.transform(df));
    assertEquals(unchunked.uid() + ": stride 4 only applies with longText 'chunk' (longText is 'truncate')",
        e.getMessage());

    TextEmbedder perToken = new TextEmbedder().setModel(TestSpark.fixtureModel("tiny-bert"))
        .setLongText("chunk").setPooling("none");
    e = assertThrows(SparkScoreException.class, () -> perToken.transform(df));
    assertTrue(e.getMessage().startsWith(perToken.uid() + ": pooling 'none' gives a vector per token"), e.getMessage());

    TextEmbedder tiny = new TextEmbedder().setModel(TestSpark.fixtureModel("tiny-bert")).setMaxLength(1);
    e = assertThrows(SparkScoreException.class, () -> tiny.transform(df));
    assertEquals("model " + TestSpark.fixtureModel("tiny-bert") + ": maxLength 1 is less than the 2 special tokens "
        + "the model adds to every text", e.getMessage());
  }

  /** Each window run alone through the ONNX session, mean-pooled: the stage must combine these. */
  private static List<float[]> windowMeans(String fixture, List<Encoding> windows) {
    LoadedModel model = model(fixture);
    OnnxModel session = model.session(SessionSettings.DEFAULTS, Device.CPU);
    long pad = model.directory().padTokenId();
    List<float[]> means = new ArrayList<>();
    for (Encoding window : windows) {
      var out = session.run(new TokenBatch().fill(List.of(window), pad), Set.of(session.tokenOutput()));
      means.add(Pooling.mean(out.get(session.tokenOutput()), 0, window.getIds().length));
    }
    return means;
  }

  @ParameterizedTest
  @CsvSource({"tiny-bert, 4, true", "tiny-bert, 0, false", "tiny-roberta, 3, true"})
  void chunkedEmbeddingIsTheTokenWeightedMeanOfItsWindows(String fixture, int stride, boolean normalize) {
    String longText = text(120, 3);
    String shortText = "a short one";
    TextEmbedder embedder = new TextEmbedder().setModel(TestSpark.fixtureModel(fixture)).setMaxLength(16)
        .setPooling("mean").setNormalize(normalize).setLongText("chunk").setStride(stride).setBatchSize(4);
    Dataset<Row> df = TestSpark.session().createDataFrame(
        List.of(RowFactory.create(1, longText), RowFactory.create(2, shortText), RowFactory.create(3, null)), SCHEMA);
    List<Row> rows = embedder.transform(df).orderBy("id").collectAsList();

    List<Encoding> windows = windows(model(fixture).tokenizer(new TokenizerSettings(16, true, true, true, stride))
        .encode(new String[] {longText})[0]);
    assertTrue(windows.size() > 5, "several windows: " + windows.size());
    List<float[]> means = windowMeans(fixture, windows);
    double[] expected = new double[means.get(0).length];
    long tokens = 0;
    for (int w = 0; w < windows.size(); w++) {
      int n = windows.get(w).getIds().length;
      for (int i = 0; i < expected.length; i++) {
        expected[i] += means.get(w)[i] * n;
      }
      tokens += n;
    }
    float[] mean = new float[expected.length];
    for (int i = 0; i < mean.length; i++) {
      mean[i] = (float) (expected[i] / tokens);
    }
    if (normalize) {
      Pooling.normalize(mean);
    }
    float[] actual = MiniLmReferenceTest.toFloats(rows.get(0).getList(2));
    assertTrue(Reference.maxAbsDiff(mean, actual) < 1e-5, "differs by " + Reference.maxAbsDiff(mean, actual));

    // A text that fits one window is embedded exactly as without chunking.
    float[] truncated = MiniLmReferenceTest.toFloats(embedder.copy(new org.apache.spark.ml.param.ParamMap())
        .setLongText("truncate").setStride(0).transform(df).orderBy("id").collectAsList().get(1).getList(2));
    assertArrayEquals(truncated, MiniLmReferenceTest.toFloats(rows.get(1).getList(2)));
    assertTrue(rows.get(2).isNullAt(2), "null text stays null");
  }

  @Test
  void maxPoolingTakesTheMaximumOverAllWindows() {
    String longText = text(90, 5);
    TextEmbedder embedder = new TextEmbedder().setModel(TestSpark.fixtureModel("tiny-bert")).setMaxLength(16)
        .setPooling("max").setLongText("chunk");
    Dataset<Row> df = TestSpark.session().createDataFrame(List.of(RowFactory.create(1, longText)), SCHEMA);
    float[] actual = MiniLmReferenceTest.toFloats(embedder.transform(df).first().getList(2));
    List<Encoding> windows = windows(model("tiny-bert").tokenizer(new TokenizerSettings(16, true, true, true, 0))
        .encode(new String[] {longText})[0]);
    LoadedModel model = model("tiny-bert");
    OnnxModel session = model.session(SessionSettings.DEFAULTS, Device.CPU);
    float[] expected = new float[actual.length];
    Arrays.fill(expected, Float.NEGATIVE_INFINITY);
    for (Encoding window : windows) {
      var out = session.run(new TokenBatch().fill(List.of(window), 0), Set.of(session.tokenOutput()));
      float[] max = Pooling.max(out.get(session.tokenOutput()), 0, window.getIds().length);
      for (int i = 0; i < max.length; i++) {
        expected[i] = Math.max(expected[i], max[i]);
      }
    }
    assertTrue(Reference.maxAbsDiff(expected, actual) < 1e-5);
  }

  @ParameterizedTest
  @CsvSource({"mean", "max"})
  void chunkedClassificationCombinesEachLabelsScoresOverTheWindows(String aggregation) {
    String longText = text(150, 29);
    String fixture = TestSpark.fixtureModel("tiny-bert-sentiment");
    TextClassifier classifier = new TextClassifier().setModel(fixture).setMaxLength(16).setLongText("chunk")
        .setStride(2).setChunkAggregation(aggregation).setStatusCol("status");
    Row row = classifier.transform(
        TestSpark.session().createDataFrame(List.of(RowFactory.create(1, longText)), SCHEMA)).first();
    assertEquals("chunked", row.getAs("status"));

    List<Encoding> windows = windows(model("tiny-bert-sentiment").tokenizer(new TokenizerSettings(16, true, true, true, 2))
        .encode(new String[] {longText})[0]);
    OnnxModel session = model("tiny-bert-sentiment").session(SessionSettings.DEFAULTS, Device.CPU);
    double[] expected = new double[3];
    if (aggregation.equals("max")) {
      Arrays.fill(expected, Double.NEGATIVE_INFINITY);
    }
    long tokens = 0;
    for (Encoding window : windows) {
      float[] logits = session.run(new TokenBatch().fill(List.of(window), 0), Set.of("logits")).get("logits").data();
      double[] p = ClassScores.apply(ClassScores.SOFTMAX, logits);
      for (int i = 0; i < 3; i++) {
        expected[i] = aggregation.equals("max") ? Math.max(expected[i], p[i]) : expected[i] + p[i] * window.getIds().length;
      }
      tokens += window.getIds().length;
    }
    List<String> labels = List.of("NEG", "NEU", "POS");
    for (Row scored : row.<Row>getList(row.fieldIndex("scores"))) {
      double want = expected[labels.indexOf(scored.getString(0))] / (aggregation.equals("max") ? 1 : tokens);
      assertEquals(want, scored.getDouble(1), 1e-6, scored.getString(0));
    }
  }

  @Test
  void zeroShotRefusesToChunk() {
    ZeroShotClassifier zeroShot = new ZeroShotClassifier().setModel(TestSpark.fixtureModel("tiny-nli"))
        .setCandidateLabels(new String[] {"a", "b"}).setLongText("chunk");
    SparkScoreException e = assertThrows(SparkScoreException.class, () -> zeroShot.transformSchema(SCHEMA));
    assertEquals(zeroShot.uid() + ": longText 'chunk' is not supported for zero-shot classification; long texts "
        + "are truncated (longText 'truncate')", e.getMessage());
  }

  @Test
  void megabyteDocumentIsScoredInBatchesWithinTheTokenBudget() {
    String document = text(220_000, 13);
    assertTrue(document.length() > 1_000_000, "a 1 MB document: " + document.length());
    Dataset<Row> df = TestSpark.session().createDataFrame(
        List.of(RowFactory.create(1, document), RowFactory.create(2, "and a short one")), SCHEMA).coalesce(1);
    TextEmbedder embedder = new TextEmbedder().setModel(TestSpark.fixtureModel("tiny-bert"))
        .setLongText("chunk").setMaxBatchTokens(2048).setBatchSize(1000);
    ScoringMetrics.Snapshot before = ScoringMetrics.snapshot();
    List<Row> rows = embedder.transform(df).orderBy("id").collectAsList();
    ScoringMetrics.Snapshot work = ScoringMetrics.snapshot().minus(before);

    // Each of the 220,000 words is at least one token: at least 3,548 windows of 62 text tokens.
    long windows = 220_000 / 62;
    assertTrue(work.realTokens() > windows * 64, "every window ran: " + work);
    assertTrue(work.paddedTokens() <= work.batches() * 2048, "no batch exceeds the token budget: " + work);
    assertTrue(work.batches() >= windows * 64 / 2048, "the windows are cut into many batches: " + work);
    float[] embedding = MiniLmReferenceTest.toFloats(rows.get(0).getList(2));
    assertEquals(32, embedding.length);
    for (float v : embedding) {
      assertFalse(Float.isNaN(v) || Float.isInfinite(v));
    }
    assertEquals(32, rows.get(1).getList(2).size());
  }

  @Test
  void commandLineChunksWithAStride() throws IOException {
    Path input = tmp.resolve("docs.jsonl");
    String longText = text(300, 17);
    Files.writeString(input, "{\"id\": 1, \"text\": \"" + longText + "\"}\n{\"id\": 2, \"text\": \"tiny\"}\n");
    Path output = tmp.resolve("out");
    TestSpark.session();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = SparkScoreMain.run(new String[] {"embed", "--input", input.toString(), "--output", output.toString(),
        "--model", TestSpark.fixtureModel("tiny-bert"), "--max-length", "32", "--long-text", "chunk", "--stride", "8"},
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    Row written = TestSpark.session().read().format("delta").load(output.toString()).orderBy("id").first();
    Row direct = new TextEmbedder().setModel(TestSpark.fixtureModel("tiny-bert")).setMaxLength(32)
        .setLongText("chunk").setStride(8)
        .transform(TestSpark.session().createDataFrame(List.of(RowFactory.create(1, longText)), SCHEMA)).first();
    assertArrayEquals(MiniLmReferenceTest.toFloats(direct.getList(2)), MiniLmReferenceTest.toFloats(written.getList(2)));
  }
}
