package io.sparkscore.stages;

import io.sparkscore.SparkScoreException;
import io.sparkscore.model.ModelLocator;
import io.sparkscore.runtime.LoadedModel;
import io.sparkscore.runtime.ModelCache;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What the zero-shot stages share: candidate labels (a fixed list or an {@code array<string>}
 * column), the hypothesis template, multi-label scoring, and three output columns: the best
 * {@code label}, and {@code labels} with their {@code scores}, best first.
 *
 * <p>Null text gives null in all three. So does a null labels cell; an empty labels array gives
 * empty {@code labels} and {@code scores} and a null {@code label}, and runs no model.
 */
public abstract class ZeroShotStage<S extends ZeroShotStage<S>> extends ModelStage<S> {
  private static final ArrayType LABELS = DataTypes.createArrayType(DataTypes.StringType, false);
  private static final ArrayType SCORES = DataTypes.createArrayType(DataTypes.DoubleType, false);

  private final StringArrayParam candidateLabels;
  private final Param<String> candidateLabelsCol;
  private final Param<String> hypothesisTemplate;
  private final BooleanParam multiLabel;
  private final Param<String> labelCol;
  private final Param<String> labelsCol;
  private final Param<String> scoresCol;

  protected ZeroShotStage(String uid) {
    super(uid);
    candidateLabels = new StringArrayParam(this, "candidateLabels",
        "the candidate labels of every row, used as written (commas and all); leave empty when candidateLabelsCol "
            + "is set");
    candidateLabelsCol = new Param<>(this, "candidateLabelsCol",
        "array<string> column with each row's candidate labels (empty = use candidateLabels)");
    hypothesisTemplate = new Param<>(this, "hypothesisTemplate",
        "the hypothesis each label is put into; its one {} is replaced by the label (e.g. 'Este ejemplo es {}.')");
    multiLabel = new BooleanParam(this, "multiLabel",
        "score each label on its own instead of sharing one distribution across the labels");
    labelCol = new Param<>(this, "labelCol", "output column: the best label (string)");
    labelsCol = new Param<>(this, "labelsCol", "output column: the candidate labels, best first (array<string>)");
    scoresCol = new Param<>(this, "scoresCol", "output column: their scores, in the same order (array<double>)");
    setDefault(candidateLabels, new String[0]);
    setDefault(candidateLabelsCol, "");
    setDefault(hypothesisTemplate, "This example is {}.");
    setDefault(multiLabel, false);
    setDefault(labelCol, "label");
    setDefault(labelsCol, "labels");
    setDefault(scoresCol, "scores");
  }

  public StringArrayParam candidateLabels() {
    return candidateLabels;
  }

  public String[] getCandidateLabels() {
    return getOrDefault(candidateLabels);
  }

  public S setCandidateLabels(String... value) {
    return with(candidateLabels, value);
  }

  public Param<String> candidateLabelsCol() {
    return candidateLabelsCol;
  }

  public String getCandidateLabelsCol() {
    return getOrDefault(candidateLabelsCol);
  }

  public S setCandidateLabelsCol(String value) {
    return with(candidateLabelsCol, value);
  }

  public Param<String> hypothesisTemplate() {
    return hypothesisTemplate;
  }

  public String getHypothesisTemplate() {
    return getOrDefault(hypothesisTemplate);
  }

  public S setHypothesisTemplate(String value) {
    return with(hypothesisTemplate, value);
  }

  public BooleanParam multiLabel() {
    return multiLabel;
  }

  public boolean getMultiLabel() {
    return (Boolean) getOrDefault(multiLabel);
  }

  public S setMultiLabel(boolean value) {
    return with(multiLabel, value);
  }

  public Param<String> labelCol() {
    return labelCol;
  }

  public String getLabelCol() {
    return getOrDefault(labelCol);
  }

  public S setLabelCol(String value) {
    return with(labelCol, value);
  }

  public Param<String> labelsCol() {
    return labelsCol;
  }

  public String getLabelsCol() {
    return getOrDefault(labelsCol);
  }

  public S setLabelsCol(String value) {
    return with(labelsCol, value);
  }

  public Param<String> scoresCol() {
    return scoresCol;
  }

