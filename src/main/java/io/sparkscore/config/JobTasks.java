package io.sparkscore.config;

import com.typesafe.config.ConfigValue;
import io.sparkscore.SparkScoreException;
import io.sparkscore.model.FileDigest;
import io.sparkscore.model.ModelDirectory;
import io.sparkscore.model.ModelLocator;
import io.sparkscore.run.Job.Input;
import io.sparkscore.run.Job.ModelIdentity;
import io.sparkscore.run.Job.Output;
import io.sparkscore.run.Job.TaskSpec;
import io.sparkscore.run.ScoringPlan;
import io.sparkscore.stages.ModelStage;
import io.sparkscore.stages.TokenizingStage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code tasks} and {@code task-defaults} sections of a job file: each task's options checked by
 * building its stage, its model identified for lineage, and the output columns of all tasks checked
 * against each other and the input's.
 */
final class JobTasks {
  private static final Pattern COLUMN_PREFIX = Pattern.compile("[A-Za-z0-9_]*");
  private static final Pattern OPTION_IN_MESSAGE = Pattern.compile("--([a-z][a-z0-9-]*)");

  private JobTasks() {}

  /** Options every task that declares them gets, unless the task sets its own. */
  static Map<String, ConfigValue> readDefaults(ConfigReader r) {
    Set<String> known = new TreeSet<>();
    for (Task task : Tasks.all().values()) {
      known.addAll(keys(task));
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

  /** The keys that set {@code task}'s options in a job file: each option's flag and Param kebab name. */
  private static Set<String> keys(Task task) {
    Set<String> keys = new TreeSet<>();
    TaskOptions.specs(task).forEach(spec -> keys.addAll(TaskOptions.names(spec)));
    return keys;
  }

  static List<TaskSpec> read(ConfigReader r, Map<String, ConfigValue> defaults, String textCol) {
    List<TaskSpec> tasks = new ArrayList<>();
    // A task set to null (--set 'tasks.x = null') is switched off.
    List<String> names = r.keys().stream().filter(r::has).toList();
    r.accept(r.keys());
    if (names.isEmpty()) {
      r.problem("", "missing; expected at least one task, e.g. tasks { embedding { task = embed, model = minilm } }");
    }
    for (String name : names) {
      TaskSpec task = readTask(r.object(name), name, defaults, textCol);
      if (task != null) {
        tasks.add(task);
      }
    }
    return tasks;
  }

  private static TaskSpec readTask(ConfigReader r, String name, Map<String, ConfigValue> defaults, String textCol) {
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
    Set<String> known = keys(task);
    // HOCON values go to the options as they are: a list stays a list, a number a number.
    Map<String, ConfigValue> values = new LinkedHashMap<>();
    for (String key : r.keys()) {
      if (known.contains(key)) {
        r.value(key).ifPresent(v -> values.put(key, v));
      }
    }
    defaults.forEach((key, value) -> {
      if (!r.has(key) && known.contains(key)) {
        values.put(key, value);
      }
    });
    known.add("task");
    known.add("column-prefix");
    r.accept(known);
    r.rejectUnknown();
    Map<String, Object> given = new LinkedHashMap<>();
    values.forEach((key, value) -> given.put(key, value.unwrapped()));
    // Each value its option's type refuses is reported where the job file has it (file and line).
    boolean[] typed = {true};
    TaskOptions options = TaskOptions.read(task, given, r::pathOf, (key, refusal) -> {
      r.problem(key, values.get(key), String.valueOf(refusal.facts().getOrDefault("problem", refusal.getMessage())));
      typed[0] = false;
    });
    if (!typed[0]) {
      return null;
    }
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
    return new TaskSpec(name, task.name(), prefix, stage, model, task.inputColumns(options, textCol));
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

  /**
   * Runs every stage's schema check on the columns the input will have, and refuses output columns
   * that two tasks (or a task and the input) would both write.
   */
  static void checkColumns(ConfigReader root, Input input, List<TaskSpec> tasks, Output output,
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
    for (TaskSpec task : tasks) {
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
}
