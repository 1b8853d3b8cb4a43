package io.sparkscore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import io.sparkscore.SparkScoreException;
import io.sparkscore.config.JobConfig;
import io.sparkscore.config.Task;
import io.sparkscore.config.TaskOptions;
import io.sparkscore.config.Tasks;
import io.sparkscore.stages.EmbeddingZeroShotClassifier;
import io.sparkscore.stages.TokenizingStage;
import io.sparkscore.stages.ZeroShotClassifier;
import io.sparkscore.stages.params.ParamSpec;
import io.sparkscore.stages.params.ParamSpec.ValueType;
import io.sparkscore.stages.params.StageParams;
import io.sparkscore.testing.TaskCommands;
import io.sparkscore.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.ml.param.Params;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Param of every task's stages is an option of the task's command, a key of its job-file task,
 * and a line of its {@code --help}, with the Param's type, default, doc and allowed values.
 */
class EveryOptionTest {
  /** A model each task can be built with (the ones with no embedded model get a fixture). */
  private static final Map<String, String> MODELS = Map.of(
      "ner", TestSpark.fixtureModel("tiny-bert-ner"),
      "qa", TestSpark.fixtureModel("tiny-bert-qa"),
      "pair", TestSpark.fixtureModel("tiny-xlmr-reranker"),
      "fill-mask", TestSpark.fixtureModel("tiny-electra-mlm"),
      "zero-shot", TestSpark.fixtureModel("tiny-nli"));
  /** The command options that set a command-owned Param. */
  private static final Map<String, String> COMMAND_OPTIONS = Map.of("inputCol", "--text-col", "statusCol", "--status-col");

