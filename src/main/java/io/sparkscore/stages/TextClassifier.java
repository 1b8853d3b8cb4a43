package io.sparkscore.stages;

import io.sparkscore.SparkScoreException;
import io.sparkscore.model.ClassifierGraph;
import io.sparkscore.model.ModelConfig;
import io.sparkscore.model.ModelDirectory;
import io.sparkscore.runtime.Device;
import io.sparkscore.runtime.LoadedModel;
import io.sparkscore.runtime.ModelCache;
import io.sparkscore.runtime.OnnxModel;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
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
public final class TextClassifier extends ModelStage<TextClassifier> {
  private static final DefaultParamsReadable<TextClassifier> READER = new DefaultParamsReadable<>() {};
  static final String AUTO = "auto";
  static final StructType LABEL_SCORE =
      new StructType().add("label", DataTypes.StringType, false).add("score", DataTypes.DoubleType, false);
  private static final ArrayType LABEL_SCORES = DataTypes.createArrayType(LABEL_SCORE, false);

  private final Param<String> labelCol;
  private final Param<String> scoreCol;
  private final Param<String> scoresCol;
  private final IntParam topK;
  private final Param<String> functionToApply;
  private final Param<String> chunkAggregation;

  public TextClassifier() {
    this(Identifiable.randomUID("textClassifier"));
  }

