package io.sparkscore.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkscore.SparkScoreException;
import io.sparkscore.testing.Reference;
import io.sparkscore.testing.TestSpark;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Session and batching knobs change speed, never results: every setting reproduces PyTorch's
 * embeddings of the tiny BERT fixture.
 */
class SessionTuningTest {

  @Test
  void everySessionSettingGivesTheReferenceEmbeddings() {
    List<JsonNode> cases = Reference.of("tiny-bert").section("embeddings");
    List<TextEmbedder> settings = List.of(
        embedder().setMemoryPattern(false).setCpuArena(false),
        embedder().setOptimization("none").setIntraOpThreads(2),
        embedder().setOptimization("basic").setSortByLength(false).setMaxBatchTokens(8),
        embedder().setBatchSize(1).setMemoryPattern(true).setCpuArena(true));
    for (TextEmbedder embedder : settings) {
      List<Row> rows = embedder.transform(EmbeddingFixtureTest.referenceTexts(cases)).collectAsList();
      assertEquals(cases.size() + 1, rows.size(), "every reference text and the null one");
      for (Row row : rows) {
        int id = row.getInt(0);
        if (id < 0) {
          continue;
        }
        float[] expected = Reference.floats(cases.get(id).path("mean"));
        float[] actual = MiniLmReferenceTest.toFloats(row.getList(2));
        assertEquals(expected.length, actual.length);
        for (int d = 0; d < expected.length; d++) {
          assertEquals(expected[d], actual[d], 1e-4, embedder.explainParams() + "\ntext " + id + " dim " + d);
        }
      }
    }
  }

  @Test
  void defaultsKeepTheArenaAndLeaveThreadsToTheTask() {
    TextEmbedder embedder = new TextEmbedder();
    assertTrue(embedder.getCpuArena());
    assertEquals(0, embedder.getIntraOpThreads());
    assertEquals("all", embedder.getOptimization());
    assertTrue(embedder.explainParams().contains("memoryPattern"), embedder.explainParams());
  }

  @Test
  void badTuningValuesFailAtTheSetter() {
    assertThrows(IllegalArgumentException.class, () -> new TextEmbedder().setIntraOpThreads(-1));
    assertThrows(SparkScoreException.class, () -> new TextEmbedder().setOptimization("fastest"));
  }

  private static TextEmbedder embedder() {
    return new TextEmbedder().setModel(TestSpark.fixtureModel("tiny-bert")).setPooling("mean").setNormalize(false);
  }
}
