package io.sparkscore.cli;

import io.sparkscore.config.CommandLine;
import io.sparkscore.io.InputSource;
import io.sparkscore.runtime.PrecisionCheck;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * {@code sparkscore check-precision --model M --input PATH [--model-variant fp16] [--device cuda] …}:
 * the fp16-against-fp32 regression check ({@link PrecisionCheck}) on the first {@code --limit} texts
 * of any input a job reads. Exit status 0 when the variant passes, 1 when it does not.
 */
final class CheckPrecisionCommand {
  static final String NAME = "check-precision";
  private static final Set<String> OPTIONS = Set.of(
      "model", "model-variant", "baseline-variant", "device", "input", "input-format", "text-col", "limit",
      "batch-size", "min-cosine");

  private CheckPrecisionCommand() {}

  static String usage() {
    return String.format("  %-10s %s%n", NAME,
        "fp16 (--model-variant) against fp32 on one device (--device cuda): same labels, embedding cosine >= "
            + PrecisionCheck.DEFAULT_MIN_COSINE);
  }

  /** Returns the exit status: 0 passed, 1 failed. */
  static int run(String[] args, PrintStream out) {
    CommandLine cli = CommandLine.parse(NAME, args, OPTIONS, Set.of());
    String model = cli.require("model");
    InputSource source = InputSource.of(cli.require("input"), cli.get("input-format").orElse(null));
    String textCol = cli.get("text-col", "text");
    int limit = cli.intValue("limit", 1000);
    double minCosine = cli.doubleValue("min-cosine", PrecisionCheck.DEFAULT_MIN_COSINE);
    SparkSession spark = Sessions.session("sparkscore " + NAME);
    List<String> texts = source.read(spark, textCol, "id", false)
        .select(textCol).na().drop().limit(limit).collectAsList().stream().map(row -> row.getString(0)).toList();
    PrecisionCheck.Report report = PrecisionCheck.run(
        model, cli.get("baseline-variant", ""), cli.get("model-variant", "fp16"),
        PrecisionCheck.device(cli.get("device", "cuda")), texts, cli.intValue("batch-size", 32), minCosine);
    out.println(report);
    return report.passed() ? 0 : 1;
  }
}