  public TextClassifier(String uid) {
    super(uid);
    labelCol = new Param<>(this, "labelCol", "output column: the best label (string)");
    scoreCol = new Param<>(this, "scoreCol", "output column: the best label's score (double)");
    scoresCol = new Param<>(this, "scoresCol",
        "output column: labels with their scores, best first, as array<struct<label: string, score: double>> "
            + "(empty = no such column)");
    topK = new IntParam(this, "topK", "how many labels scoresCol keeps, best first (0 = all)", ParamValidators.gtEq(0));
    functionToApply = new Param<>(this, "functionToApply",
        "score function over the logits: auto (as Hugging Face's pipeline: none for problem_type regression, "
            + "sigmoid for multi_label_classification or a single output, else softmax), softmax, sigmoid or none",
        ParamValidators.inArray(new String[] {AUTO, ClassScores.SOFTMAX, ClassScores.SIGMOID, ClassScores.NONE}));
    chunkAggregation = new Param<>(this, "chunkAggregation",
        "with longText chunk, a label's score from its scores in the windows: mean (weighted by each window's "
            + "tokens) or max", ParamValidators.inArray(new String[] {LongText.MEAN, LongText.MAX}));
    setDefault(model(), ClassifierGraph.DEFAULT_SENTIMENT);
    setDefault(labelCol, "label");
    setDefault(scoreCol, "score");
    setDefault(scoresCol, "scores");
    setDefault(topK, 0);
    setDefault(functionToApply, AUTO);
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

  public Param<String> labelCol() {
    return labelCol;
  }

  public String getLabelCol() {
    return getOrDefault(labelCol);
  }

  public TextClassifier setLabelCol(String value) {
    return with(labelCol, value);
  }

  public Param<String> scoreCol() {
    return scoreCol;
  }

  public String getScoreCol() {
    return getOrDefault(scoreCol);
  }

  public TextClassifier setScoreCol(String value) {
    return with(scoreCol, value);
  }

  public Param<String> scoresCol() {
    return scoresCol;
  }

  public String getScoresCol() {
    return getOrDefault(scoresCol);
  }

  public TextClassifier setScoresCol(String value) {
    return with(scoresCol, value);
  }

  public IntParam topK() {
    return topK;
  }

  public int getTopK() {
    return (Integer) getOrDefault(topK);
  }

  public TextClassifier setTopK(int value) {
    return with(topK, value);
  }

  public Param<String> functionToApply() {
    return functionToApply;
  }

  public String getFunctionToApply() {
    return getOrDefault(functionToApply);
  }

  public TextClassifier setFunctionToApply(String value) {
    return with(functionToApply, value);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    requireTextColumn(schema);
    sessionSettings();
    List<StructField> outputs = new ArrayList<>(List.of(
        DataTypes.createStructField(getLabelCol(), DataTypes.StringType, true),
        DataTypes.createStructField(getScoreCol(), DataTypes.DoubleType, true)));
    if (!getScoresCol().isEmpty()) {
      outputs.add(DataTypes.createStructField(getScoresCol(), LABEL_SCORES, true));
    }
    return withStatusColumn(Schemas.addOutputs(this, schema, outputs.toArray(new StructField[0])));
  }

  @Override
  public MapPartitionsFunction<Row, Row> partitionFunction(StructType schema) {
    LoadedModel model = ModelCache.get(modelSpec());
    // Fails fast on the driver when the tokenizer cannot honour maxLength or stride.
    model.tokenizer(tokenizerSettings());
    OnnxModel session = model.session(sessionSettings(), Device.CPU);
    List<String> labels = labels(model.directory(), session);
    String function = scoreFunction(getFunctionToApply(), model.directory().config(), labels.size());
    ClassifyScorer scorer = new ClassifyScorer(
        schema.fieldIndex(getInputCol()), model.directory().name(), labels, function, getTopK(),
        !getScoresCol().isEmpty(), chunksLongText() ? getChunkAggregation() : null);
    return scoring(modelSpec(), scorer);
  }

  /** id2label in id order; {@code LABEL_i} for a graph with a static {@code logits} width and no id2label. */
  private List<String> labels(ModelDirectory dir, OnnxModel session) {
    String output = session.logitsOutput();
    List<String> labels = dir.config().labels();
    if (!labels.isEmpty()) {
      return labels;
    }
    long[] shape = session.outputShapes().get(output);
    if (!output.equals("logits") || shape.length != 2 || shape[1] <= 0) {
      throw SparkScoreException.user(
          "%s: model %s is not a sequence-classification model: its config.json has no id2label and its graph "
              + "has no logits output of fixed width (outputs: %s)",
          uid(), dir.name(), session.outputShapes().keySet());
    }
    List<String> generated = new ArrayList<>();
    for (int i = 0; i < shape[1]; i++) {
      generated.add("LABEL_" + i);
    }
    return generated;
  }

  /** The function Hugging Face's text-classification pipeline applies when none is given. */
  static String scoreFunction(String requested, ModelConfig config, int labelCount) {
    if (!requested.equals(AUTO)) {
      return requested;
    }
    if (config.problemType().equals("regression")) {
      return ClassScores.NONE;
    }
    return config.isMultiLabel() || labelCount == 1 ? ClassScores.SIGMOID : ClassScores.SOFTMAX;
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
  private record ClassifyScorer(
      int textIndex, String modelName, List<String> labels, String function, int topK, boolean withScores,
      String aggregation) implements LogitsScorer {

    @Override
    public void addInputs(Row row, Inputs inputs) {
      if (!row.isNullAt(textIndex)) {
        inputs.text(row.getString(textIndex));
      }
    }

    @Override
    public Object[] combine(Row row, List<List<Scored>> inputs, LoadedModel model) {
      if (inputs.isEmpty()) {
        return withScores ? new Object[] {null, null, null} : new Object[] {null, null};
      }
      List<Scored> windows = inputs.get(0);
      double[] scores = aggregation == null
          ? scores(windows.get(0).value())
          : LongText.combine(windows, aggregation, this::scores);
      Integer[] order = ClassScores.bestFirst(scores);
      String best = labels.get(order[0]);
      if (!withScores) {
        return new Object[] {best, scores[order[0]]};
      }
      int kept = topK == 0 ? order.length : Math.min(topK, order.length);
      Row[] ranked = new Row[kept];
      for (int i = 0; i < kept; i++) {
        ranked[i] = RowFactory.create(labels.get(order[i]), scores[order[i]]);
      }
      return new Object[] {best, scores[order[0]], ranked};
    }

    private double[] scores(float[] logits) {
      if (logits.length != labels.size()) {
        throw SparkScoreException.user(
            "model %s: the graph gave %d logits but config.json's id2label has %d labels %s",
            modelName, logits.length, labels.size(), labels);
      }
      return ClassScores.apply(function, logits);
    }
  }
}
