package io.sparkscore.config;

import io.sparkscore.SparkScoreException;
import io.sparkscore.stages.TextClassifier;
import io.sparkscore.training.PipelineExport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.Params;

/** {@code sentiment}: label, score and every label's score from a sequence-classification model. */
final class SentimentTask implements Task {
  @Override
  public String name() {
    return "sentiment";
  }

  @Override
  public String summary() {
    return "label, score and all label scores from a sequence-classification model (default: English SST-2 MiniLM)";
  }

  @Override
  public List<Params> stageKinds() {
    return List.of(new TextClassifier());
  }

  @Override
  public Transformer stage(TaskOptions options, String textCol) {
    TextClassifier classifier = options.applyTo(new TextClassifier().setInputCol(textCol));
    options.get("model").map(model -> Paths.get((String) model)).filter(PipelineExport::isPipeline).ifPresent(pipeline -> {
      // A saved pipeline runs as its export: the same graph, scores and output columns as any classifier.
      classifier.setModel(exportedPipeline(pipeline).toString());
    });
    return classifier;
  }

  /** Exports on the driver into a fresh local directory: executors of a cluster need the export on shared storage. */
  private static Path exportedPipeline(Path pipeline) {
    try {
      Path dir = Files.createTempDirectory("sparkscore-pipeline-");
      dir.toFile().deleteOnExit();
      PipelineExport.exportSaved(pipeline.toString(), dir);
      return dir;
    } catch (IOException e) {
      throw SparkScoreException.user(e, "sentiment: cannot export the pipeline %s: %s", pipeline, e.getMessage());
    }
  }
}
