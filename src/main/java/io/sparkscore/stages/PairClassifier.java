package io.sparkscore.stages;

import io.sparkscore.SparkScoreException;
import io.sparkscore.model.ModelConfig;
import io.sparkscore.runtime.LoadedModel;
import io.sparkscore.runtime.ModelCache;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Two text columns → what a sequence-classification model says about each pair, as Hugging Face's
 * {@code pipeline("text-classification")} does with {@code {"text": …, "text_pair": …}} inputs, and
 * as sentence-transformers' {@code CrossEncoder.predict} scores (query, passage) pairs for reranking
 * and semantic similarity. The pair is encoded with the model's pair template ({@code [CLS] a [SEP]
 * b [SEP]}, {@code <s> a </s></s> b </s>} …); a pair longer than {@code maxLength} tokens loses
 * tokens from its longer text first ({@code truncation=True}). Outputs as {@link TextClassifier}'s:
 * {@code label}, {@code score} and the ranked {@code scores}.
 *
 * <p>{@code functionToApply auto} takes the activation a CrossEncoder saved in {@code config.json}
 * ({@code Sigmoid}, {@code Identity} = none, {@code Softmax}) and otherwise follows the pipeline:
 * none for regression, sigmoid for one logit (a reranker's relevance score) or multi-label,
 * softmax otherwise. {@code CrossEncoder.predict} gives a model without a saved activation sigmoid
 * for one logit and the raw logits for several: {@code none} reproduces the latter.
 *
 * <p>A null in either column gives nulls (status {@code null_text}); empty text is scored as the
 * pipeline scores it, the special tokens standing for it (status {@code empty_text}).
 */
public final class PairClassifier extends ClassifierStage<PairClassifier> {
  private static final DefaultParamsReadable<PairClassifier> READER = new DefaultParamsReadable<>() {};
  /** sentence-transformers' saved activation modules and the score function each stands for. */
  private static final Map<String, String> CROSS_ENCODER_ACTIVATIONS = Map.of(
      "torch.nn.modules.activation.Sigmoid", ClassScores.SIGMOID,
      "torch.nn.modules.linear.Identity", ClassScores.NONE,
      "torch.nn.modules.activation.Softmax", ClassScores.SOFTMAX);

  private final Param<String> pairCol;

  public PairClassifier() {
    this(Identifiable.randomUID("pairClassifier"));
  }

  public PairClassifier(String uid) {
    super(uid, "the activation a sentence-transformers CrossEncoder saved in config.json, else as Hugging Face's "
        + "pipeline: none for problem_type regression, sigmoid for multi_label_classification or a single output, "
        + "else softmax");
    pairCol = new Param<>(this, "pairCol", "string column holding the second text of each pair (text_pair)");
    setDefault(pairCol, "text_pair");
  }

  public Param<String> pairCol() {
    return pairCol;
  }

  public String getPairCol() {
    return getOrDefault(pairCol);
  }

  public PairClassifier setPairCol(String value) {
    return with(pairCol, value);
  }

  /** Pairs and masks are truncated, never cut into windows. */
  @Override
  public Set<String> inapplicableParams() {
    return Set.of(longText().name(), stride().name());
  }

  @Override
  public StructType transformSchema(StructType schema) {
    requireTextColumn(schema);
    Schemas.requireType(this, schema, getPairCol(), DataTypes.StringType);
    sessionSettings();
    if (chunksLongText()) {
      throw SparkScoreException.user(
          "%s: longText '%s' is not supported for text pairs; a long pair is truncated (longText '%s')",
          uid(), LongText.CHUNK, LongText.TRUNCATE);
    }
    return withClassifierOutputs(schema);
  }

  @Override
  public MapPartitionsFunction<Row, Row> partitionFunction(StructType schema) {
    LabelRanking ranking = ranking(ModelCache.get(modelSpec()));
    PairScorer scorer = new PairScorer(
        schema.fieldIndex(getInputCol()), schema.fieldIndex(getPairCol()), ranking);
    return scoring(modelSpec(), scorer);
  }

  @Override
  protected String autoFunction(ModelConfig config, int labelCount) {
    String saved = config.crossEncoderActivation();
    if (saved.isEmpty()) {
      return scoreFunction(AUTO, config, labelCount);
    }
    String function = CROSS_ENCODER_ACTIVATIONS.get(saved);
    if (function == null) {
      throw SparkScoreException.user(
          "%s: the model's config.json names the CrossEncoder activation %s, which SparkScore does not know "
              + "(it knows %s); set functionToApply to softmax, sigmoid or none",
          uid(), saved, CROSS_ENCODER_ACTIVATIONS.keySet());
    }
    return function;
  }

  @Override
  public PairClassifier copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<PairClassifier> read() {
    return READER.read();
  }

  public static PairClassifier load(String path) {
    return read().load(path);
  }

  /** One (text, text_pair) sequence per row; its logits become label, score and the ranked scores. */
  private record PairScorer(int textIndex, int pairIndex, LabelRanking ranking) implements LogitsScorer {

    @Override
    public void addInputs(Row row, Inputs inputs) {
      if (!row.isNullAt(textIndex) && !row.isNullAt(pairIndex)) {
        inputs.pair(row.getString(textIndex), row.getString(pairIndex));
      }
    }

    @Override
    public Object[] combine(Row row, List<List<Scored>> inputs, LoadedModel model) {
      return inputs.isEmpty() ? ranking.nulls() : ranking.values(ranking.scores(inputs.get(0).get(0).value()));
    }
  }
}
