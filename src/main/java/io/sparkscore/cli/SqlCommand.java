package io.sparkscore.cli;

import io.sparkscore.SparkScoreException;
import io.sparkscore.config.CommandLine;
import io.sparkscore.io.ConcurrentCommits;
import io.sparkscore.io.OutputSink;
import io.sparkscore.run.WriteMetricsListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code sparkscore sql "STATEMENT; …"} or {@code sparkscore sql -f FILE}: runs the statements on
 * the embedded Spark, with the SparkScore SQL functions. Each query's result is shown as a table;
 * with {@code --output}, the last statement's result is written there instead, as other commands write.
 */
final class SqlCommand {
  static final String NAME = "sql";
  private static final Set<String> OPTIONS = Set.of("output", "format", "mode", "id-col", "show");

  private final List<String> statements;
  private final CommandLine cli;

  private SqlCommand(List<String> statements, CommandLine cli) {
    this.statements = statements;
    this.cli = cli;
  }

  static String usage() {
    return String.format("  %-10s %s%n", NAME, "\"SELECT …\" | -f FILE [--output PATH [--format F] [--mode M]] "
        + "[--show N]: SQL statements with the sparkscore_* functions");
  }

  /** Parses and checks the arguments before Spark starts. */
  static SqlCommand parse(String[] args) {
    if (args.length == 0) {
      throw SparkScoreException.user("%s: give a statement (sparkscore sql \"SELECT …\") or a file (-f FILE)", NAME);
    }
    String script;
    int rest;
    if (args[0].equals("-f")) {
      if (args.length < 2) {
        throw SparkScoreException.user("%s: -f needs a file", NAME);
      }
      try {
        script = Files.readString(Path.of(args[1]), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw SparkScoreException.user(e, "%s: cannot read %s: %s", NAME, args[1], e.getMessage());
      }
      rest = 2;
    } else {
      script = args[0];
      rest = 1;
    }
    CommandLine cli = CommandLine.parse(NAME, Arrays.copyOfRange(args, rest, args.length), OPTIONS, Set.of());
    cli.get("output").ifPresent(path -> sink(cli));
    List<String> statements = SqlScript.statements(script);
    if (statements.isEmpty()) {
      throw SparkScoreException.user("%s: no statement to run", NAME);
    }
    return new SqlCommand(statements, cli);
  }

  private static OutputSink sink(CommandLine cli) {
    return new OutputSink(cli.require("output"), cli.get("format", "delta"), cli.get("mode", "overwrite"))
        .mergeOn(cli.get("id-col", "id"));
  }

  void run(SparkSession spark, PrintStream out) {
    int show = cli.intValue("show", 20);
    boolean write = cli.get("output").isPresent();
    for (int i = 0; i < statements.size(); i++) {
      Dataset<Row> result = spark.sql(statements.get(i));
      if (write && i == statements.size() - 1) {
        write(spark, result, out);
      } else if (result.columns().length > 0) {
        out.print(TextTable.of(result, show));
      }
    }
  }

  private void write(SparkSession spark, Dataset<Row> result, PrintStream out) {
    OutputSink sink = sink(cli);
    WriteMetricsListener metrics = WriteMetricsListener.track(spark.sparkContext());
    long start = System.nanoTime();
    try (metrics) {
      ConcurrentCommits.write(sink.path(), () -> sink.write(result), metrics::reset);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    out.println(String.format(Locale.ROOT, "%s: wrote %d rows to %s (%s, %s) in %.1f s", NAME,
        metrics.recordsWritten(), sink.path(), sink.format(), sink.mode(), seconds));
  }

  /** Splits a script at semicolons outside quotes and comments. */
  static final class SqlScript {
    private SqlScript() {}

    static List<String> statements(String script) {
      List<String> statements = new ArrayList<>();
      StringBuilder current = new StringBuilder();
      char quote = 0;
      for (int i = 0; i < script.length(); i++) {
        char c = script.charAt(i);
        if (quote != 0) {
          current.append(c);
          if (c == '\\' && i + 1 < script.length()) {
            current.append(script.charAt(++i));
          } else if (c == quote) {
            quote = 0;
          }
        } else if (c == '-' && script.startsWith("--", i)) {
          int end = script.indexOf('\n', i);
          i = end < 0 ? script.length() : end - 1;
        } else if (c == ';') {
          add(statements, current);
        } else {
          if (c == '\'' || c == '"' || c == '`') {
            quote = c;
          }
          current.append(c);
        }
      }
      add(statements, current);
      return statements;
    }

    private static void add(List<String> statements, StringBuilder current) {
      String statement = current.toString().trim();
      if (!statement.isEmpty()) {
        statements.add(statement);
      }
      current.setLength(0);
    }
  }
}
