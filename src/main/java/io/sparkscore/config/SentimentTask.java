package io.sparkscore.config;

import io.sparkscore.SparkScoreException;
import io.sparkscore.stages.TextClassifier;
import io.sparkscore.training.PipelineExport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import org.apache.spark.ml.Transformer;

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
  public Set<String> options() {
    return StageOptions.union(StageOptions.MODEL, Set.of("top-k", "function", "chunk-aggregation"));
  }

  @Override
  public Transformer stage(CommandLine cli, String textCol) {
    TextClassifier classifier = StageOptions.applyModel(new TextClassifier(), cli, textCol);
    cli.get("model").map(Paths::get).filter(PipelineExport::isPipeline).ifPresent(pipeline -> {
      // A saved pipeline runs as its export: the same graph, scores and output columns as any classifier.
      Path exported = exportedPipeline(pipeline);
      classifier.setModel(exported.toString());
    });
    classifier.setTopK(cli.intValue("top-k", classifier.getTopK()));
    cli.get("function").ifPresent(classifier::setFunctionToApply);
    cli.get("chunk-aggregation").ifPresent(classifier::setChunkAggregation);
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
