package io.sparkscore.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkscore.spark.DuplicateRows;
import io.sparkscore.runtime.ScoringMetrics;
import io.sparkscore.testing.TestSpark;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Duplicate texts within a scoring window run once: the outputs equal those without dedupe, the
 * model computes fewer tokens, and the served rows are counted per partition (a repeat in another
 * partition is another window's, so it is scored there).
 */
class DedupeTest {
  private static final StructType SCHEMA =
      new StructType().add("id", DataTypes.IntegerType).add("text", DataTypes.StringType);
  /**
   * Two partitions of four rows each. The first: a repeat, a repeat the uncased tokenizer normalises
   * to the same tokens, and a null. The second: one text from the first partition, twice.
   */
  private static final List<String> TEXTS = Arrays.asList(
      "a good film", "a good film", "A Good  Film", null,
      "a bad film", "a good film", "the end", "a good film");
  private static final long DUPLICATES = 3;

  private static Dataset<Row> texts() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < TEXTS.size(); i++) {
      rows.add(RowFactory.create(i, TEXTS.get(i)));
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(TestSpark.session().sparkContext());
    return TestSpark.session().createDataFrame(jsc.parallelize(rows, 2), SCHEMA);
  }

  private record Run(List<Row> rows, long duplicates, long realTokens) {}

  private static Run run(ModelStage<?> stage) {
    long before = DuplicateRows.driverTotal();
    ScoringMetrics.Snapshot tokens = ScoringMetrics.snapshot();
    // Sorted here, not by Spark: a sort's sampling job would score every partition twice.
    List<Row> rows = new ArrayList<>(stage.transform(texts()).collectAsList());
    rows.sort(Comparator.comparingInt(r -> r.getInt(0)));
    return new Run(rows, DuplicateRows.driverTotal() - before, ScoringMetrics.snapshot().minus(tokens).realTokens());
  }

  private static void assertSameOutputs(ModelStage<?> stage) {
    assertTrue(stage.getDedupe(), "dedupe is on by default");
    Run on = run(stage);
    Run off = run(stage.setDedupe(false));
    assertEquals(off.rows(), on.rows(), "outputs do not depend on dedupe");
    assertEquals(DUPLICATES, on.duplicates(), "rows served from the window");
    assertEquals(0, off.duplicates());
    assertTrue(on.realTokens() < off.realTokens(),
        "the model computes fewer tokens: " + on.realTokens() + " vs " + off.realTokens());
  }

  @Test
  void embeddingsEqualThoseWithoutDedupe() {
    assertSameOutputs(new TextEmbedder().setModel(TestSpark.fixtureModel("tiny-bert")).setStatusCol("status"));
  }

  @Test
  void chunkedEmbeddingsEqualThoseWithoutDedupe() {
    assertSameOutputs(new TextEmbedder().setModel(TestSpark.fixtureModel("tiny-bert"))
        .setMaxLength(4).setLongText(LongText.CHUNK).setStatusCol("status"));
  }

  @Test
  void classifierScoresEqualThoseWithoutDedupe() {
    assertSameOutputs(new TextClassifier().setModel(TestSpark.fixtureModel("tiny-bert-sentiment")).setTopK(2));
  }

  @Test
  void zeroShotPairsEqualThoseWithoutDedupe() {
    assertSameOutputs(new ZeroShotClassifier().setModel(TestSpark.fixtureModel("tiny-nli"))
        .setCandidateLabels("cinema", "sport"));
  }
}
