package io.sparkscore.jobs;

import io.sparkscore.SparkScoreException;
import io.sparkscore.training.PipelineExport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.PipelineModel;

/**
 * {@code sparkscore export --pipeline DIR --output HF_DIR}: a pipeline {@code train} saved → a
 * Hugging Face style sequence-classification directory ({@link PipelineExport}).
 */
final class ExportCommand {
  static final String NAME = "export";

  private ExportCommand() {}

  static String usage() {
    return String.format("  %-10s %s%n", NAME,
        "--pipeline DIR --output HF_DIR: a trained pipeline as one ONNX classifier graph + config.json + tokenizer");
  }

  static void run(String[] args, PrintStream out) {
    CommandLine cli = CommandLine.parse(NAME, args, Set.of("pipeline", "output"), Set.of());
    String pipeline = cli.require("pipeline");
    Path output = Paths.get(cli.require("output"));
    export(pipeline, output);
    out.printf("export: %s -> %s (onnx/model.onnx, config.json, tokenizer)%n", pipeline, output);
  }

  /** Exports the pipeline saved in {@code pipeline} into {@code output}, which must not hold files yet. */
  static void export(String pipeline, Path output) {
    SparkScoreMain.session("sparkscore " + NAME);
    try {
      if (Files.isDirectory(output) && Files.list(output).findAny().isPresent()) {
        throw SparkScoreException.user("%s: the output directory %s is not empty", NAME, output);
      }
      Map<String, Object> provenance = new LinkedHashMap<>();
      provenance.put("pipeline", pipeline);
      PipelineExport.export(PipelineModel.load(pipeline), output, provenance);
    } catch (IOException e) {
      throw SparkScoreException.user(e, "%s: cannot write %s: %s", NAME, output, e.getMessage());
    }
  }
}
