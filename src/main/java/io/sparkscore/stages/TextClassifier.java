package io.sparkscore.stages;

import io.sparkscore.model.ClassifierGraph;
import io.sparkscore.model.ModelConfig;
import io.sparkscore.runtime.LoadedModel;
import io.sparkscore.runtime.ModelCache;
import io.sparkscore.stages.params.ChoiceParam;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Text column → the label a sequence-classification model gives it, as Hugging Face's
 * {@code pipeline("text-classification")} (alias {@code sentiment-analysis}) does: {@code label}
 * (string), its {@code score} (double) and {@code scores}, every label with its score as {@code
 * array<struct<label: string, score: double>>}, best first (ties in label id order), cut to
 * {@code topK}.
 *
 * <p>With no model it runs {@code minilm-sentiment}: the embedded English MiniLM with a logistic
 * head SparkScore's {@code train} fitted on SST-2 (NEGATIVE, POSITIVE).
 *
 * <p>Labels are the model's {@code config.json} {@code id2label} ({@code LABEL_i} when it has none
 * but the graph has a {@code logits} output). {@code functionToApply} {@code auto} follows the
 * pipeline: none for {@code problem_type: regression}, sigmoid for {@code
 * multi_label_classification} or a one-output head, softmax otherwise.
 *
 * <p>Null text gives null in every output column. Empty text is classified as Hugging Face
 * classifies it: the model's special tokens alone. Text longer than {@code maxLength} tokens is
 * truncated, or with {@code longText} chunk classified window by window: each label's score is then
 * the token-weighted mean of its scores in the windows ({@code chunkAggregation} mean) or its
 * highest ({@code max}).
 */
public final class TextClassifier extends ClassifierStage<TextClassifier> {
  private static final DefaultParamsReadable<TextClassifier> READER = new DefaultParamsReadable<>() {};

  private final Param<String> chunkAggregation;

  public TextClassifier() {
    this(Identifiable.randomUID("textClassifier"));
  }

  public TextClassifier(String uid) {
    super(uid, "as Hugging Face's pipeline: none for problem_type regression, sigmoid for "
        + "multi_label_classification or a single output, else softmax");
    chunkAggregation = new ChoiceParam(this, "chunkAggregation",
        "with longText chunk, a label's score from its scores in the windows: mean (weighted by each window's "
            + "tokens) or max", List.of(LongText.MEAN, LongText.MAX));
    setDefault(model(), ClassifierGraph.DEFAULT_SENTIMENT);
    setDefault(chunkAggregation, LongText.MEAN);
  }

  public Param<String> chunkAggregation() {
    return chunkAggregation;
  }

  public String getChunkAggregation() {
    return getOrDefault(chunkAggregation);
  }

  public TextClassifier setChunkAggregation(String value) {
    return with(chunkAggregation, value);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    requireTextColumn(schema);
    sessionSettings();
    return withClassifierOutputs(schema);
  }

  @Override
  public MapPartitionsFunction<Row, Row> partitionFunction(StructType schema) {
    LabelRanking ranking = ranking(ModelCache.get(modelSpec()));
    ClassifyScorer scorer = new ClassifyScorer(
        schema.fieldIndex(getInputCol()), ranking, chunksLongText() ? getChunkAggregation() : null);
    return scoring(modelSpec(), scorer);
  }

  @Override
  protected String autoFunction(ModelConfig config, int labelCount) {
    return scoreFunction(AUTO, config, labelCount);
  }

  @Override
  public TextClassifier copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<TextClassifier> read() {
    return READER.read();
  }

  public static TextClassifier load(String path) {
    return read().load(path);
  }

  /**
   * One sequence per row, or one per window of a chunked text; the scores of its logits, combined
   * over the windows by {@code aggregation}, become label, score and the ranked scores.
   */
  private record ClassifyScorer(int textIndex, LabelRanking ranking, String aggregation) implements LogitsScorer {

    @Override
    public void addInputs(Row row, Inputs inputs) {
      if (!row.isNullAt(textIndex)) {
        inputs.text(row.getString(textIndex));
      }
    }

    @Override
    public Object[] combine(Row row, List<List<Scored>> inputs, LoadedModel model) {
      if (inputs.isEmpty()) {
        return ranking.nulls();
      }
      List<Scored> windows = inputs.get(0);
      double[] scores = aggregation == null
          ? ranking.scores(windows.get(0).value())
          : LongText.combine(windows, aggregation, ranking::scores);
      return ranking.values(scores);
    }
  }
}
