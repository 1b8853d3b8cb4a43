package io.sparkscore.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkscore.compat.ScalaSeqs;
import io.sparkscore.testing.Reference;
import io.sparkscore.testing.TestSpark;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** TextTokenizer and TokenDecoder against Hugging Face's tokenizer outputs for every fixture model. */
class TokenizationFixtureTest {
  private static final StructType SCHEMA = new StructType()
      .add("id", DataTypes.IntegerType)
      .add("text", DataTypes.StringType)
      .add("pair", DataTypes.StringType);

  @ParameterizedTest
  @ValueSource(strings = {"tiny-bert", "tiny-roberta", "tiny-bert-sentiment", "tiny-distilbert-sentiment",
      "tiny-roberta-sentiment", "tiny-bert-multilabel", "tiny-nli", "tiny-xlmr", "tiny-deberta-v3", "tiny-modernbert",
      "tiny-mpnet", "tiny-electra"})
  void idsTokensMasksOffsetsAndDecodingMatchTransformers(String fixture) {
    List<JsonNode> cases = Reference.of(fixture).section("tokenization");
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      JsonNode c = cases.get(i);
      rows.add(RowFactory.create(i, c.path("text").asText(), c.path("text_pair").isNull() ? null : c.path("text_pair").asText()));
    }
    Dataset<Row> df = TestSpark.session().createDataFrame(rows, SCHEMA);
    String model = TestSpark.fixtureModel(fixture);
    Dataset<Row> singles = df.filter("pair is null");
    Dataset<Row> pairs = df.filter("pair is not null");
    List<Row> out = new ArrayList<>();
    out.addAll(tokenizer(model).transform(singles).collectAsList());
    out.addAll(tokenizer(model).setPairCol("pair").transform(pairs).collectAsList());
    assertEquals(cases.size(), out.size());
    for (Row row : out) {
      JsonNode expected = cases.get(row.getInt(0));
      String label = fixture + " case " + row.getInt(0) + " " + Arrays.toString(new String[] {row.getString(1)});
      assertEquals(Reference.strings(expected.path("tokens")), row.getList(row.fieldIndex("tokens")), label);
      assertEquals(intList(expected.path("input_ids")), row.getList(row.fieldIndex("input_ids")), label);
      assertEquals(intList(expected.path("attention_mask")), row.getList(row.fieldIndex("attention_mask")), label);
      assertEquals(intList(expected.path("token_type_ids")), row.getList(row.fieldIndex("token_type_ids")), label);
      List<List<Integer>> offsets = new ArrayList<>();
      expected.path("offsets").forEach(o -> offsets.add(List.of(o.get(0).asInt(), o.get(1).asInt())));
      List<List<Object>> actualOffsets = new ArrayList<>();
      for (Object o : row.getList(row.fieldIndex("offsets"))) {
        actualOffsets.add(new ArrayList<>(ScalaSeqs.toJava((scala.collection.Seq<?>) o)));
      }
      assertEquals(offsets.toString(), actualOffsets.toString(), label);
    }

    Dataset<Row> decoded = new TokenDecoder().setModel(model).transform(
        new TokenDecoder().setModel(model).setSkipSpecialTokens(false).setOutputCol("with_special")
            .transform(tokenizer(model).transform(singles).unionByName(
                tokenizer(model).setPairCol("pair").transform(pairs))));
    for (Row row : decoded.collectAsList()) {
      JsonNode expected = cases.get(row.getInt(0));
      assertEquals(expected.path("decoded").asText(), row.getString(row.fieldIndex("decoded")), fixture + " decode");
      assertEquals(expected.path("decoded_with_special").asText(), row.getString(row.fieldIndex("with_special")),
          fixture + " decode with special tokens");
    }
  }

  private static TextTokenizer tokenizer(String model) {
    return new TextTokenizer().setModel(model).setTypeIdsCol("token_type_ids").setOffsetsCol("offsets");
  }

  private static List<Integer> intList(JsonNode array) {
    return Arrays.stream(Reference.ints(array)).boxed().toList();
  }
}
