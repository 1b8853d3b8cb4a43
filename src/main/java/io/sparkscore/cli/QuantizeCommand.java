package io.sparkscore.cli;

import io.sparkscore.SparkScoreException;
import io.sparkscore.config.CommandLine;
import io.sparkscore.io.InputSource;
import io.sparkscore.model.ModelDirectory;
import io.sparkscore.model.ModelLocator;
import io.sparkscore.run.QuantizationReport;
import io.sparkscore.runtime.PythonEnv;
import io.sparkscore.runtime.Quantizer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * {@code sparkscore quantize --model M [--calibration FILE] --output DIR}: an int8 model directory
 * ({@link Quantizer}) whose outputs do not depend on the batch, and its agreement with fp32 on the
 * calibration sample ({@link QuantizationReport}, also written into DIR). Exit status 0 when every
 * agreement target is met, 1 when one is not (the directory is written either way).
 */
final class QuantizeCommand {
  static final String NAME = "quantize";
  static final int DEFAULT_LIMIT = 200;
  private static final Set<String> OPTIONS = Set.of(
      "model", "model-variant", "calibration", "input-format", "text-col", "limit", "method", "output");

  private QuantizeCommand() {}

  static String usage() {
    return String.format("  %-10s %s%n", NAME,
        "--model M [--calibration FILE] [--method dynamic|static] --output DIR: int8 model dir (dynamic, unsigned "
            + "per-channel weights by default; --model-variant quantized runs it) and its agreement with fp32");
  }

  static int run(String[] args, PrintStream out) {
    CommandLine cli = CommandLine.parse(NAME, args, OPTIONS, Set.of());
    String model = cli.require("model");
    Path output = Paths.get(cli.require("output")).toAbsolutePath();
    Quantizer.Method method = Quantizer.Method.parse(cli.get("method", "dynamic"));
    int limit = cli.intValue("limit", DEFAULT_LIMIT);
    if (limit <= 0) {
      throw SparkScoreException.user("quantize: --limit must be > 0, got %d", limit);
    }
    Path root = Paths.get(System.getProperty("sparkscore.root", ".")).toAbsolutePath().normalize();
    String calibration = cli.get("calibration").orElseGet(() -> defaultCalibration(root));
    ModelDirectory source = ModelLocator.locate(model, cli.get("model-variant", ""));
    SparkSession spark = Sessions.session("sparkscore " + NAME);
    String textCol = cli.get("text-col", "text");
    List<String> texts = InputSource.of(calibration, cli.get("input-format").orElse(null))
        .read(spark, textCol, "id", false)
        .select(textCol).na().drop().limit(limit).collectAsList().stream().map(row -> row.getString(0)).toList();
    out.printf("quantize: %s (%s) -> %s, %s scales from %d texts of %s%n", model, source.onnxFile().getFileName(),
        output, method.id(), texts.size(), calibration);
    Path graph = Quantizer.quantize(source, texts, method, output, PythonEnv.quantizePython(root, out), out);
    QuantizationReport report = QuantizationReport.measure(spark, model, source, output, texts);
    Path file = report.write(output);
    out.println(report);
    out.println("quantize: wrote " + graph + " and " + file + "; run it with --model " + output
        + " --model-variant quantized");
    return report.passed() ? 0 : 1;
  }

  /** Without --calibration: the checkout's sample corpus. */
  private static String defaultCalibration(Path root) {
    Path sample = root.resolve("jobs/data/reviews.txt");
    if (!Files.isRegularFile(sample)) {
      throw SparkScoreException.user(
          "quantize: pass --calibration FILE (texts like the ones you will score); %s is not here", sample);
    }
    return sample.toString();
  }
}
