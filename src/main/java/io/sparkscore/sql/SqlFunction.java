package io.sparkscore.sql;

import io.sparkscore.model.ModelLocator;
import io.sparkscore.stages.EmbeddingZeroShotClassifier;
import io.sparkscore.stages.MaskFiller;
import io.sparkscore.stages.PairClassifier;
import io.sparkscore.stages.QuestionAnswerer;
import io.sparkscore.stages.TextClassifier;
import io.sparkscore.stages.TextEmbedder;
import io.sparkscore.stages.TextTokenizer;
import io.sparkscore.stages.TokenClassifier;
import io.sparkscore.stages.TokenizingStage;
import io.sparkscore.stages.ZeroShotClassifier;
import io.sparkscore.stages.ZeroShotStage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.param.Param;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The SQL functions: each runs one stage. Its arguments are the texts the stage reads (one, or a
 * question and context, or a text pair), what the stage needs besides (zero-shot: the labels), the
 * model and a map of the stage's own options; its result is the column the stage adds, or a struct
 * of the columns when it adds several.
 */
enum SqlFunction {
  EMBED("sparkscore_embed", List.of("text"), List.of(), false,
      "the text's sentence embedding, array<float>, as TextEmbedder gives it",
      "SELECT _FUNC_('a happy dog');\n      > SELECT _FUNC_(text, 'minilm', map('pooling', 'cls')) FROM docs;"),
  CLASSIFY("sparkscore_classify", List.of("text"), List.of(), true,
      "the text's label, as TextClassifier gives it: struct<label string, score double, "
          + "scores array<struct<label string, score double>>>",
      "SELECT _FUNC_(text, 'sst2').label FROM reviews;\n      > SELECT _FUNC_(text, 'sentiment', map('topK', '1')) FROM reviews;"),
  ZERO_SHOT("sparkscore_zero_shot", List.of("text"), List.of("labels"), false,
      "the best of the labels for the text, as ZeroShotClassifier (NLI model) or EmbeddingZeroShotClassifier "
          + "(any encoder) gives it: struct<label string, labels array<string>, scores array<double>>",
      "SELECT _FUNC_(text, array('sports', 'politics')).label FROM news;\n"
          + "      > SELECT _FUNC_(text, array('yes', 'no'), 'nli', map('multiLabel', 'true')) FROM news;"),
  TOKENIZE("sparkscore_tokenize", List.of("text"), List.of(), false,
      "the model's tokens of the text, as TextTokenizer gives them: struct<input_ids array<int>, "
          + "attention_mask array<int>, tokens array<string>>",
      "SELECT _FUNC_('a happy dog').tokens;"),
  NER("sparkscore_ner", List.of("text"), List.of(), true,
      "the text's named entities, as TokenClassifier finds them: array<struct<entity string, score double, "
          + "index int, word string, start int, end int>> per token, or with an aggregationStrategy "
          + "array<struct<entity_group string, score double, word string, start int, end int>>",
      "SELECT _FUNC_(text, '/models/ner', map('aggregationStrategy', 'simple')) FROM news;"),
  QA("sparkscore_qa", List.of("question", "context"), List.of(), true,
      "the answer to the question found in the context, as QuestionAnswerer finds it: struct<answer string, "
          + "score double, start int, end int> (start and end index the context), or with topK above 1 an array "
          + "of them, best first",
      "SELECT _FUNC_('Where does Wolfgang live?', context, '/models/squad').answer FROM pages;"),
  PAIR("sparkscore_pair", List.of("text", "text_pair"), List.of(), true,
      "what a sequence-classification or cross-encoder model says about the pair, as PairClassifier gives it: "
          + "struct<label string, score double, scores array<struct<label string, score double>>>",
      "SELECT _FUNC_(query, passage, '/models/reranker').score FROM candidates;"),
  FILL_MASK("sparkscore_fill_mask", List.of("text"), List.of(), true,
      "per mask token of the text, in text order, its best fillers, as MaskFiller gives them: "
          + "array<array<struct<score double, token int, token_str string, sequence string>>>",
      "SELECT _FUNC_('Paris is the [MASK] of France.', '/models/bert-mlm')[0][0].token_str;");

  /** What each text argument is, for DESCRIBE FUNCTION. */
  private static final Map<String, String> TEXT_DOCS = Map.of(
      "text", "the string to score",
      "question", "the string question",
      "context", "the string the answer is taken from",
      "text_pair", "the string second text of the pair");

