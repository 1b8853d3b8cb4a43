package io.sparkscore.stages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkscore.testing.ModelCopies;
import io.sparkscore.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of odd text gets a value or a row status, and none of it fails the job. */
class HostileInputTest {
  private static final StructType SCHEMA =
      new StructType().add("id", DataTypes.StringType).add("text", DataTypes.StringType);
  private static final String TEN_MB_LINE = LongTextTest.text(2_000_000, 23);
  /** Each case: its text, then the status it must get. */
  private static final Map<String, String[]> CASES = new LinkedHashMap<>();

  static {
    CASES.put("null", new String[] {null, RowStatus.NULL_TEXT});
    CASES.put("empty", new String[] {"", RowStatus.EMPTY_TEXT});
    CASES.put("whitespace", new String[] {" \t\n\r\u00a0\u2003 ", RowStatus.EMPTY_TEXT});
    CASES.put("controls only", new String[] {"\u0000\u0001\u0007\u007f", RowStatus.EMPTY_TEXT});
    CASES.put("controls in text", new String[] {"\u0000the\u0007 film\u001b", RowStatus.OK});
    CASES.put("lone surrogates", new String[] {"the \ud800 film \udc00", RowStatus.OK});
    CASES.put("emoji", new String[] {"the film 😀👍🏽👨‍👩‍👧 🇯🇵", RowStatus.OK});
    CASES.put("right to left", new String[] {"הסרט היה נהדר مرحبا بالعالم", RowStatus.OK});
    CASES.put("mixed scripts", new String[] {"the film 日本語 Русский ελληνικά ‏עברית‎ 42", RowStatus.OK});
    CASES.put("zero width and bom", new String[] {"\ufeffthe\u200b film\u200d", RowStatus.OK});
    CASES.put("replacement character", new String[] {"\ufffd\ufffd", RowStatus.EMPTY_TEXT});
    CASES.put("10 MB line", new String[] {TEN_MB_LINE, RowStatus.TRUNCATED});
  }

  @TempDir static Path tmp;
  private static Map<String, Row> embedded;

  @BeforeAll
  static void embedEveryCase() {
    List<Row> rows = new ArrayList<>();
    CASES.forEach((name, c) -> rows.add(RowFactory.create(name, c[0])));
    // The same texts again in a second partition: a row's outcome must not depend on its neighbours.
    CASES.forEach((name, c) -> rows.add(RowFactory.create(name + " again", c[0])));
    Dataset<Row> df = TestSpark.session().createDataFrame(rows, SCHEMA).repartition(2);
    TextEmbedder embedder = new TextEmbedder().setModel(TestSpark.fixtureModel("tiny-bert")).setStatusCol("status");
    embedded = new LinkedHashMap<>();
    for (Row row : embedder.transform(df).collectAsList()) {
      embedded.put(row.getString(0), row);
    }
  }

  private static float[] embedding(String name) {
    Row row = embedded.get(name);
    return row.isNullAt(2) ? null : MiniLmReferenceTest.toFloats(row.getList(2));
  }

  private static float[] embed(String text) {
    Dataset<Row> df = TestSpark.session().createDataFrame(List.of(RowFactory.create("x", text)), SCHEMA);
    return MiniLmReferenceTest.toFloats(
        new TextEmbedder().setModel(TestSpark.fixtureModel("tiny-bert")).transform(df).first().getList(2));
  }

  @Test
  void everyCaseGetsItsStatusAndNoRowIsLost() {
    assertEquals(2 * CASES.size(), embedded.size());
    CASES.forEach((name, c) -> {
      assertEquals(c[1], embedded.get(name).getString(3), name);
      assertEquals(c[1], embedded.get(name + " again").getString(3), name + " again");
      if (c[0] == null) {
        assertNull(embedding(name), "null text gives a null embedding");
      } else {
        assertEquals(32, embedding(name).length, name);
        assertArrayEquals(embedding(name), embedding(name + " again"), name);
      }
    });
  }

  @Test
  void textsWithNothingLeftAreEmbeddedAsTheEmptyTextIs() {
    for (String name : List.of("whitespace", "controls only", "replacement character")) {
      assertArrayEquals(embedding("empty"), embedding(name), name);
    }
    assertArrayEquals(embed("the film"), embedding("controls in text"), "BERT's normaliser drops control characters");
    assertArrayEquals(embed("the film"), embedding("zero width and bom"));
  }

  @Test
  void loneSurrogatesReachTheModelAsSparkStoresThem() {
    Row row = embedded.get("lone surrogates");
    assertEquals("the ? film ?", row.getString(1), "Spark's UTF-8 strings hold '?' for a lone surrogate");
    assertArrayEquals(embed("the ? film ?"), embedding("lone surrogates"));
  }

  @Test
  void aTenMegabyteLineIsTruncatedToItsFirstWindow() {
    assertEquals(10_000_000, TEN_MB_LINE.length(), 1_000_000);
    assertArrayEquals(embed(TEN_MB_LINE.substring(0, 2_000)), embedding("10 MB line"),
        "only the first 64 tokens count, as in Hugging Face");
  }

