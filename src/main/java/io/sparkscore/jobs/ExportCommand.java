package io.sparkscore.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
  private static final ObjectMapper JSON = new ObjectMapper();

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

  /** What the head was trained on and how well it did, from the report train wrote beside the pipeline. */
  private static Map<String, Object> training(JsonNode report) {
    Map<String, Object> training = new LinkedHashMap<>();
    training.put("command", String.join(" ", JSON.convertValue(report.get("command"), String[].class)));
    training.put("input", report.get("input").asText());
    training.put("rows", report.get("rows").asLong());
    training.put("encoder", report.get("encoder").asText());
    training.put("classifier", report.get("classifier").asText() + " (" + report.get("chosen").asText() + ")");
    training.put("evaluation", report.get("evaluation").asText());
    training.put("evaluatedRows", report.at("/metrics/rows").asLong());
    training.put("accuracy", report.at("/metrics/accuracy").asDouble());
    training.put("macroF1", report.at("/metrics/macroF1").asDouble());
    training.put("trained", report.get("started").asText());
    return training;
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
      Path report = Paths.get(pipeline, "metrics.json");
      if (Files.isRegularFile(report)) {
        provenance.put("training", training(JSON.readTree(report.toFile())));
      }
      PipelineExport.export(PipelineModel.load(pipeline), output, provenance);
    } catch (IOException e) {
      throw SparkScoreException.user(e, "%s: cannot write %s: %s", NAME, output, e.getMessage());
    }
  }
}