  /** zero-shot's own option: which stage scores (see {@link ZeroShotStage#METHODS}). */
  static final String METHOD = "method";

  private final String sqlName;
  /** The text arguments, which are also the columns the operator hands the stage. */
  private final List<String> texts;
  private final List<String> extraArguments;
  private final boolean modelRequired;
  private final String result;
  private final String examples;

  SqlFunction(String sqlName, List<String> texts, List<String> extraArguments, boolean modelRequired, String result,
      String examples) {
    this.sqlName = sqlName;
    this.texts = texts;
    this.extraArguments = extraArguments;
    this.modelRequired = modelRequired;
    this.result = result;
    this.examples = examples;
  }

  String sqlName() {
    return sqlName;
  }

  /** How many leading arguments are text, each a string column of {@link #input}. */
  int textCount() {
    return texts.size();
  }

  /** The rows the operator hands the stage: one nullable string column per text argument. */
  StructType input() {
    StructType input = new StructType();
    for (String text : texts) {
      input = input.add(text, DataTypes.StringType, true);
    }
    return input;
  }

  /** Argument names in order: the texts, the extra ones, model, options. */
  List<String> arguments() {
    List<String> names = new ArrayList<>(texts);
    names.addAll(extraArguments);
    names.add("model");
    names.add("options");
    return names;
  }

  /** How many leading arguments a call must give. */
  int required() {
    return texts.size() + extraArguments.size() + (modelRequired ? 1 : 0);
  }

  /** The stage Params the arguments set, so that the options map cannot. */
  List<String> paramsFromArguments() {
    return this == ZERO_SHOT ? List.of("model", "candidateLabels") : List.of("model");
  }

  /** A new stage for {@code model} reading {@link #input}; zero-shot takes its method from {@code options}. */
  TokenizingStage<?> newStage(String model, Map<String, String> options) {
    TokenizingStage<?> stage = this == ZERO_SHOT
        ? ZeroShotStage.forMethod(options.getOrDefault(METHOD, "auto"), model, options.getOrDefault("modelVariant", ""))
        : stages().get(0);
    if (stage instanceof QuestionAnswerer qa) {
      qa.setQuestionCol(texts.get(0)).setContextCol(texts.get(1));
    } else {
      stage.setInputCol(texts.get(0));
    }
    if (stage instanceof PairClassifier pair) {
      pair.setPairCol(texts.get(1));
    }
    return stage.setModel(model);
  }

  /** New stages with their defaults: the one this function runs, or for zero-shot both it may run. */
  private List<TokenizingStage<?>> stages() {
    return switch (this) {
      case EMBED -> List.of(new TextEmbedder());
      case CLASSIFY -> List.of(new TextClassifier());
      case TOKENIZE -> List.of(new TextTokenizer());
      case ZERO_SHOT -> List.of(new ZeroShotClassifier(), new EmbeddingZeroShotClassifier());
      case NER -> List.of(new TokenClassifier());
      case QA -> List.of(new QuestionAnswerer());
      case PAIR -> List.of(new PairClassifier());
      case FILL_MASK -> List.of(new MaskFiller());
    };
  }

  String usage() {
    String model = modelRequired ? ", model" : " [, model";
    String tail = modelRequired ? " [, options])" : " [, options]])";
    List<String> leading = new ArrayList<>(texts);
    leading.addAll(extraArguments);
    String nulls = texts.size() == 1 ? "Null text gives null." : "A null " + String.join(" or ", texts) + " gives null.";
    return "_FUNC_(" + String.join(", ", leading) + model + tail + " - " + result + ". " + nulls;
  }

  /** The arguments section of DESCRIBE FUNCTION EXTENDED: every option with its doc and default, from the Params. */
  String argumentDocs() {
    StringBuilder doc = new StringBuilder("\n    Arguments:\n");
    for (String text : texts) {
      doc.append("      * ").append(text).append(" - ").append(TEXT_DOCS.get(text)).append('\n');
    }
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
    Map<String, String> docs = new LinkedHashMap<>();
    for (TokenizingStage<?> stage : stages()) {
      for (Param<?> param : OptionValues.settable(stage, paramsFromArguments())) {
        docs.putIfAbsent(param.name(), stage.explainParam(param));
      }
    }
    return docs;
  }
}
