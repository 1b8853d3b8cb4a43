package io.sparkscore.config;

import io.sparkscore.SparkScoreErrors;
import io.sparkscore.stages.MaskFiller;
import io.sparkscore.stages.TextEmbedder;
import io.sparkscore.stages.TextTokenizer;
import io.sparkscore.stages.TokenClassifier;
import io.sparkscore.stages.params.StageParams;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The tasks jobs can run, by name. */
public final class Tasks {
  private static final Map<String, Task> TASKS = new LinkedHashMap<>();

  static {
    register(new TextTask("tokenize", "token ids, attention mask and tokens from the model's tokenizer.json", "",
        TextTokenizer::new));
    register(new TextTask("embed", "sentence embeddings (array<float>) with the model's pooling", "",
        TextEmbedder::new));
    register(new SentimentTask());
    register(new ZeroShotTask());
    register(new TextTask("ner",
        "named entities (entity, score, word, start, end) from a token-classification model (--model required)",
        "a token-classification model directory or URI", TokenClassifier::new));
    register(new QaTask());
    register(new PairTask());
    register(new TextTask("fill-mask",
        "the --top-k best tokens for each mask token of the text (restricted to --targets), from a masked-LM "
            + "model (--model required)",
        "a masked-LM model directory or URI (AutoModelForMaskedLM export)", MaskFiller::new));
  }

  private Tasks() {}

  public static void register(Task task) {
    TASKS.put(task.name(), task);
  }

  public static Map<String, Task> all() {
    return Collections.unmodifiableMap(TASKS);
  }

  public static Task get(String name) {
    Task task = TASKS.get(name);
    if (task == null) {
      throw SparkScoreErrors.UNKNOWN_TASK.error("task", name,
          "suggestion", StageParams.suggestion(name, TASKS.keySet()),
          "tasks", String.join(", ", TASKS.keySet()));
    }
    return task;
  }
}
