package io.sparkscore.stages;

import static io.sparkscore.stages.ClassifierFixtures.collectById;
import static io.sparkscore.stages.ClassifierFixtures.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkscore.model.ModelConfig;
import io.sparkscore.model.ModelLocator;
import io.sparkscore.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Real classifiers from ../shared/models, when it holds any (a directory whose config.json has
 * id2label): NLI models run zero-shot, others run as text classifiers. The known SST-2 DistilBERT
 * must reproduce its model card's published score; {@link MiniLmSst2Test} checks minilm-sst2 row by row.
 */
class SharedClassifierModelsTest {

  @Test
  void realClassifiersScoreLikeTheirPublishedOutputs() throws IOException {
    List<Path> classifiers = sharedClassifiers();
    if (classifiers.isEmpty()) {
      String reason = "no classifier (a model dir whose config.json has id2label) in ../shared/models";
      System.out.println("SKIP realClassifiersScoreLikeTheirPublishedOutputs: " + reason);
      Assumptions.abort(reason);
    }
    for (Path dir : classifiers) {
      ModelConfig config = ModelLocator.locate(dir.toString(), "").config();
      if (ZeroShotClassifier.isNliModel(config)) {
        Row row = new ZeroShotClassifier().setModel(dir.toString())
            .setCandidateLabels("politics", "sports", "cooking")
            .transform(texts("The senate passed the budget bill after a long debate.")).first();
        assertEquals("politics", row.getString(2), dir + " " + row);
      } else {
        List<Row> rows = collectById(new TextClassifier().setModel(dir.toString())
            .transform(texts("I love transformers!", "I hate this movie.")));
        for (Row row : rows) {
          assertTrue(config.labels().contains(row.getString(2)), dir + " " + row);
        }
        if (config.modelType().equals("distilbert") && config.labels().equals(List.of("NEGATIVE", "POSITIVE"))) {
          // Xenova/distilbert-base-uncased-finetuned-sst-2-english README: 'I love transformers!' -> POSITIVE 0.99979
          assertEquals("POSITIVE", rows.get(0).getString(2), dir.toString());
          assertEquals(0.9998, rows.get(0).getDouble(3), 1e-3, dir.toString());
          assertEquals("NEGATIVE", rows.get(1).getString(2), dir.toString());
        }
      }
    }
  }

  private static List<Path> sharedClassifiers() throws IOException {
    Path root = TestSpark.sharedModel(".");
    List<Path> found = new ArrayList<>();
    if (root == null) {
      return found;
    }
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : dirs.sorted().toList()) {
        Path config = dir.resolve("config.json");
        if (Files.isRegularFile(config) && !ModelConfig.read(config).labels().isEmpty()) {
          found.add(dir);
        }
      }
    }
    return found;
  }
}
