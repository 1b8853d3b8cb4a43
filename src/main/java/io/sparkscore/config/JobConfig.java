package io.sparkscore.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import io.sparkscore.SparkScoreException;
import io.sparkscore.io.InputSource;
import io.sparkscore.io.OutputSink;
import io.sparkscore.run.Job;
import io.sparkscore.run.Job.Input;
import io.sparkscore.run.Job.Output;
import io.sparkscore.run.Job.RunSettings;
import io.sparkscore.run.Job.SparkSettings;
import io.sparkscore.run.Job.TaskSpec;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;

/**
 * A job file ({@code bin/sparkscore run --config FILE}), checked completely before Spark starts:
 * every key, type and value, the tasks' options (by building their stages), model files, and the
 * output columns the tasks would add. Layers, later ones winning: a profile ({@code --profile}),
 * the job file, command-line options, {@code --set} snippets.
 */
public final class JobConfig {
  public static final List<String> PROGRESS_MODES = List.of("auto", "bar", "lines", "off");
  static final List<String> LOG_LEVELS = List.of("off", "error", "warn", "info", "debug", "trace", "all");
  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  /**
   * Settings for Spark embedded in this JVM unless the job says otherwise: in-process heartbeats
   * are free and carry running tasks' row counts to the progress line, and Delta's 50 partitions
   * for replaying a table's log cost more than they save on one machine.
   */
  static final Map<String, String> LOCAL_DEFAULTS = Map.of(
      "spark.executor.heartbeatInterval", "1s",
      "spark.databricks.delta.snapshotPartitions", String.valueOf(Runtime.getRuntime().availableProcessors()));

  /**
   * Reads and checks {@code file} under {@code profile} (may be null) with {@code overrides} on top.
   * All problems are reported together, each with its file, line and key path.
   */
  public static Job load(String file, String profile, Config overrides) {
    Config job = parse(file, "job file");
    Config base = profile == null ? ConfigFactory.empty() : parse(profile, "profile");
    Config merged;
    try {
      merged = overrides.withFallback(job).withFallback(base).resolve();
    } catch (ConfigException e) {
      throw SparkScoreException.user(e, "job config %s: %s", file, e.getMessage());
    }
    List<String> problems = new ArrayList<>();
    ConfigReader root = ConfigReader.root(merged, file, problems);
    String name = root.string("name", baseName(file));
    RunSettings run = readRun(root.object("run"));
    Input input = readInput(root.object("input"), run.incremental());
    Map<String, ConfigValue> defaults = JobTasks.readDefaults(root.object("task-defaults"));
    List<TaskSpec> tasks = JobTasks.read(root.object("tasks"), defaults, input.textCol());
    input = withTaskColumns(input, tasks);
    Output output = readOutput(root.object("output"), run.incremental());
    SparkSettings spark = readSpark(root.object("spark"));
    root.rejectUnknown();
    if (problems.isEmpty()) {
      JobTasks.checkColumns(root, input, tasks, output, problems);
    }
    if (!problems.isEmpty()) {
      throw SparkScoreException.user("job config %s has %d problem%s:%n  %s", file, problems.size(),
          problems.size() == 1 ? "" : "s", String.join(System.lineSeparator() + "  ", problems));
    }
    return new Job(name, file, input, tasks, output, spark, run, merged.root().render(ConfigRenderOptions.concise()));
  }

