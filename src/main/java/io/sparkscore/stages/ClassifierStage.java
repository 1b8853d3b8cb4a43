package io.sparkscore.stages;

import io.sparkscore.SparkScoreException;
import io.sparkscore.model.ModelConfig;
import io.sparkscore.model.ModelDirectory;
import io.sparkscore.runtime.Device;
import io.sparkscore.runtime.LoadedModel;
import io.sparkscore.runtime.OnnxModel;
import io.sparkscore.stages.params.ChoiceParam;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A stage whose model has a sequence-classification head: the label, score and ranked scores
 * columns, {@code topK} and {@code functionToApply}, declared once for the text and the text-pair
 * classifier.
 */
public abstract class ClassifierStage<S extends ClassifierStage<S>> extends ModelStage<S> {
  static final String AUTO = "auto";
  static final StructType LABEL_SCORE =
      new StructType().add("label", DataTypes.StringType, false).add("score", DataTypes.DoubleType, false);
  private static final ArrayType LABEL_SCORES = DataTypes.createArrayType(LABEL_SCORE, false);

  private final Param<String> labelCol;
  private final Param<String> scoreCol;
  private final Param<String> scoresCol;
  private final IntParam topK;
  private final Param<String> functionToApply;

  protected ClassifierStage(String uid, String autoFunctionDoc) {
    super(uid);
    labelCol = new Param<>(this, "labelCol", "output column: the best label (string)");
    scoreCol = new Param<>(this, "scoreCol", "output column: the best label's score (double)");
    scoresCol = new Param<>(this, "scoresCol",
        "output column: labels with their scores, best first, as array<struct<label: string, score: double>> "
            + "(empty = no such column)");
    topK = new IntParam(this, "topK", "how many labels scoresCol keeps, best first (0 = all)", ParamValidators.gtEq(0));
    functionToApply = new ChoiceParam(this, "functionToApply",
        "score function over the logits: auto (" + autoFunctionDoc + "), softmax, sigmoid or none",
        List.of(AUTO, ClassScores.SOFTMAX, ClassScores.SIGMOID, ClassScores.NONE));
    setDefault(labelCol, "label");
    setDefault(scoreCol, "score");
    setDefault(scoresCol, "scores");
    setDefault(topK, 0);
    setDefault(functionToApply, AUTO);
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

  public Param<String> scoreCol() {
    return scoreCol;
  }

  public String getScoreCol() {
    return getOrDefault(scoreCol);
  }

  public S setScoreCol(String value) {
    return with(scoreCol, value);
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

  public IntParam topK() {
    return topK;
  }

  public int getTopK() {
    return (Integer) getOrDefault(topK);
  }

  public S setTopK(int value) {
    return with(topK, value);
  }

  public Param<String> functionToApply() {
    return functionToApply;
  }

  public String getFunctionToApply() {
    return getOrDefault(functionToApply);
  }

  public S setFunctionToApply(String value) {
    return with(functionToApply, value);
  }

  /** {@code schema} with the label, score and (unless scoresCol is empty) scores columns, then the status. */
  protected StructType withClassifierOutputs(StructType schema) {
    List<StructField> outputs = new ArrayList<>(List.of(
        DataTypes.createStructField(getLabelCol(), DataTypes.StringType, true),
        DataTypes.createStructField(getScoreCol(), DataTypes.DoubleType, true)));
    if (!getScoresCol().isEmpty()) {
      outputs.add(DataTypes.createStructField(getScoresCol(), LABEL_SCORES, true));
    }
    return withStatusColumn(Schemas.addOutputs(this, schema, outputs.toArray(new StructField[0])));
  }

  /**
   * How this stage turns a model's logits into its columns, checked on the driver: the labels, and
   * the function {@code auto} resolves to for this model.
   */
  protected LabelRanking ranking(LoadedModel model) {
    // Fails fast on the driver when the tokenizer cannot honour maxLength or stride.
    model.tokenizer(tokenizerSettings());
    OnnxModel session = model.session(sessionSettings(), Device.CPU);
    List<String> labels = labels(model.directory(), session);
    String function = getFunctionToApply().equals(AUTO)
        ? autoFunction(model.directory().config(), labels.size())
        : getFunctionToApply();
    return new LabelRanking(model.directory().name(), labels, function, getTopK(), !getScoresCol().isEmpty());
  }

  /** The function {@code functionToApply auto} stands for with this model. */
  protected abstract String autoFunction(ModelConfig config, int labelCount);

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
}
