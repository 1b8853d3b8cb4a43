package io.sparkscore.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sparkscore.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.param.ParamPair;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Save/load round trips, alone and inside a PipelineModel, as Spark's DefaultReadWriteTest does. */
class StagePersistenceTest {
  @TempDir Path dir;

  @Test
  void textTokenizerRoundTrip() throws IOException {
    TextTokenizer stage = new TextTokenizer().setModel(TestSpark.fixtureModel("tiny-roberta"))
        .setMaxLength(16).setTypeIdsCol("types").setAddSpecialTokens(false);
    assertRoundTrip(stage, TextTokenizer.load(save(stage)));
  }

  @Test
  void textEmbedderRoundTrip() throws IOException {
    TextEmbedder stage = new TextEmbedder().setModel(TestSpark.fixtureModel("tiny-bert"))
        .setPooling("cls").setNormalize(true).setBatchSize(7).setDevice("cpu").setModelVariant("quantized");
    assertRoundTrip(stage, TextEmbedder.load(save(stage)));
  }

  @Test
  void tokenDecoderRoundTrip() throws IOException {
    TokenDecoder stage = new TokenDecoder().setModel(TestSpark.fixtureModel("tiny-bert")).setSkipSpecialTokens(false);
    assertRoundTrip(stage, TokenDecoder.load(save(stage)));
  }

  @Test
  void pipelineModelRoundTripGivesTheSameOutput() throws IOException {
    String model = TestSpark.fixtureModel("tiny-bert");
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
        new TextTokenizer().setModel(model),
        new TokenDecoder().setModel(model),
        new TextEmbedder().setModel(model)});
    Dataset<Row> df = TestSpark.session().createDataFrame(
        List.of(RowFactory.create("A soccer game."), RowFactory.create((String) null)),
        new StructType().add("text", DataTypes.StringType));
    PipelineModel fitted = pipeline.fit(df);
    Path path = dir.resolve("pipeline");
    fitted.save(path.toString());
    PipelineModel loaded = PipelineModel.load(path.toString());
    assertEquals(fitted.transform(df).collectAsList(), loaded.transform(df).collectAsList());
    assertEquals("a soccer game.", loaded.transform(df).first().getAs("decoded"));
  }

  private String save(DefaultParamsWritable stage) throws IOException {
    String path = dir.resolve(((Identifiable) stage).uid()).toString();
    stage.save(path);
    assertThrows(IOException.class, () -> stage.save(path), "a second save without overwrite() fails");
    stage.write().overwrite().save(path);
    assertEquals(true, Files.isDirectory(Path.of(path)));
    return path;
  }

  private static void assertRoundTrip(Params saved, Params loaded) {
    assertEquals(saved.uid(), loaded.uid());
    assertEquals(saved.getClass(), loaded.getClass());
    for (var param : saved.params()) {
      assertEquals(saved.isDefined(param), loaded.isDefined(param), param.name());
      if (saved.isDefined(param)) {
        assertEquals(String.valueOf(saved.getOrDefault(param)), String.valueOf(loaded.getOrDefault(loaded.getParam(param.name()))),
            param.name());
      }
    }
    scala.collection.Iterator<ParamPair<?>> it = saved.extractParamMap().toSeq().iterator();
    while (it.hasNext()) {
      ParamPair<?> pair = it.next();
      assertEquals(pair.value().toString(), loaded.getOrDefault(loaded.getParam(pair.param().name())).toString());
    }
  }
}
