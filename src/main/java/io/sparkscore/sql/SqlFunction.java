package io.sparkscore.sql;

import io.sparkscore.model.ModelLocator;
import io.sparkscore.stages.EmbeddingZeroShotClassifier;
import io.sparkscore.stages.TextClassifier;
import io.sparkscore.stages.TextEmbedder;
import io.sparkscore.stages.TextTokenizer;
import io.sparkscore.stages.TokenizingStage;
import io.sparkscore.stages.ZeroShotClassifier;
import io.sparkscore.stages.ZeroShotStage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.param.Param;

/**
 * The SQL functions: each runs one stage. Its arguments are the text, what the stage needs besides
 * (zero-shot: the labels), the model and a map of the stage's own options; its result is the
 * column the stage adds, or a struct of the columns when it adds several.
 */
enum SqlFunction {
  EMBED("sparkscore_embed", List.of(), false, "the text's sentence embedding, array<float>, as TextEmbedder gives it",
      "SELECT _FUNC_('a happy dog');\n      > SELECT _FUNC_(text, 'minilm', map('pooling', 'cls')) FROM docs;"),
  CLASSIFY("sparkscore_classify", List.of(), true,
      "the text's label, as TextClassifier gives it: struct<label string, score double, "
          + "scores array<struct<label string, score double>>>",
      "SELECT _FUNC_(text, 'sst2').label FROM reviews;\n      > SELECT _FUNC_(text, 'sentiment', map('topK', '1')) FROM reviews;"),
  ZERO_SHOT("sparkscore_zero_shot", List.of("labels"), false,
      "the best of the labels for the text, as ZeroShotClassifier (NLI model) or EmbeddingZeroShotClassifier "
          + "(any encoder) gives it: struct<label string, labels array<string>, scores array<double>>",
      "SELECT _FUNC_(text, array('sports', 'politics')).label FROM news;\n"
          + "      > SELECT _FUNC_(text, array('yes', 'no'), 'nli', map('multiLabel', 'true')) FROM news;"),
  TOKENIZE("sparkscore_tokenize", List.of(), false,
      "the model's tokens of the text, as TextTokenizer gives them: struct<input_ids array<int>, "
          + "attention_mask array<int>, tokens array<string>>",
      "SELECT _FUNC_('a happy dog').tokens;");

  /** zero-shot's own option: which stage scores (see {@link ZeroShotStage#METHODS}). */
  static final String METHOD = "method";

  private final String sqlName;
  private final List<String> extraArguments;
  private final boolean modelRequired;
  private final String result;
  private final String examples;

  SqlFunction(String sqlName, List<String> extraArguments, boolean modelRequired, String result, String examples) {
    this.sqlName = sqlName;
    this.extraArguments = extraArguments;
    this.modelRequired = modelRequired;
    this.result = result;
    this.examples = examples;
  }

  String sqlName() {
    return sqlName;
  }

  /** Argument names in order: text, the extra ones, model, options. */
  List<String> arguments() {
    List<String> names = new ArrayList<>();
    names.add("text");
    names.addAll(extraArguments);
    names.add("model");
    names.add("options");
    return names;
  }

  /** How many leading arguments a call must give. */
  int required() {
    return 1 + extraArguments.size() + (modelRequired ? 1 : 0);
  }

  /** The stage Params the arguments set, so that the options map cannot. */
  List<String> paramsFromArguments() {
    return this == ZERO_SHOT ? List.of("model", "candidateLabels") : List.of("model");
  }

  /** A new stage for {@code model}; zero-shot takes its method from {@code options}. */
  TokenizingStage<?> newStage(String model, Map<String, String> options) {
    TokenizingStage<?> stage = switch (this) {
      case EMBED -> new TextEmbedder();
      case CLASSIFY -> new TextClassifier();
      case TOKENIZE -> new TextTokenizer();
      case ZERO_SHOT -> ZeroShotStage.forMethod(
          options.getOrDefault(METHOD, "auto"), model, options.getOrDefault("modelVariant", ""));
    };
    return stage.setModel(model);
  }

  String usage() {
    String model = modelRequired ? ", model" : " [, model";
    String tail = modelRequired ? " [, options])" : " [, options]])";
    String extra = extraArguments.isEmpty() ? "" : ", " + String.join(", ", extraArguments);
    return "_FUNC_(text" + extra + model + tail + " - " + result + ". Null text gives null.";
  }

  /** The arguments section of DESCRIBE FUNCTION EXTENDED: every option with its doc and default, from the Params. */
  String argumentDocs() {
    StringBuilder doc = new StringBuilder("\n    Arguments:\n      * text - the string to score\n");
    if (this == ZERO_SHOT) {
      doc.append("      * labels - constant array<string>: the candidate labels\n");
    }
    doc.append("      * model - constant string: an embedded model's short name (")
        .append(String.join(", ", ModelLocator.embeddedNames()))
        .append("), a model directory or URI, or an alias the session defines as spark.sparkscore.model.<alias>")
        .append(modelRequired ? "" : " (default " + ModelLocator.DEFAULT_MODEL + ")")
        .append("\n      * options - constant map<string,string> of the stage's options:\n");
    if (this == ZERO_SHOT) {
      doc.append("          method: auto (NLI when the model has an entailment label, else embedding "
          + "similarity), nli or embedding (default: auto)\n");
    }
    for (String line : optionDocs().values()) {
      doc.append("          ").append(line).append('\n');
    }
    return doc.append("  ").toString();
  }

  String exampleDocs() {
    return "\n    Examples:\n      > " + examples + "\n  ";
  }

  /** Option name → its explainParam line, over the stages this function may run. */
  private Map<String, String> optionDocs() {
    List<TokenizingStage<?>> stages = switch (this) {
      case EMBED -> List.of(new TextEmbedder());
      case CLASSIFY -> List.of(new TextClassifier());
      case TOKENIZE -> List.of(new TextTokenizer());
      case ZERO_SHOT -> List.of(new ZeroShotClassifier(), new EmbeddingZeroShotClassifier());
    };
    Map<String, String> docs = new LinkedHashMap<>();
    for (TokenizingStage<?> stage : stages) {
      for (Param<?> param : OptionValues.settable(stage, paramsFromArguments())) {
        docs.putIfAbsent(param.name(), stage.explainParam(param));
      }
    }
    return docs;
  }
}
