package io.sparkscore.config;

import io.sparkscore.SparkScoreErrors;
import io.sparkscore.SparkScoreException;
import io.sparkscore.stages.TokenizingStage;
import io.sparkscore.stages.params.ParamSpec;
import io.sparkscore.stages.params.ParamSpec.ValueType;
import io.sparkscore.stages.params.StageParams;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import org.apache.spark.ml.param.Params;

/**
 * A task's options, declared once: the Params of the stages it runs ({@link StageParams}), under their
 * kebab-case flags, plus the few the task adds itself. The command line, the job file's task keys and
 * {@code --help} all come from {@link #specs}; {@link #read} takes typed values from either front end
 * (a job file's list reaches the stage as a list) and {@link #applyTo} sets them on the stage.
 */
public final class TaskOptions {
  /** Params every command sets from its own options ({@code --text-col}, {@code --status-col}). */
  public static final Set<String> COMMAND_PARAMS = Set.of("inputCol", "statusCol");

  /**
   * The short flags the command line has always used for some Params; the Param's own kebab-case name
   * is accepted too.
   */
  private static final Map<String, String> SHORT_FLAGS = Map.of(
      "intraOpThreads", "threads",
      "cudaMemoryLimitMb", "cuda-memory-mb",
      "functionToApply", "function",
      "hypothesisTemplate", "template",
      "candidateLabels", "labels");

  private final Task task;
  private final List<ParamSpec> specs;
  private final Map<String, Object> values;

  private TaskOptions(Task task, List<ParamSpec> specs, Map<String, Object> values) {
    this.task = task;
    this.specs = specs;
    this.values = values;
  }

  /**
   * Every option of {@code task}, each stage kind's Params first in declaration order (less the
   * {@link #COMMAND_PARAMS} and the ones the stage does not read), then the task's own.
   */
  public static List<ParamSpec> specs(Task task) {
    Map<String, ParamSpec> specs = new LinkedHashMap<>();
    for (Params stage : task.stageKinds()) {
      Set<String> inapplicable = stage instanceof TokenizingStage<?> t ? t.inapplicableParams() : Set.of();
      for (ParamSpec spec : StageParams.of(stage)) {
        if (!COMMAND_PARAMS.contains(spec.name()) && !inapplicable.contains(spec.name())) {
          specs.putIfAbsent(spec.name(), spec.withFlag(SHORT_FLAGS.getOrDefault(spec.name(), spec.flag())));
        }
      }
    }
    task.ownOptions().forEach(spec -> specs.putIfAbsent(spec.name(), spec));
    return List.copyOf(specs.values());
  }

  /** The names that set {@code spec}: its flag, and its Param's kebab-case name when the flag is short. */
  public static Set<String> names(ParamSpec spec) {
    Set<String> names = new LinkedHashSet<>();
    names.add(spec.flag());
    names.add(ParamSpec.kebab(spec.name()));
    return names;
  }

  /** The option of {@code task} that {@code key} names, if any. */
  public static Optional<ParamSpec> find(Task task, String key) {
    return find(specs(task), key);
  }

  private static Optional<ParamSpec> find(List<ParamSpec> specs, String key) {
    return specs.stream().filter(spec -> names(spec).contains(key)).findFirst();
  }

  /** Every name any of {@code task}'s options is set by: its valued options, or its switches when {@code booleans}. */
  public static Set<String> commandLineNames(Task task, boolean booleans) {
    Set<String> names = new LinkedHashSet<>();
    for (ParamSpec spec : specs(task)) {
      if ((spec.type() == ValueType.BOOLEAN) == booleans) {
        names.addAll(names(spec));
        if (booleans) {
          names(spec).forEach(name -> names.add("no-" + name));
        }
      }
    }
    return names;
  }

  /**
   * The options the command line gives: {@code --flag value}, {@code --switch} or {@code --no-switch}
   * for a boolean, a list as comma-separated items ({@code --labels '"food, drink",sports'}).
   */
  public static TaskOptions read(Task task, CommandLine cli) {
    List<ParamSpec> specs = specs(task);
    Map<String, Object> given = new LinkedHashMap<>();
    for (ParamSpec spec : specs) {
      for (String name : names(spec)) {
        cli.get(name).ifPresent(value -> given.put(name, value));
        if (spec.type() == ValueType.BOOLEAN && cli.flag("no-" + name)) {
          given.put(name, false);
        }
      }
    }
    return read(task, specs, given, name -> "--" + name, (key, refusal) -> {
      throw refusal;
    });
  }

  /**
   * Typed options from {@code given}: option name (flag or Param kebab name) → a String, number, boolean
   * or list; {@code shown} names an option in errors (its flag, or its key path in a job file). A value
   * its option's type refuses goes to {@code refused} with the error, and is left out.
   */
  static TaskOptions read(Task task, Map<String, Object> given, UnaryOperator<String> shown,
      BiConsumer<String, SparkScoreException> refused) {
    return read(task, specs(task), given, shown, refused);
  }

  private static TaskOptions read(Task task, List<ParamSpec> specs, Map<String, Object> given,
      UnaryOperator<String> shown, BiConsumer<String, SparkScoreException> refused) {
    Map<String, Object> values = new LinkedHashMap<>();
    given.forEach((key, raw) -> {
      ParamSpec spec = find(specs, key).orElseThrow(() -> {
        List<String> flags = specs.stream().map(ParamSpec::flag).toList();
        return SparkScoreErrors.UNKNOWN_OPTION.error("stage", task.name(), "option", key,
            "suggestion", StageParams.suggestion(key, flags), "options", String.join(", ", flags));
      });
      try {
        values.put(spec.name(), StageParams.convert(task.name(), spec.withFlag(shown.apply(key)), raw));
      } catch (SparkScoreException refusal) {
        refused.accept(key, refusal);
      }
    });
    return new TaskOptions(task, specs, Collections.unmodifiableMap(values));
  }

  /** The value given for the option whose Param (or own option) is {@code name}. */
  public Optional<Object> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /** The String value given for {@code name}, or {@code fallback}. */
  public String string(String name, String fallback) {
    return get(name).map(String::valueOf).orElse(fallback);
  }

  /** Whether {@code name} was given. */
  public boolean has(String name) {
    return values.containsKey(name);
  }

  /**
   * Sets every given option {@code stage} has as a Param on it. An option that is a Param of another of
   * the task's stage kinds, but not of this one, is refused; the task's own options are its to read.
   */
  public <S extends Params> S applyTo(S stage) {
    Set<String> own = new LinkedHashSet<>();
    task.ownOptions().forEach(spec -> own.add(spec.name()));
    values.forEach((name, value) -> {
      ParamSpec spec = specs.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
      if (stage.hasParam(name)) {
        StageParams.set(task.name(), stage, spec.withFlag("--" + spec.flag()), value);
      } else if (!own.contains(name)) {
        throw SparkScoreErrors.CONFLICTING_OPTIONS.error("stage", task.name(),
            "problem", "--" + spec.flag() + " does not apply to " + stage.getClass().getSimpleName());
      }
    });
    return stage;
  }

  /** Refuses a task without {@code --model}: {@code what} says which model it needs. */
  public void requireModel(String what) {
    if (!has("model")) {
      throw SparkScoreErrors.MISSING_OPTION.error("stage", task.name(), "option", "--model",
          "why", what + " (none is embedded)");
    }
  }
}
