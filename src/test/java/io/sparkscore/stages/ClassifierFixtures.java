package io.sparkscore.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkscore.testing.TestSpark;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Texts as DataFrames and the save/load checks the classifier tests share. */
final class ClassifierFixtures {
  static final StructType TEXTS = new StructType().add("id", DataTypes.LongType).add("text", DataTypes.StringType);
  static final double TOLERANCE = 1e-4;

  private ClassifierFixtures() {}

  /** Rows (id = position, text), the texts given, in order; null stays null. */
  static Dataset<Row> texts(String... texts) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      rows.add(RowFactory.create((long) i, texts[i]));
    }
    return TestSpark.session().createDataFrame(rows, TEXTS);
  }

  static List<Row> collectById(Dataset<Row> scored) {
    return scored.orderBy("id").collectAsList();
  }

  /**
   * Saves {@code stage} (a second save without overwrite fails), loads it back through its static
   * {@code load}, then inside a fitted {@code PipelineModel}; each copy must keep uid and params and
   * score {@code data} exactly as the original.
   */
  static void assertRoundTrips(Transformer stage, Dataset<Row> data, Path dir) throws Exception {
    List<Row> expected = collectById(stage.transform(data));
    String path = dir.resolve("stage").toString();
    ((MLWritable) stage).write().save(path);
    assertThrows(IOException.class, () -> ((MLWritable) stage).write().save(path));
    Transformer loaded;
    try {
      loaded = (Transformer) stage.getClass().getMethod("load", String.class).invoke(null, path);
    } catch (InvocationTargetException e) {
      throw (Exception) e.getCause();
    }
    assertEquals(stage.uid(), loaded.uid());
    for (Param<?> param : stage.params()) {
      Object want = stage.getOrDefault(param);
      Object got = loaded.getOrDefault(loaded.getParam(param.name()));
      assertTrue(Objects.deepEquals(want, got), param.name() + ": " + want + " became " + got);
      assertEquals(stage.isSet(param), loaded.isSet(loaded.getParam(param.name())), param.name() + " set");
    }
    assertEquals(expected, collectById(loaded.transform(data)));

    PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {stage}).fit(data);
    String pipelinePath = dir.resolve("pipeline").toString();
    fitted.write().save(pipelinePath);
    PipelineModel reloaded = PipelineModel.load(pipelinePath);
    assertEquals(stage.uid(), reloaded.stages()[0].uid());
    assertEquals(expected, collectById(reloaded.transform(data)));
  }
}
