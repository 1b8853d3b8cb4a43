package io.sparkscore.cli;

import io.sparkscore.config.CommandLine;
import io.sparkscore.io.InputSource;
import io.sparkscore.io.RowAccounting;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.sparkscore.SparkScoreException;
import io.sparkscore.training.TextClassifierTrainer;
import io.sparkscore.training.TrainingRun;
import java.io.File;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code sparkscore train --input labelled.jsonl --output DIR [--classifier logistic|svm|mlp] …}
 * or {@code train --config FILE} with the same options as HOCON keys: fits {@link
 * TextClassifierTrainer}'s pipeline, measures it ({@link TrainingRun}) and saves it to DIR with its
 * report.
 */
final class TrainCommand {
  static final String NAME = "train";
  private static final Set<String> OPTIONS = Set.of(
      "config", "input", "input-format", "text-col", "label-col", "limit", "model", "classifier", "folds",
      "reg-params", "hidden-sizes", "max-iter", "seed", "test-input", "test-fraction", "test-folds", "output");

  private TrainCommand() {}

  static String usage() {
    return String.format("  %-10s %s%n", NAME,
        "fit embedder + MLlib classifier on labelled text, cross-validated; save the PipelineModel and its report");
  }

  static void run(String[] args, PrintStream out) {
    CommandLine cli = CommandLine.parse(NAME, args, OPTIONS, Set.of());
    if (cli.get("config").isPresent()) {
      cli = fromConfig(cli.require("config"));
    }
    TextClassifierTrainer trainer = new TextClassifierTrainer()
        .setTextCol(cli.get("text-col", "text")).setLabelCol(cli.get("label-col", "label"));
    cli.get("model").ifPresent(trainer::setModel);
    cli.get("classifier").ifPresent(trainer::setClassifier);
    trainer.setFolds(cli.intValue("folds", trainer.getFolds()));
    trainer.setMaxIter(cli.intValue("max-iter", trainer.getMaxIter()));
    trainer.setSeed(cli.intValue("seed", (int) trainer.getSeed()));
    cli.get("reg-params").ifPresent(v -> trainer.setRegParams(numbers(v).stream().mapToDouble(Double::parseDouble).toArray()));
    cli.get("hidden-sizes").ifPresent(v -> trainer.setHiddenSizes(numbers(v).stream().mapToInt(Integer::parseInt).toArray()));
    SparkSession spark = Sessions.session("sparkscore " + NAME);
    String input = cli.require("input");
    Dataset<Row> data = read(spark, input, cli.get("input-format").orElse(null), trainer, cli.intValue("limit", 0));
    Dataset<Row> test = cli.get("test-input").map(path -> read(spark, path, null, trainer, 0)).orElse(null);
    TrainingRun.Evaluation evaluation = new TrainingRun.Evaluation(
        test, cli.get("test-input", null), cli.intValue("test-folds", 0), cli.doubleValue("test-fraction", 0.2));
    List<String> command = new ArrayList<>(List.of("sparkscore", NAME));
    command.addAll(Arrays.asList(args));
    String output = cli.require("output");
    TrainingRun.Result result = TrainingRun.run(trainer, data, input, evaluation, output, command);
    out.printf("train: %s %s on %d rows of %s; %s: accuracy %.4f, macro-F1 %.4f (%d rows)%n",
        trainer.getClassifier(), result.report().chosen(), result.report().rows(), input,
        result.report().evaluation(), result.metrics().accuracy(), result.metrics().macroF1(), result.metrics().rows());
    out.printf("train: pipeline saved to %s; report: %s/report.html%n", output, output);
  }

  private static Dataset<Row> read(SparkSession spark, String path, String format, TextClassifierTrainer trainer, int limit) {
    InputSource.Selection selection = new InputSource.Selection(
        trainer.getTextCol(), "id", false, "", limit, List.of(trainer.getLabelCol()));
    return InputSource.of(path, format).read(spark, selection, RowAccounting.register(spark));
  }

  private static List<String> numbers(String list) {
    return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** A HOCON file whose keys are the command's options. */
  private static CommandLine fromConfig(String file) {
    Config config = ConfigFactory.parseFile(new File(file)).resolve();
    List<String> args = new ArrayList<>();
    for (var entry : config.entrySet()) {
      if (entry.getKey().equals("config")) {
        throw SparkScoreException.user("%s: %s cannot name another config", NAME, file);
      }
      Object value = entry.getValue().unwrapped();
      args.add("--" + entry.getKey());
      args.add(value instanceof List<?> list
          ? String.join(",", list.stream().map(String::valueOf).toList()) : String.valueOf(value));
    }
    return CommandLine.parse(NAME + " (" + file + ")", args.toArray(new String[0]), OPTIONS, Set.of());
  }
}
