package io.sparkscore.stages;

import static io.sparkscore.stages.ClassifierFixtures.TOLERANCE;
import static io.sparkscore.stages.ClassifierFixtures.collectById;
import static io.sparkscore.stages.ClassifierFixtures.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkscore.SparkScoreException;
import io.sparkscore.testing.Reference;
import io.sparkscore.testing.TestSpark;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MaskFiller against Hugging Face's fill-mask pipeline for every architecture's masked-LM head: one
 * and two masks, top_k, targets (a word that is no token, an empty one), emoji and accents, and a text
 * without a mask, which the pipeline refuses.
 */
class MaskFillerTest {
  private static final String XLMR = TestSpark.fixtureModel("tiny-xlmr-mlm");

  @ParameterizedTest
  @ValueSource(strings = {"tiny-xlmr-mlm", "tiny-deberta-v3-mlm", "tiny-modernbert-mlm", "tiny-mpnet-mlm",
      "tiny-electra-mlm"})
  void reproducesTheFillMaskPipeline(String fixture) {
    double worst = 0;
    for (JsonNode expected : Reference.of(fixture).section("fill_mask")) {
      MaskFiller filler = new MaskFiller().setModel(TestSpark.fixtureModel(fixture)).setStatusCol("status")
          .setTopK(expected.path("top_k").asInt());
      if (expected.path("targets").isArray()) {
        filler.setTargets(Reference.strings(expected.path("targets")).toArray(new String[0]));
      }
      Row row = filler.transform(texts(expected.path("text").asText())).first();
      String where = fixture + " on '" + expected.path("text").asText() + "'";
      if (expected.has("error")) {
        assertNull(row.get(2), where);
        assertEquals(RowStatus.NO_MASK, row.getString(3), where);
        continue;
      }
      assertEquals("ok", row.getString(3), where);
      List<Object> masks = row.getList(2);
      assertEquals(expected.path("fills").size(), masks.size(), where);
      for (int m = 0; m < masks.size(); m++) {
        List<Row> fills = scala.collection.JavaConverters.seqAsJavaList((scala.collection.Seq<Row>) masks.get(m));
        JsonNode want = expected.path("fills").get(m);
        assertEquals(want.size(), fills.size(), where);
        for (int k = 0; k < fills.size(); k++) {
          JsonNode fill = want.get(k);
          Row got = fills.get(k);
          String at = where + " mask " + m + " rank " + k;
          assertEquals(fill.path("token").asInt(), got.getInt(1), at);
          assertEquals(fill.path("token_str").asText(), got.getString(2), at);
          assertEquals(fill.path("sequence").asText(), got.getString(3), at);
          worst = Math.max(worst, Math.abs(fill.path("score").asDouble() - got.getDouble(0)));
        }
      }
    }
    System.out.printf("MaskFiller %s: largest score difference against HF %.2e%n", fixture, worst);
    assertTrue(worst < TOLERANCE, fixture + " differs by " + worst);
  }

  @Test
  void nullAndEmptyTextGiveNullsWithAStatus() {
    List<Row> rows = collectById(new MaskFiller().setModel(XLMR).setStatusCol("status")
        .transform(texts(null, "", "   ", "No mask here.", "A <mask> here.")));
    assertEquals(List.of("null_text", "empty_text", "empty_text", "no_mask", "ok"),
        rows.stream().map(r -> r.getString(3)).toList());
    for (Row row : rows.subList(0, 4)) {
      assertNull(row.get(2));
    }
    assertEquals(5, ((scala.collection.Seq<?>) rows.get(4).getList(2).get(0)).size());
    List<Row> plain = collectById(new MaskFiller().setModel(XLMR).transform(texts("No mask here.", null)));
    assertNull(plain.get(0).get(2), "without a status column a text without a mask still gives null");
  }

  @Test
  void aModelWithoutAMaskedLmHeadIsRefusedOnTheDriver() {
    Dataset<Row> df = texts("A <mask> here.");
    for (String fixture : List.of("tiny-xlmr", "tiny-xlmr-cls")) {
      String message = assertThrows(SparkScoreException.class,
          () -> new MaskFiller().setModel(TestSpark.fixtureModel(fixture)).transform(df)).getMessage();
      assertTrue(message.contains("has no masked-LM head: fill-mask needs a logits output of shape (batch, "
          + "sequence, vocabulary)"), message);
    }
  }

  @Test
  void targetsThatAreNoTokensAreRefused() {
    String message = assertThrows(SparkScoreException.class,
        () -> new MaskFiller().setModel(XLMR).setTargets("", " ").transform(texts("A <mask> here."))).getMessage();
    assertTrue(message.contains("none of the targets [,  ] is a token of model"), message);
    String schema = assertThrows(SparkScoreException.class,
        () -> new MaskFiller().setLongText("chunk").transformSchema(texts("x").schema())).getMessage();
    assertTrue(schema.contains("longText 'chunk' is not supported for fill-mask"), schema);
    assertThrows(IllegalArgumentException.class, () -> new MaskFiller().setTopK(0));
  }

  @Test
  void savesAndLoadsAloneAndInAPipeline(@TempDir Path dir) throws Exception {
    MaskFiller stage = new MaskFiller().setModel(TestSpark.fixtureModel("tiny-electra-mlm")).setTopK(2)
        .setTargets("the", "film", "movie").setStatusCol("status");
    ClassifierFixtures.assertRoundTrips(stage, texts("The [MASK] was good.", null, "", "[MASK] [MASK]."), dir);
  }
}
