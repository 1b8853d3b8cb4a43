package io.sparkscore.cli;

import io.sparkscore.config.CommandLine;
import io.sparkscore.training.PipelineExport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;

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
    Sessions.session("sparkscore " + NAME);
    PipelineExport.exportSaved(pipeline, output);
    out.printf("export: %s -> %s (onnx/model.onnx, config.json, tokenizer)%n", pipeline, output);
  }
}