  /** A fixture with an added token whose id is past the embedding table: texts holding it are refused by ONNX Runtime. */
  private static Path modelWithBrokenToken(String fixture, int vocabulary) throws IOException {
    Path target = tmp.resolve(fixture + "-broken-token");
    if (Files.isDirectory(target)) {
      return target;
    }
    ModelCopies.fixture(fixture, target);
    ObjectMapper json = new ObjectMapper();
    ObjectNode tokenizer = (ObjectNode) json.readTree(target.resolve("tokenizer.json").toFile());
    tokenizer.withArray("added_tokens").addObject().put("id", vocabulary).put("content", "[NEW]").put("single_word", false)
        .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", false);
    json.writeValue(target.resolve("tokenizer.json").toFile(), tokenizer);
    return target;
  }

  @Test
  void aRowTheModelRefusesGetsAnErrorStatusAndTheOthersAreScored() throws IOException {
    String model = modelWithBrokenToken("tiny-bert", 1500).toString();
    Dataset<Row> df = TestSpark.session().createDataFrame(List.of(
        RowFactory.create("a", "the film"), RowFactory.create("b", "the [NEW] film"),
        RowFactory.create("c", "was a delight"), RowFactory.create("d", null)), SCHEMA).coalesce(1);
    List<Row> rows = new TextEmbedder().setModel(model).setStatusCol("status").setBatchSize(8)
        .transform(df).orderBy("id").collectAsList();
    assertEquals(List.of("ok", "error", "ok", "null_text"),
        rows.stream().map(r -> RowStatus.kind(r.getString(3))).toList());
    assertTrue(rows.get(1).getString(3).contains("indices element out of data bounds, idx=1500"), rows.get(1).getString(3));
    assertNull(rows.get(1).get(2));
    assertArrayEquals(embed("the film"), MiniLmReferenceTest.toFloats(rows.get(0).getList(2)),
        "the rows batched with the refused one are scored as usual");

    SparkException failure = assertThrows(SparkException.class,
        () -> new TextEmbedder().setModel(model).transform(df).collectAsList());
    assertTrue(failure.getMessage().contains("indices element out of data bounds"),
        "without a status column the refused row fails the job, with the reason");
  }

  @Test
  void refusedRowsOfClassifiersGetNullsAndTheOthersTheirLabels() throws IOException {
    Dataset<Row> df = TestSpark.session().createDataFrame(List.of(
        RowFactory.create("a", "the film"), RowFactory.create("b", "the [NEW] film"),
        RowFactory.create("c", TEN_MB_LINE), RowFactory.create("d", "")), SCHEMA).coalesce(1);
    String sentiment = modelWithBrokenToken("tiny-bert-sentiment", 1500).toString();
    List<Row> classified = new TextClassifier().setModel(sentiment).setStatusCol("status")
        .transform(df).orderBy("id").collectAsList();
    assertEquals(List.of("ok", "error", "truncated", "empty_text"),
        classified.stream().map(r -> RowStatus.kind(r.getAs("status"))).toList());
    assertNull(classified.get(1).getAs("label"));
    assertTrue(classified.get(0).<String>getAs("label").matches("NEG|NEU|POS"));

    String nli = modelWithBrokenToken("tiny-nli", 2000).toString();
    List<Row> zeroShot = new ZeroShotClassifier().setModel(nli).setCandidateLabels(new String[] {"film", "food"})
        .setStatusCol("status").transform(df).orderBy("id").collectAsList();
    assertEquals(List.of("ok", "error", "truncated", "empty_text"),
        zeroShot.stream().map(r -> RowStatus.kind(r.getAs("status"))).toList());
    assertNull(zeroShot.get(1).getAs("labels"));
    assertEquals(2, zeroShot.get(0).getList(zeroShot.get(0).fieldIndex("labels")).size());

    // The refused row carries the labels' hypotheses to embed; the rows after it still find them.
    List<Row> similar = new EmbeddingZeroShotClassifier().setModel(modelWithBrokenToken("tiny-bert", 1500).toString())
        .setCandidateLabels(new String[] {"film", "food"}).setStatusCol("status")
        .transform(df.where("id <> 'a'").orderBy("id").coalesce(1)).collectAsList();
    assertEquals(List.of("error", "truncated", "empty_text"),
        similar.stream().map(r -> RowStatus.kind(r.getAs("status"))).toList());
    assertEquals(2, similar.get(1).getList(similar.get(1).fieldIndex("labels")).size());
  }

  @Test
  void tokenizerStatusSaysWhatTruncationDid() {
    Dataset<Row> df = TestSpark.session().createDataFrame(List.of(
        RowFactory.create("a", "short"), RowFactory.create("b", LongTextTest.text(200, 1)),
        RowFactory.create("c", null), RowFactory.create("d", " ")), SCHEMA);
    List<Row> rows = new TextTokenizer().setModel(TestSpark.fixtureModel("tiny-roberta")).setStatusCol("why")
        .transform(df).orderBy("id").collectAsList();
    assertEquals(List.of("ok", "truncated", "null_text", "empty_text"),
        rows.stream().map(r -> r.<String>getAs("why")).toList());
    assertEquals(64, rows.get(1).getList(2).size());
  }
}
