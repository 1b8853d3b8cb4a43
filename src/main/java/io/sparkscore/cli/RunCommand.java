package io.sparkscore.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import io.sparkscore.SparkScoreException;
import io.sparkscore.config.CommandLine;
import io.sparkscore.config.JobConfig;
import io.sparkscore.run.Job;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code sparkscore run --config FILE [options]}: the job file says what to do; options on the
 * command line replace its values, and {@code --set 'key.path = value'} (repeatable, HOCON) any of them.
 */
public final class RunCommand {
  public static final String NAME = "run";

  /** Command-line option → the job-file key it replaces. */
  private static final Map<String, String> KEYS = new LinkedHashMap<>();

  static {
    KEYS.put("input", "input.path");
    KEYS.put("input-table", "input.table");
    KEYS.put("input-format", "input.format");
    KEYS.put("id-col", "input.id-col");
    KEYS.put("text-col", "input.text-col");
    KEYS.put("filter", "input.filter");
    KEYS.put("limit", "input.limit");
    KEYS.put("output", "output.path");
    KEYS.put("output-table", "output.table");
    KEYS.put("format", "output.format");
    KEYS.put("mode", "output.mode");
    KEYS.put("partition-by", "output.partition-by");
    KEYS.put("run-id", "run.id");
    KEYS.put("partitions", "run.partitions");
    KEYS.put("incremental", "run.incremental");
    KEYS.put("checkpoint", "run.checkpoint");
    KEYS.put("report", "run.report");
    KEYS.put("progress", "run.progress");
    KEYS.put("master", "spark.master");
  }

  private static final Set<String> FLAGS = Set.of("incremental");

  private RunCommand() {}

  /** {@code sparkscore run --help}: the options and the job-file keys they replace. */
  static String help() {
    StringBuilder text = new StringBuilder("usage: sparkscore run --config FILE [--profile NAME] [options] [--set 'key = value' …]\n"
        + "  a job file (HOCON): input, tasks, output; see the README's \"Job files\". A task's keys are its\n"
        + "  command's options (sparkscore <task> --help).\n\noptions, each replacing a job-file key:\n");
    KEYS.forEach((option, key) -> text.append(String.format("  --%-14s %s%n", option + (FLAGS.contains(option) ? "" : " V"), key)));
    return text.toString();
  }

  /** Parses the command line and loads and checks the job: everything that can fail before Spark starts. */
  public static Job parse(String[] args) {
    List<String> snippets = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--set")) {
        if (i + 1 >= args.length) {
          throw SparkScoreException.user("run: option --set needs a value such as 'output.mode = merge'");
        }
        snippets.add(args[++i]);
      } else if (args[i].startsWith("--set=")) {
        snippets.add(args[i].substring("--set=".length()));
      } else {
        rest.add(args[i]);
      }
    }
    Set<String> valued = new java.util.TreeSet<>(KEYS.keySet());
    valued.removeAll(FLAGS);
    valued.add("config");
    valued.add("profile");
    CommandLine cli = CommandLine.parse(NAME, rest.toArray(new String[0]), valued, FLAGS);
    String file = cli.require("config");
    return JobConfig.load(file, cli.get("profile").orElse(null), overrides(cli, snippets));
  }

  /**
   * The command line as a config layer. A new input or output location replaces the file's whole
   * location (path, table and format), so that {@code --input other.parquet} is not read as JSON.
   */
  static Config overrides(CommandLine cli, List<String> snippets) {
    Map<String, Object> values = new LinkedHashMap<>();
    cli.asMap().forEach((option, value) -> {
      String key = KEYS.get(option);
      if (key != null) {
        values.put(key, FLAGS.contains(option) ? Boolean.valueOf(value) : value);
      }
    });
    Config layer = ConfigFactory.empty();
    for (int i = snippets.size() - 1; i >= 0; i--) {
      try {
        layer = layer.withFallback(ConfigFactory.parseString(snippets.get(i),
            ConfigParseOptions.defaults().setOriginDescription("--set '" + snippets.get(i) + "'")));
      } catch (ConfigException e) {
        throw SparkScoreException.user(e, "run: --set '%s' is not HOCON: %s", snippets.get(i), e.getMessage());
      }
    }
    Config options = ConfigFactory.parseMap(values, "command line");
    Config merged = layer.withFallback(options);
    // The input's format follows from its path; an output's format does not.
    Map<String, List<String>> location = Map.of("input", List.of("path", "table", "format"), "output", List.of("path", "table"));
    for (var side : location.entrySet()) {
      if (cli.get(side.getKey()).isPresent() || cli.get(side.getKey() + "-table").isPresent()) {
        for (String key : side.getValue()) {
          String path = side.getKey() + "." + key;
          if (!merged.hasPathOrNull(path)) {
            merged = merged.withFallback(ConfigFactory.parseString(path + " = null"));
          }
        }
      }
    }
    return merged;
  }
}