  public String getScoresCol() {
    return getOrDefault(scoresCol);
  }

  public S setScoresCol(String value) {
    return with(scoresCol, value);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    requireTextColumn(schema);
    sessionSettings();
    if (chunksLongText()) {
      throw SparkScoreException.user(
          "%s: longText '%s' is not supported for zero-shot classification; long texts are truncated (longText '%s')",
          uid(), LongText.CHUNK, LongText.TRUNCATE);
    }
    String problem = CandidateLabels.templateProblem(getHypothesisTemplate());
    if (problem != null) {
      throw SparkScoreException.user("%s: hypothesisTemplate '%s' %s", uid(), getHypothesisTemplate(), problem);
    }
    List<String> fixed = Arrays.asList(getCandidateLabels());
    if (!getCandidateLabelsCol().isEmpty()) {
      if (!fixed.isEmpty()) {
        throw SparkScoreException.user(
            "%s: set candidateLabels %s or candidateLabelsCol '%s', not both", uid(), fixed, getCandidateLabelsCol());
      }
      Schemas.requireType(this, schema, getCandidateLabelsCol(), DataTypes.createArrayType(DataTypes.StringType));
    } else if (fixed.isEmpty()) {
      throw SparkScoreException.user(
          "%s: no candidate labels: set candidateLabels (a fixed list) or candidateLabelsCol (an array<string> column)",
          uid());
    } else if (fixed.contains(null)) {
      throw SparkScoreException.user("%s: candidateLabels %s holds a null label", uid(), fixed);
    }
    return withStatusColumn(Schemas.addOutputs(this, schema,
        DataTypes.createStructField(getLabelCol(), DataTypes.StringType, true),
        DataTypes.createStructField(getLabelsCol(), LABELS, true),
        DataTypes.createStructField(getScoresCol(), SCORES, true)));
  }

  @Override
  public MapPartitionsFunction<Row, Row> partitionFunction(StructType in) {
    String labelsColumn = getCandidateLabelsCol();
    CandidateLabels candidates = new CandidateLabels(
        uid(),
        Arrays.asList(getCandidateLabels()),
        labelsColumn.isEmpty() ? -1 : in.fieldIndex(labelsColumn),
        labelsColumn,
        getHypothesisTemplate());
    RowScorer scorer = scorer(ModelCache.get(modelSpec()), in.fieldIndex(getInputCol()), candidates);
    return scoring(modelSpec(), scorer);
  }

  /** How zero-shot scores are computed: auto picks nli when the model has an entailment label, else embedding. */
  public static final List<String> METHODS = List.of("auto", "nli", "embedding");

  /**
   * A new stage for {@code method}, one of {@link #METHODS}; auto reads the model's config to choose,
   * so the default model (an encoder) gets embedding similarity.
   */
  public static ZeroShotStage<?> forMethod(String method, String model, String modelVariant) {
    if (!METHODS.contains(method)) {
      throw SparkScoreException.user("method must be one of %s, got '%s'", METHODS, method);
    }
    boolean nli = method.equals("auto")
        ? ZeroShotClassifier.isNliModel(ModelLocator.locate(model, modelVariant).config())
        : method.equals("nli");
    ZeroShotStage<?> stage = nli ? new ZeroShotClassifier() : new EmbeddingZeroShotClassifier();
    return stage.setModel(model).setModelVariant(modelVariant);
  }

  /** The scorer for {@code model}, after checking on the driver that the model can do this. */
  abstract RowScorer scorer(LoadedModel model, int textIndex, CandidateLabels candidates);

  /** The output values: the best label, then labels and scores best first; nulls for a null input. */
  static Object[] ranked(List<String> labels, double[] scores) {
    if (labels == null) {
      return new Object[] {null, null, null};
    }
    Integer[] order = ClassScores.bestFirst(scores);
    String[] sortedLabels = new String[order.length];
    double[] sortedScores = new double[order.length];
    for (int i = 0; i < order.length; i++) {
      sortedLabels[i] = labels.get(order[i]);
      sortedScores[i] = scores[order[i]];
    }
    return new Object[] {order.length == 0 ? null : sortedLabels[0], sortedLabels, sortedScores};
  }
}
