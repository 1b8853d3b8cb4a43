package io.sparkscore.cli;

import io.sparkscore.SparkScoreException;
import io.sparkscore.config.CommandLine;
import io.sparkscore.config.Task;
import io.sparkscore.config.Tasks;
import io.sparkscore.run.Job;
import io.sparkscore.run.JobRunner;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The entry point of {@code bin/sparkscore} and of {@code spark-submit --class
 * io.sparkscore.cli.SparkScoreMain}: {@code <command> [options]}.
 */
public final class SparkScoreMain {
  private SparkScoreMain() {}

  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Runs a command; returns the process exit status (0 ok, 2 usage or user error, 1 failure). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 2 && args[0].equals("help")) {
      return run(new String[] {args[1], "--help"}, out, err);
    }
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
      out.print(usage());
      return args.length == 0 ? 2 : 0;
    }
    String command = args[0];
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    try {
      if (command.equals(RunCommand.NAME) && Arrays.asList(rest).contains("--help")) {
        out.print(RunCommand.help());
        return 0;
      }
      if (command.equals(RunCommand.NAME)) {
        Job job = RunCommand.parse(rest);
        Job.SparkSettings settings = job.spark();
        JobRunner.run(Sessions.session("sparkscore " + job.name(), settings.master(), settings.conf(), settings.logLevel()), job, out);
        return 0;
      }
      if (command.equals(CheckPrecisionCommand.NAME)) {
        return CheckPrecisionCommand.run(rest, out);
      }
      if (command.equals(QuantizeCommand.NAME)) {
        return QuantizeCommand.run(rest, out);
      }
      if (command.equals(TrainCommand.NAME)) {
        TrainCommand.run(rest, out);
        return 0;
      }
      if (command.equals(ExportCommand.NAME)) {
        ExportCommand.run(rest, out);
        return 0;
      }
      if (command.equals(SqlCommand.NAME)) {
        SqlCommand sql = SqlCommand.parse(rest);
        sql.run(Sessions.session("sparkscore sql"), out);
        return 0;
      }
      if (command.equals("bench")) {
        // The harness is a development tool kept out of the shipped jar (src/test): the launcher runs it.
        throw SparkScoreException.user("bench runs from a source checkout: bin/sparkscore bench %s", String.join(" ", rest));
      }
      Task task = Tasks.get(command);
      if (Arrays.asList(rest).contains("--help")) {
        out.print(ScoreCommand.help(task));
        return 0;
      }
      CommandLine cli = ScoreCommand.parse(task, rest);
      SparkSession spark = Sessions.session("sparkscore " + command);
      ScoreCommand.run(spark, task, cli, out);
      return 0;
    } catch (SparkScoreException e) {
      if (e.kind() == SparkScoreException.Kind.INTERNAL) {
        e.printStackTrace(err);
        return 1;
      }
      err.println("error: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      // Spark's SparkException (a failed job) is checked but thrown undeclared.
      SparkScoreException cause = SparkScoreException.userCause(e);
      if (cause != null) {
        err.println("error: " + cause.getMessage());
        return 2;
      }
      e.printStackTrace(err);
      return 1;
    }
  }

  static String usage() {
    StringBuilder text = new StringBuilder();
    text.append("usage: sparkscore <command> [options]\n\ncommands:\n");
    text.append(String.format("  %-10s %s%n", RunCommand.NAME,
        "a job file: input, tasks, output (--config FILE; see the README's \"Job files\")"));
    for (Map.Entry<String, Task> task : Tasks.all().entrySet()) {
      text.append(String.format("  %-10s %s%n", task.getKey(), task.getValue().summary()));
    }
    text.append(CheckPrecisionCommand.usage());
    text.append(QuantizeCommand.usage());
    text.append(TrainCommand.usage());
    text.append(ExportCommand.usage());
    text.append(SqlCommand.usage());
    text.append(String.format("  %-10s %s%n", "bench", "[--docs N] [--json FILE]: throughput against the engine floor"));
    text.append("\noptions of every task (each task's own: sparkscore <task> --help, or sparkscore help <task>):\n");
    text.append(OptionsHelp.render(ScoreCommand.COMMON));
    text.append(
        """

        options of train (or --config FILE holding them as HOCON keys):
          --input PATH --output DIR   labelled rows in; the PipelineModel, report.html and metrics.json out
          --text-col NAME --label-col NAME   (defaults text, label)
          --model NAME_OR_PATH  encoder (default minilm)
          --classifier C        logistic (default) | svm (binary) | mlp
          --reg-params a,b,c    regularisation candidates (default 0.001,0.01,0.1,1); --hidden-sizes for mlp
          --folds N             cross-validation folds choosing among them (default 3)
          --test-input PATH | --test-folds K | --test-fraction F   how the report measures (default 0.2 held out)
          --limit N             train on the first N input rows
        """);
    return text.toString();
  }
}
