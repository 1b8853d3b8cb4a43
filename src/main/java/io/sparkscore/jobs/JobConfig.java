package io.sparkscore.jobs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.sparkscore.SparkScoreException;
import io.sparkscore.model.FileDigest;
import io.sparkscore.model.ModelDirectory;
import io.sparkscore.model.ModelLocator;
import io.sparkscore.sinks.OutputSink;
import io.sparkscore.stages.ModelStage;
import io.sparkscore.stages.TokenizingStage;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

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
  private static final Pattern COLUMN_PREFIX = Pattern.compile("[A-Za-z0-9_]*");
  /**
   * Settings for Spark embedded in this JVM unless the job says otherwise: in-process heartbeats
   * are free and carry running tasks' row counts to the progress line, and Delta's 50 partitions
   * for replaying a table's log cost more than they save on one machine.
   */
  static final Map<String, String> LOCAL_DEFAULTS = Map.of(
      "spark.executor.heartbeatInterval", "1s",
      "spark.databricks.delta.snapshotPartitions", String.valueOf(Runtime.getRuntime().availableProcessors()));
  private static final Pattern OPTION_IN_MESSAGE = Pattern.compile("--([a-z][a-z0-9-]*)");

  /** Where the rows come from and which of their columns a job uses. */
  public record Input(
      String path, String table, String format, String idCol, boolean idColGiven, String textCol,
      String filter, long limit, List<String> keep) {
    public String describe() {
      return table.isEmpty() ? path : "table " + table;
    }
  }

  /**
   * One entry of {@code tasks}: its key (prefix of its columns by default), the registered task,
   * the stage built from its options, and the model file it runs (hashed for lineage).
   */
  public record TaskConfig(
      String name, Task task, String columnPrefix, CommandLine options, Transformer stage, ModelIdentity model) {}

  /** The model a task's stage runs: the name it was given and the SHA-256 of its ONNX (or tokenizer) file. */
  public record ModelIdentity(String name, String file, String sha256) {}

  public record Output(String path, String table, String format, String mode, List<String> partitionBy) {
    public String describe() {
      return table.isEmpty() ? path : "table " + table;
    }
  }

  public record SparkSettings(String master, String logLevel, Map<String, String> conf) {}

  public record RunSettings(
      String id, int partitions, boolean incremental, String checkpoint, String report,
      String progress, Duration progressInterval) {}

  private final String name;
  private final String file;
  private final Input input;
  private final List<TaskConfig> tasks;
  private final Output output;
  private final SparkSettings spark;
  private final RunSettings run;
  private final Config merged;

  private JobConfig(String name, String file, Input input, List<TaskConfig> tasks, Output output,
      SparkSettings spark, RunSettings run, Config merged) {
    this.name = name;
    this.file = file;
    this.input = input;
    this.tasks = List.copyOf(tasks);
    this.output = output;
    this.spark = spark;
    this.run = run;
    this.merged = merged;
  }

  /**
   * Reads and checks {@code file} under {@code profile} (may be null) with {@code overrides} on top.
   * All problems are reported together, each with its file, line and key path.
   */
  public static JobConfig load(String file, String profile, Config overrides) {
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
    Map<String, ConfigValue> defaults = readTaskDefaults(root.object("task-defaults"));
    List<TaskConfig> tasks = readTasks(root.object("tasks"), defaults, input.textCol());
    input = withTaskColumns(input, tasks);
    Output output = readOutput(root.object("output"), run.incremental());
    SparkSettings spark = readSpark(root.object("spark"));
    root.rejectUnknown();
    if (problems.isEmpty()) {
      checkColumns(root, input, tasks, output, problems);
    }
    if (!problems.isEmpty()) {
      throw SparkScoreException.user("job config %s has %d problem%s:%n  %s", file, problems.size(),
          problems.size() == 1 ? "" : "s", String.join(System.lineSeparator() + "  ", problems));
    }
    return new JobConfig(name, file, input, tasks, output, spark, run, merged);
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

  /** Options every task that declares them gets, unless the task sets its own. */
  private static Map<String, ConfigValue> readTaskDefaults(ConfigReader r) {
    Set<String> known = new TreeSet<>();
    for (Task task : Tasks.all().values()) {
      known.addAll(task.options());
      known.addAll(task.flags());
    }
    Map<String, ConfigValue> defaults = new LinkedHashMap<>();
    for (String key : r.keys()) {
      if (known.contains(key)) {
        r.value(key).ifPresent(v -> defaults.put(key, v));
      }
    }
    r.accept(known);
    r.rejectUnknown();
    return defaults;
  }

  private static List<TaskConfig> readTasks(ConfigReader r, Map<String, ConfigValue> defaults, String textCol) {
    List<TaskConfig> tasks = new ArrayList<>();
    // A task set to null (--set 'tasks.x = null') is switched off.
    List<String> names = r.keys().stream().filter(r::has).toList();
    r.accept(r.keys());
    if (names.isEmpty()) {
      r.problem("", "missing; expected at least one task, e.g. tasks { embedding { task = embed, model = minilm } }");
    }
    for (String name : names) {
      TaskConfig task = readTask(r.object(name), name, defaults, textCol);
      if (task != null) {
        tasks.add(task);
      }
    }
    return tasks;
  }

  private static TaskConfig readTask(ConfigReader r, String name, Map<String, ConfigValue> defaults, String textCol) {
    String taskName = r.string("task", name);
    String prefix = r.string("column-prefix", name + "_");
    if (!COLUMN_PREFIX.matcher(prefix).matches()) {
      r.problem("column-prefix", "'" + prefix + "' may hold only letters, digits and _");
    }
    Task task = Tasks.all().get(taskName);
    if (task == null) {
      r.problem(r.has("task") ? "task" : "",
          "unknown task '" + taskName + "'; set task = one of " + String.join(", ", Tasks.all().keySet()));
      r.accept(r.keys());
      return null;
    }
    List<String> args = new ArrayList<>();
    for (String key : r.keys()) {
      if (key.equals("task") || key.equals("column-prefix")) {
        continue;
      }
      if (!task.options().contains(key) && !task.flags().contains(key)) {
        continue;
      }
      r.value(key).ifPresent(v -> addOption(r, key, v, task.flags().contains(key), args));
    }
    defaults.forEach((key, value) -> {
      if (!r.has(key) && (task.options().contains(key) || task.flags().contains(key))) {
        addOption(r, key, value, task.flags().contains(key), args);
      }
    });
    Set<String> known = new TreeSet<>(task.options());
    known.addAll(task.flags());
    known.add("task");
    known.add("column-prefix");
    r.accept(known);
    r.rejectUnknown();
    CommandLine options = CommandLine.parse(name, args.toArray(new String[0]), task.options(), task.flags());
    Transformer stage;
    try {
      stage = task.stage(options, textCol);
      if (stage instanceof TokenizingStage<?> scoring) {
        scoring.setStatusCol(ScoringPlan.STAGE_STATUS);
      }
    } catch (SparkScoreException | IllegalArgumentException e) {
      r.problem("", inTermsOfKeys(e.getMessage(), r, known));
      return null;
    }
    ModelIdentity model;
    try {
      model = identify(stage);
    } catch (SparkScoreException e) {
      r.problem(r.has("model") ? "model" : "", e.getMessage());
      return null;
    }
    return new TaskConfig(name, task, prefix, options, stage, model);
  }

  /** Adds {@code --key=value} (lists join with commas; flags take true or false). */
  private static void addOption(ConfigReader r, String key, ConfigValue value, boolean flag, List<String> args) {
    Object raw = value.unwrapped();
    if (flag) {
      if (raw instanceof Boolean || "true".equals(raw) || "false".equals(raw)) {
        args.add("--" + key + "=" + raw);
      } else {
        r.problem(key, value, "expected true or false");
      }
    } else if (value.valueType() == ConfigValueType.LIST) {
      List<String> items = new ArrayList<>();
      for (Object item : (List<?>) raw) {
        if (item instanceof List || item instanceof Map || item == null) {
          r.problem(key, value, "expected a string, a number or a list of them");
          return;
        }
        items.add(csvItem(String.valueOf(item)));
      }
      args.add("--" + key + "=" + String.join(",", items));
    } else if (value.valueType() == ConfigValueType.OBJECT) {
      r.problem(key, value, "expected a string, a number or a list of them");
    } else {
      args.add("--" + key + "=" + raw);
    }
  }

  /** One item of a comma-separated option value, quoted as {@code --labels} reads quotes when it holds a comma or quote. */
  private static String csvItem(String item) {
    return item.contains(",") || item.contains("\"") ? "\"" + item.replace("\"", "\"\"") + "\"" : item;
  }

  /** A task's own error message, with its {@code --option} names replaced by the job file's key paths. */
  private static String inTermsOfKeys(String message, ConfigReader r, Set<String> known) {
    Matcher m = OPTION_IN_MESSAGE.matcher(message == null ? "" : message);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String key = m.group(1);
      m.appendReplacement(out, Matcher.quoteReplacement(known.contains(key) ? r.pathOf(key) : m.group()));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * The model file a stage runs, hashed: the ONNX graph of model stages, the tokenizer of
   * tokenizer-only stages; stages without a model have none.
   */
  private static ModelIdentity identify(Transformer stage) {
    if (stage instanceof ModelStage<?> model) {
      ModelDirectory dir = ModelLocator.locate(model.getModel(), model.getModelVariant());
      return new ModelIdentity(model.getModel(), dir.onnxFile().getFileName().toString(), FileDigest.sha256(dir.onnxFile()));
    }
    if (stage instanceof TokenizingStage<?> tokenizing) {
      ModelDirectory dir = ModelLocator.locate(tokenizing.getModel(), "");
      return new ModelIdentity(tokenizing.getModel(), "tokenizer.json", FileDigest.sha256(dir.tokenizerJson()));
    }
    return new ModelIdentity("", "", "");
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
  private static Input withTaskColumns(Input in, List<TaskConfig> tasks) {
    List<String> keep = new ArrayList<>(in.keep());
    for (TaskConfig task : tasks) {
      for (String column : ScoreCommand.otherColumns(
          task.task().inputColumns(task.options(), in.textCol()), in.textCol(), in.idCol())) {
        if (!keep.contains(column)) {
          keep.add(column);
        }
      }
    }
    return new Input(in.path(), in.table(), in.format(), in.idCol(), in.idColGiven(), in.textCol(), in.filter(),
        in.limit(), keep);
  }

  /**
   * Runs every stage's schema check on the columns the input will have, and refuses output columns
   * that two tasks (or a task and the input) would both write.
   */
  private static void checkColumns(ConfigReader root, Input input, List<TaskConfig> tasks, Output output,
      List<String> problems) {
    Map<String, String> owners = new LinkedHashMap<>();
    StructType schema = new StructType()
        .add(input.idCol(), DataTypes.StringType)
        .add(input.textCol(), DataTypes.StringType);
    owners.put(input.idCol(), "the input's id column");
    owners.put(input.textCol(), "the input's text column");
    for (String keep : input.keep()) {
      if (owners.containsKey(keep)) {
        problems.add(String.format("input.keep: '%s' is already in the output as %s", keep, owners.get(keep)));
      }
      schema = schema.add(keep, DataTypes.StringType);
      owners.put(keep, "input.keep");
    }
    for (String lineage : ScoringPlan.RUN_COLUMNS) {
      claim(owners, lineage, "the run's lineage", "", problems);
    }
    ConfigReader taskReaders = root.object("tasks");
    for (TaskConfig task : tasks) {
      String owner = "tasks." + task.name();
      String prefixKey = taskReaders.object(task.name()).pathOf("column-prefix");
      List<StructField> added;
      try {
        // Stages read only the text column, so each one's outputs follow from the input's schema.
        added = ScoringPlan.addedColumns(task, schema);
      } catch (SparkScoreException | IllegalArgumentException e) {
        taskReaders.object(task.name()).problem("", e.getMessage());
        continue;
      }
      for (StructField field : added) {
        String column = task.columnPrefix() + field.name();
        claim(owners, column, owner, prefixKey, problems);
      }
      for (String lineage : ScoringPlan.TASK_COLUMNS) {
        claim(owners, task.columnPrefix() + lineage, owner + " (lineage)", prefixKey, problems);
      }
    }
    for (String column : output.partitionBy()) {
      if (!owners.containsKey(column)) {
        problems.add(String.format("output.partition-by: no output column '%s'; columns: %s",
            column, String.join(", ", owners.keySet())));
      }
    }
  }

  private static void claim(Map<String, String> owners, String column, String owner, String prefixKey,
      List<String> problems) {
    String previous = owners.putIfAbsent(column, owner);
    if (previous != null) {
      problems.add(String.format("%s: output column '%s' is also written by %s; set %s to tell them apart",
          owner, column, previous, prefixKey.isEmpty() ? "a column-prefix" : prefixKey));
    }
  }

  public String name() {
    return name;
  }

  /** The job file this config was read from. */
  public String file() {
    return file;
  }

  public Input input() {
    return input;
  }

  public List<TaskConfig> tasks() {
    return tasks;
  }

  public Output output() {
    return output;
  }

  public SparkSettings spark() {
    return spark;
  }

  public RunSettings run() {
    return run;
  }

  /** The effective config (all layers merged) as one line of JSON: what table properties record. */
  public String toJson() {
    return merged.root().render(ConfigRenderOptions.concise());
  }
}
