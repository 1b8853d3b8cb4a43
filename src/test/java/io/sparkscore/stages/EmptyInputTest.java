package io.sparkscore.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.sparkscore.testing.TaskCommands;
import io.sparkscore.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No rows, and partitions with no rows, through every stage and command: an empty input gives an empty
 * output with the stage's schema, and empty partitions beside a full one change nothing.
 */
class EmptyInputTest {
  private static final StructType TEXTS = new StructType()
      .add("id", DataTypes.IntegerType).add("text", DataTypes.StringType)
      .add("question", DataTypes.StringType).add("text_pair", DataTypes.StringType);

  static Stream<Arguments> stages() {
    return Stream.of(
        new TextTokenizer().setModel(TestSpark.fixtureModel("tiny-bert")),
        new TextEmbedder().setModel(TestSpark.fixtureModel("tiny-bert")),
        new TextClassifier().setModel(TestSpark.fixtureModel("tiny-bert-sentiment")),
        new ZeroShotClassifier().setModel(TestSpark.fixtureModel("tiny-nli")).setCandidateLabels("food", "sport"),
        new EmbeddingZeroShotClassifier().setModel(TestSpark.fixtureModel("tiny-bert")).setCandidateLabels("food", "sport"),
        new TokenClassifier().setModel(TestSpark.fixtureModel("tiny-bert-ner")),
        new QuestionAnswerer().setModel(TestSpark.fixtureModel("tiny-bert-qa")).setContextCol("text"),
        new PairClassifier().setModel(TestSpark.fixtureModel("tiny-xlmr-reranker")),
        new MaskFiller().setModel(TestSpark.fixtureModel("tiny-electra-mlm")))
        .map(stage -> Arguments.of(stage.getClass().getSimpleName(), stage));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stages")
  void noRowsGiveNoRowsWithTheStagesSchema(String name, Transformer stage) {
    Dataset<Row> empty = TestSpark.session().createDataFrame(List.of(), TEXTS);
    Dataset<Row> out = stage.transform(empty);
    assertEquals(stage.transformSchema(TEXTS), out.schema());
    assertEquals(0, out.count());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stages")
  void emptyPartitionsBesideAFullOneChangeNothing(String name, Transformer stage) {
    Row row = RowFactory.create(1, "The [MASK] won the match in Paris.", "Who won?", "A team won.");
    Dataset<Row> one = TestSpark.session().createDataFrame(List.of(row), TEXTS);
    Dataset<Row> spread = one.repartition(4);
    assertEquals(4, spread.rdd().getNumPartitions());
    List<Row> alone = stage.transform(one.coalesce(1)).collectAsList();
    List<Row> beside = stage.transform(spread).collectAsList();
    assertEquals(1, beside.size());
    assertEquals(alone, beside);
    Row scored = beside.get(0);
    String firstOutput = stage.transformSchema(TEXTS).fieldNames()[TEXTS.size()];
    assertFalse(scored.isNullAt(scored.fieldIndex(firstOutput)), name + " scored the row: " + scored);
  }

  @ParameterizedTest
  @CsvSource({"tokenize, empty.txt", "embed, empty.jsonl", "embed, empty.csv", "sentiment, empty.txt"})
  void aCommandOnAnEmptyFileWritesAnEmptyTable(String task, String file, @TempDir Path dir) throws IOException {
    // A JSON or CSV file without records has no columns for Spark to infer; it is still an empty input.
    Path input = Files.writeString(dir.resolve(file), "");
    Path output = dir.resolve("out");
    TaskCommands.run(task, "--input", input.toString(), "--output", output.toString(),
        "--model", TestSpark.fixtureModel(task.equals("sentiment") ? "tiny-bert-sentiment" : "tiny-bert"));
    Dataset<Row> written = TestSpark.session().read().format("delta").load(output.toString());
    assertEquals(0, written.count());
    assertEquals(List.of("id", "text"), List.of(written.columns()).subList(0, 2));
  }
}