  static Stream<Arguments> stageKinds() {
    List<Arguments> kinds = new ArrayList<>();
    for (Task task : Tasks.all().values()) {
      task.stageKinds().forEach(kind -> kinds.add(Arguments.of(task.name(), kind.getClass().getSimpleName())));
    }
    return kinds.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("stageKinds")
  void everyParamIsAnOptionWithItsDefaultAndDocAndIsInTheHelp(String taskName, String kindName) {
    Task task = Tasks.get(taskName);
    Params kind = kind(task, kindName);
    String help = ScoreCommand.help(task);
    Set<String> inapplicable = kind instanceof TokenizingStage<?> t ? t.inapplicableParams() : Set.of();
    List<ParamSpec> params = StageParams.of(kind);
    assertFalse(params.isEmpty());
    for (ParamSpec param : params) {
      if (inapplicable.contains(param.name())) {
        assertTrue(TaskOptions.find(task, param.flag()).isEmpty(), param.name() + " does not apply to " + kindName);
        continue;
      }
      if (COMMAND_OPTIONS.containsKey(param.name())) {
        assertTrue(help.contains("  " + COMMAND_OPTIONS.get(param.name()) + " "), help);
        continue;
      }
      ParamSpec option = TaskOptions.find(task, param.flag()).orElseThrow(
          () -> new AssertionError(taskName + ": no option for " + kindName + "." + param.name()));
      assertEquals(List.of(param.name(), param.type(), param.doc(), param.allowed()),
          List.of(option.name(), option.type(), option.doc(), option.allowed()), param.name());
      assertEquals(param.defaultValue(), option.defaultValue(), param.name());
      assertTrue(help.contains("  --" + option.flag() + " "), option.flag() + " not in\n" + help);
      assertTrue(help.contains(option.doc() + OptionsHelp.details(option) + "\n"), option.doc() + " not in\n" + help);

      Object sample = sample(option);
      String[] args = Stream.concat(methodArgs(kind).stream(), Stream.of("--" + option.flag() + "=" + commandLine(sample)))
          .toArray(String[]::new);
      assertEquals(sample, TaskCommands.options(taskName, args).get(param.name()).orElseThrow(), param.name());
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("stageKinds")
  void aJobFileSetsEveryOptionOfAStageWithItsType(String taskName, String kindName, @TempDir Path dir) throws IOException {
    Task task = Tasks.get(taskName);
    Params kind = kind(task, kindName);
    Map<String, Object> keys = new LinkedHashMap<>();
    keys.put("task", taskName);
    methodArgs(kind).forEach(arg -> keys.put("method", arg.substring("--method=".length())));
    Map<String, Object> expected = new LinkedHashMap<>();
    for (ParamSpec option : TaskOptions.specs(task)) {
      if (kind.hasParam(option.name())) {
        Object sample = option.name().equals("model") ? MODELS.getOrDefault(taskName, "minilm") : sample(option);
        keys.put(option.flag(), sample);
        expected.put(option.name(), sample);
      }
    }
    Files.writeString(dir.resolve("in.jsonl"), "{\"id\": 1, \"text\": \"a\"}\n");
    Path job = dir.resolve("job.conf");
    Files.writeString(job, "input { path = \"" + dir.resolve("in.jsonl") + "\" }\n"
        + "output { path = \"" + dir.resolve("out") + "\" }\n"
        + "tasks { t " + ConfigValueFactory.fromMap(keys).render(ConfigRenderOptions.concise()) + " }\n");
    Params stage = JobConfig.load(job.toString(), null, ConfigFactory.empty()).tasks().get(0).stage();
    assertEquals(kind.getClass(), stage.getClass());
    expected.forEach((name, value) -> {
      Object set = stage.getOrDefault(stage.getParam(name));
      assertEquals(value, set instanceof String[] array ? List.of(array) : set, name);
    });
  }

  @Test
  void aBooleanOptionIsASwitchWithANegation() {
    assertEquals(true, TaskCommands.options("embed", "--normalize").get("normalize").orElseThrow());
    assertEquals(false, TaskCommands.options("embed", "--no-normalize").get("normalize").orElseThrow());
    assertEquals(false, TaskCommands.options("embed", "--dedupe=false").get("dedupe").orElseThrow());
  }

  @Test
  void aMistypedOptionIsRefusedWithTheNearestName() {
    SparkScoreException error = TaskCommands.assertError("unknown option --max-lenght",
        () -> TaskCommands.options("embed", "--max-lenght", "8"));
    assertTrue(error.getMessage().contains("--max-length"), error.getMessage());
  }

  /** The value the tests set: the default, or where that is empty a value of the option's type. */
  private static Object sample(ParamSpec option) {
    Object value = option.defaultValue();
    if (option.type() == ValueType.STRING_LIST && (value == null || ((List<?>) value).isEmpty())) {
      return List.of("food, drink", "say \"hi\"");
    }
    if (value != null) {
      return value;
    }
    return switch (option.type()) {
      case INT -> 3;
      case LONG -> 3L;
      case DOUBLE -> 0.5;
      case BOOLEAN -> true;
      default -> option.allowed().isEmpty() ? "x" : option.allowed().get(0);
    };
  }

  /** {@code value} as the command line writes it: a list's items comma-separated, quoted where they hold a comma or quote. */
  private static String commandLine(Object value) {
    if (value instanceof List<?> items) {
      return items.stream().map(String::valueOf)
          .map(item -> item.contains(",") || item.contains("\"") ? "\"" + item.replace("\"", "\"\"") + "\"" : item)
          .collect(Collectors.joining(","));
    }
    return String.valueOf(value);
  }

  /** The zero-shot method that picks {@code kind}; none for tasks with one kind of stage. */
  private static List<String> methodArgs(Params kind) {
    if (kind instanceof ZeroShotClassifier) {
      return List.of("--method=nli");
    }
    return kind instanceof EmbeddingZeroShotClassifier ? List.of("--method=embedding") : List.of();
  }

  private static Params kind(Task task, String simpleName) {
    return task.stageKinds().stream().filter(k -> k.getClass().getSimpleName().equals(simpleName)).findFirst()
        .orElseThrow();
  }
}
