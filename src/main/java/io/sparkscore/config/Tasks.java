package io.sparkscore.config;

import io.sparkscore.SparkScoreException;
import io.sparkscore.stages.TextEmbedder;
import io.sparkscore.stages.TextTokenizer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.Transformer;

/** The tasks jobs can run, by name. */
public final class Tasks {
  private static final Map<String, Task> TASKS = new LinkedHashMap<>();

  static {
    register(new Task() {
      @Override
      public String name() {
        return "tokenize";
      }

      @Override
      public String summary() {
        return "token ids, attention mask and tokens from the model's tokenizer.json";
      }

      @Override
      public Set<String> options() {
        return StageOptions.TOKENIZING;
      }

      @Override
      public Transformer stage(CommandLine cli, String textCol) {
        return StageOptions.applyTokenizing(new TextTokenizer(), cli, textCol);
      }
    });
    register(new Task() {
      @Override
      public String name() {
        return "embed";
      }

      @Override
      public String summary() {
        return "sentence embeddings (array<float>) with the model's pooling";
      }

      @Override
      public Set<String> options() {
        return StageOptions.union(StageOptions.MODEL, Set.of("pooling"));
      }

      @Override
      public Set<String> flags() {
        return Set.of("normalize", "no-normalize");
      }

      @Override
      public Transformer stage(CommandLine cli, String textCol) {
        TextEmbedder embedder = StageOptions.applyModel(new TextEmbedder(), cli, textCol);
        cli.get("pooling").ifPresent(embedder::setPooling);
        if (cli.flag("normalize")) {
          embedder.setNormalize(true);
        } else if (cli.flag("no-normalize")) {
          embedder.setNormalize(false);
        }
        return embedder;
      }
    });
    register(new SentimentTask());
    register(new ZeroShotTask());
    register(new NerTask());
    register(new QaTask());
    register(new PairTask());
    register(new FillMaskTask());
  }

  private Tasks() {}

  public static void register(Task task) {
    TASKS.put(task.name(), task);
  }

  public static Map<String, Task> all() {
    return java.util.Collections.unmodifiableMap(TASKS);
  }

  public static Task get(String name) {
    Task task = TASKS.get(name);
    if (task == null) {
      throw SparkScoreException.user("unknown task '%s'; tasks: %s", name, String.join(", ", TASKS.keySet()));
    }
    return task;
  }
}