  private static Config parse(String file, String what) {
    if (!Files.isRegularFile(Paths.get(file))) {
      throw SparkScoreException.user("%s %s does not exist (paths are relative to %s)",
          what, file, Paths.get("").toAbsolutePath());
    }
    try {
      return ConfigFactory.parseFile(Paths.get(file).toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException e) {
      throw SparkScoreException.user(e, "%s %s cannot be parsed: %s", what, file, e.getMessage());
    }
  }

  private static String baseName(String file) {
    String base = Paths.get(file).getFileName().toString();
    int dot = base.lastIndexOf('.');
    return dot > 0 ? base.substring(0, dot) : base;
  }

  private static RunSettings readRun(ConfigReader r) {
    String id = r.string("id", newRunId());
    if (!SAFE_NAME.matcher(id).matches()) {
      r.problem("id", "'" + id + "' is not a safe directory name (letters, digits, . _ -)");
    }
    int partitions = (int) r.integer("partitions", 0, 0);
    boolean incremental = r.bool("incremental", false);
    String checkpoint = r.string("checkpoint", "");
    String report = r.string("report", "");
    String progress = r.oneOf("progress", "auto", PROGRESS_MODES);
    Duration interval = r.duration("progress-interval", Duration.ofSeconds(10));
    if (interval.toMillis() < 100) {
      r.problem("progress-interval", "must be at least 100ms");
    }
    r.rejectUnknown();
    return new RunSettings(id, partitions, incremental, checkpoint, report, progress, interval);
  }

  /** {@code 20250131-174502-3fa2c1}: sortable by time, unique enough for runs started together. */
  static String newRunId() {
    String time = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    byte[] random = new byte[3];
    ThreadLocalRandom.current().nextBytes(random);
    return time + "-" + HexFormat.of().formatHex(random);
  }

  private static Input readInput(ConfigReader r, boolean incremental) {
    String path = r.string("path", "");
    String table = r.string("table", "");
    String format = r.string("format", "");
    if (path.isEmpty() == table.isEmpty()) {
      r.problem(path.isEmpty() ? "path" : "table",
          path.isEmpty() ? "missing; expected input.path (a file or directory) or input.table (a catalog table)"
              : "give input.path or input.table, not both");
    }
    if (!path.isEmpty()) {
      if (isLocal(path) && !Files.exists(localPath(path))) {
        r.problem("path", "no such file or directory: " + localPath(path).toAbsolutePath());
      } else {
        try {
          format = InputSource.of(path, format.isEmpty() ? null : format).format();
        } catch (SparkScoreException e) {
          r.problem(r.has("format") ? "format" : "path", e.getMessage());
        }
      }
    } else if (!format.isEmpty()) {
      r.problem("format", "applies to input.path only; a table is read in its own format");
    }
    boolean idColGiven = r.has("id-col");
    String idCol = r.string("id-col", "id");
    String textCol = r.string("text-col", "text");
    String filter = r.string("filter", "");
    if (!filter.isEmpty()) {
      try {
        CatalystSqlParser$.MODULE$.parseExpression(filter);
      } catch (Exception e) { // ParseException is checked in Java's eyes
        r.problem("filter", "not a SQL expression: " + e.getMessage().lines().findFirst().orElse(""));
      }
    }
    long limit = r.integer("limit", 0, 0);
    List<String> keep = r.strings("keep");
    if (incremental) {
      if (!table.isEmpty() || format.equals("delta")) {
        if (limit > 0) {
          r.problem("limit", "cannot be used with run.incremental (each run scores everything new)");
        }
      } else if (!path.isEmpty()) {
        r.problem(r.has("format") ? "format" : "path", "run.incremental needs a Delta table as input, not " + format);
      }
    }
    r.rejectUnknown();
    return new Input(path, table, format, idCol, idColGiven, textCol, filter, limit, keep);
  }

  private static boolean isLocal(String path) {
    try {
      URI uri = new URI(path);
      return uri.getScheme() == null || uri.getScheme().length() == 1 || uri.getScheme().equals("file");
    } catch (java.net.URISyntaxException e) {
      return true;
    }
  }

  private static Path localPath(String path) {
    return path.startsWith("file:") ? Paths.get(URI.create(path)) : Paths.get(path);
  }

  private static Output readOutput(ConfigReader r, boolean incremental) {
    String path = r.string("path", "");
    String table = r.string("table", "");
    if (path.isEmpty() == table.isEmpty()) {
      r.problem(path.isEmpty() ? "path" : "table",
          path.isEmpty() ? "missing; expected output.path (a directory) or output.table (a catalog table)"
              : "give output.path or output.table, not both");
    }
    String format = r.oneOf("format", "delta", OutputSink.FORMATS);
    if (!table.isEmpty() && !format.equals("delta")) {
      r.problem("format", "output.table writes a Delta table, not " + format);
    }
    String mode = r.oneOf("mode", incremental ? "merge" : "overwrite", OutputSink.MODES);
    if (mode.equals("merge") && !format.equals("delta")) {
      r.problem("mode", "merge needs output.format = delta, not " + format);
    }
    if (incremental && !mode.equals("merge")) {
      r.problem("mode", "run.incremental writes with merge (upsert on the id column), not " + mode);
    }
    List<String> partitionBy = r.strings("partition-by");
    r.rejectUnknown();
    return new Output(path, table, format, mode, partitionBy);
  }

  private static SparkSettings readSpark(ConfigReader r) {
    String master = r.string("master", "local[*]");
    String logLevel = r.oneOf("log-level", "warn", LOG_LEVELS);
    Map<String, String> conf = r.flatScalars("conf");
    // spark-submit passes its --master as this property, and it wins over the job's.
    if (System.getProperty("spark.master", master).startsWith("local")) {
      LOCAL_DEFAULTS.forEach(conf::putIfAbsent);
    }
    r.rejectUnknown();
    return new SparkSettings(master, logLevel.toUpperCase(Locale.ROOT), conf);
  }

  /** The input, keeping also the columns tasks read besides the text (a question answerer's questions). */
  private static Input withTaskColumns(Input in, List<TaskSpec> tasks) {
    List<String> keep = new ArrayList<>(in.keep());
    for (TaskSpec task : tasks) {
      for (String column : task.inputColumns()) {
        if (!column.equals(in.textCol()) && !column.equals(in.idCol()) && !keep.contains(column)) {
          keep.add(column);
        }
      }
    }
    return new Input(in.path(), in.table(), in.format(), in.idCol(), in.idColGiven(), in.textCol(), in.filter(),
        in.limit(), keep);
  }
}
