package io.sparkscore.training;

import static org.apache.spark.sql.functions.col;

import io.sparkscore.SparkScoreException;
import io.sparkscore.model.ModelLocator;
import io.sparkscore.stages.TextEmbedder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.LinearSVC;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.IndexToString;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Labelled text → a fitted {@code PipelineModel}: our {@link TextEmbedder} (MLlib vectors), an
 * MLlib classifier on the embeddings ({@code logistic} regression, linear {@code svm} or an
 * {@code mlp}), then {@code IndexToString} giving the label back as a string in {@code
 * predictionCol}. The classifier's regularisation ({@code regParams}; for the mlp, its hidden
 * width from {@code hiddenSizes}) is chosen by {@code folds}-fold cross-validation on accuracy,
 * with the texts embedded once. Labels are strings (numbers are read as their text), indexed in
 * alphabetical order; a row with a null text or label is refused, never dropped.
 */
public final class TextClassifierTrainer extends Estimator<PipelineModel> implements DefaultParamsWritable {
  public static final String LOGISTIC = "logistic";
  public static final String SVM = "svm";
  public static final String MLP = "mlp";
  /** Columns the fitted pipeline adds before predictionCol. */
  public static final String FEATURES = "features";
  static final String LABEL = "label_text";
  static final String LABEL_INDEX = "label_index";
  static final String PREDICTION = "prediction";
  private static final DefaultParamsReadable<TextClassifierTrainer> READER = new DefaultParamsReadable<>() {};

  private final String uid;
  private final Param<String> textCol;
  private final Param<String> labelCol;
  private final Param<String> model;
  private final Param<String> classifier;
  private final IntParam folds;
  private final DoubleArrayParam regParams;
  private final IntArrayParam hiddenSizes;
  private final IntParam maxIter;
  private final LongParam seed;
  private final Param<String> predictionCol;

  /** The fitted pipeline with what cross-validation measured for each candidate. */
  public record Trained(PipelineModel pipeline, List<String> labels, String chosen, Map<String, Double> candidates) {}

  public TextClassifierTrainer() {
    this(Identifiable.randomUID("textClassifierTrainer"));
  }

  public TextClassifierTrainer(String uid) {
    this.uid = uid;
    textCol = new Param<>(this, "textCol", "string column holding the text");
    labelCol = new Param<>(this, "labelCol", "column holding each text's label (strings; numbers are read as text)");
    model = new Param<>(this, "model", "the encoder whose embeddings the classifier learns from (as TextEmbedder's model)");
    classifier = new Param<>(this, "classifier",
        "MLlib classifier on the embeddings: logistic (LogisticRegression), svm (LinearSVC, binary labels only) or "
            + "mlp (MultilayerPerceptronClassifier, one hidden layer)",
        ParamValidators.inArray(new String[] {LOGISTIC, SVM, MLP}));
    folds = new IntParam(this, "folds", "cross-validation folds that choose the regularisation (>= 2)",
        ParamValidators.gtEq(2));
    regParams = new DoubleArrayParam(this, "regParams",
        "regularisation strengths cross-validation chooses from (logistic, svm)");
    hiddenSizes = new IntArrayParam(this, "hiddenSizes", "hidden layer widths cross-validation chooses from (mlp)");
    maxIter = new IntParam(this, "maxIter", "most optimiser iterations of the classifier", ParamValidators.gt(0));
    seed = new LongParam(this, "seed", "seed of the folds and of the mlp's initial weights");
    predictionCol = new Param<>(this, "predictionCol", "output column of the fitted pipeline: the predicted label (string)");
    setDefault(textCol, "text");
    setDefault(labelCol, "label");
    setDefault(model, ModelLocator.DEFAULT_MODEL);
    setDefault(classifier, LOGISTIC);
    setDefault(folds, 3);
    setDefault(regParams, new double[] {1e-3, 1e-2, 1e-1, 1.0});
    setDefault(hiddenSizes, new int[] {64, 128});
    setDefault(maxIter, 200);
    setDefault(seed, 20261204L);
    setDefault(predictionCol, "predicted_label");
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> textCol() {
    return textCol;
  }

  public Param<String> labelCol() {
    return labelCol;
  }

  public Param<String> model() {
    return model;
  }

  public Param<String> classifier() {
    return classifier;
  }

  public IntParam folds() {
    return folds;
  }

  public DoubleArrayParam regParams() {
    return regParams;
  }

  public IntArrayParam hiddenSizes() {
    return hiddenSizes;
  }

  public IntParam maxIter() {
    return maxIter;
  }

  public LongParam seed() {
    return seed;
  }

  public Param<String> predictionCol() {
    return predictionCol;
  }

  public String getTextCol() {
    return getOrDefault(textCol);
  }

  public TextClassifierTrainer setTextCol(String value) {
    return with(textCol, value);
  }

  public String getLabelCol() {
    return getOrDefault(labelCol);
  }

  public TextClassifierTrainer setLabelCol(String value) {
    return with(labelCol, value);
  }

  public String getModel() {
    return getOrDefault(model);
  }

  public TextClassifierTrainer setModel(String value) {
    return with(model, value);
  }

  public String getClassifier() {
    return getOrDefault(classifier);
  }

  public TextClassifierTrainer setClassifier(String value) {
    return with(classifier, value);
  }

  public int getFolds() {
    return (Integer) getOrDefault(folds);
  }

  public TextClassifierTrainer setFolds(int value) {
    return with(folds, value);
  }

  public double[] getRegParams() {
    return getOrDefault(regParams);
  }

  public TextClassifierTrainer setRegParams(double... values) {
    return with(regParams, values);
  }

  public int[] getHiddenSizes() {
    return getOrDefault(hiddenSizes);
  }

  public TextClassifierTrainer setHiddenSizes(int... values) {
    return with(hiddenSizes, values);
  }

  public int getMaxIter() {
    return (Integer) getOrDefault(maxIter);
  }

  public TextClassifierTrainer setMaxIter(int value) {
    return with(maxIter, value);
  }

  public long getSeed() {
    return (Long) getOrDefault(seed);
  }

  public TextClassifierTrainer setSeed(long value) {
    return with(seed, value);
  }

  public String getPredictionCol() {
    return getOrDefault(predictionCol);
  }

  public TextClassifierTrainer setPredictionCol(String value) {
    return with(predictionCol, value);
  }

  private <T> TextClassifierTrainer with(Param<T> param, T value) {
    set(param, value);
    return this;
  }

  /** The fitted pipeline's output schema. */
  @Override
  public StructType transformSchema(StructType schema) {
    if (!Arrays.asList(schema.fieldNames()).contains(getLabelCol())) {
      throw SparkScoreException.user("%s: no label column '%s' (columns: %s)", uid, getLabelCol(),
          String.join(", ", schema.fieldNames()));
    }
    if (getClassifier().equals(MLP) ? getHiddenSizes().length == 0 : getRegParams().length == 0) {
      throw SparkScoreException.user("%s: cross-validation needs at least one %s", uid,
          getClassifier().equals(MLP) ? "hidden size" : "regularisation strength");
    }
    return embedder().transformSchema(schema);
  }

  @Override
  public PipelineModel fit(Dataset<?> data) {
    transformSchema(data.schema(), true);
    Dataset<Row> embedded = embed(data);
    try {
      return fitEmbedded(embedded).pipeline();
    } finally {
      embedded.unpersist();
    }
  }

  /** The pipeline's first stage: the encoder as MLlib vectors in {@link #FEATURES}. */
  public TextEmbedder embedder() {
    return new TextEmbedder(uid + "_embedder").setModel(getModel()).setInputCol(getTextCol())
        .setOutputFormat("vector").setOutputCol(FEATURES);
  }

  /** {@link #FEATURES} and the label as text, cached: what {@link #fitEmbedded} and evaluation run on. */
  public Dataset<Row> embed(Dataset<?> data) {
    Dataset<Row> rows = data.toDF().select(col(getTextCol()), col(getLabelCol()).cast(DataTypes.StringType).as(LABEL));
    long missing = rows.where(col(getTextCol()).isNull().or(col(LABEL).isNull())).count();
    if (missing > 0) {
      throw SparkScoreException.user("%s: %d rows have a null %s or %s; give every row a text and a label",
          uid, missing, getTextCol(), getLabelCol());
    }
    // A small or limited input is often one partition: spread it so every core embeds.
    int cores = rows.sparkSession().sparkContext().defaultParallelism();
    Dataset<Row> spread = rows.rdd().getNumPartitions() < cores ? rows.repartition(cores) : rows;
    return embedder().transform(spread).select(FEATURES, LABEL).cache();
  }

  /** Fits on rows {@link #embed} made, choosing the regularisation by cross-validation. */
  public Trained fitEmbedded(Dataset<Row> embedded) {
    StringIndexerModel indexer = new StringIndexer().setInputCol(LABEL).setOutputCol(LABEL_INDEX)
        .setStringOrderType("alphabetAsc").fit(embedded);
    List<String> labels = List.of(indexer.labelsArray()[0]);
    if (labels.size() < 2 || (getClassifier().equals(SVM) && labels.size() != 2)) {
      throw SparkScoreException.user("%s: classifier %s needs %s labels, the data has %d: %s", uid, getClassifier(),
          getClassifier().equals(SVM) ? "exactly 2" : "at least 2", labels.size(), labels);
    }
    Candidates candidates = candidates(embedded.first().<org.apache.spark.ml.linalg.Vector>getAs(0).size(), labels.size());
    CrossValidatorModel cv = new CrossValidator().setEstimator(candidates.estimator())
        .setEstimatorParamMaps(candidates.grid())
        .setEvaluator(new MulticlassClassificationEvaluator().setLabelCol(LABEL_INDEX).setMetricName("accuracy"))
        .setNumFolds(getFolds()).setSeed(getSeed())
        .fit(indexer.transform(embedded));
    Map<String, Double> measured = new LinkedHashMap<>();
    int best = 0;
    for (int i = 0; i < candidates.names().size(); i++) {
      measured.put(candidates.names().get(i), cv.avgMetrics()[i]);
      best = cv.avgMetrics()[i] > cv.avgMetrics()[best] ? i : best;
    }
    IndexToString toLabels = new IndexToString().setInputCol(PREDICTION).setOutputCol(getPredictionCol())
        .setLabels(labels.toArray(new String[0]));
    PipelineStage[] stages = {embedder(), cv.bestModel(), toLabels};
    // Every stage is already fitted: Pipeline.fit only checks the schema and collects them.
    StructType input = new StructType().add(getTextCol(), DataTypes.StringType);
    PipelineModel pipeline = new Pipeline().setStages(stages)
        .fit(embedded.sparkSession().createDataFrame(new ArrayList<Row>(), input));
    return new Trained(pipeline, labels, candidates.names().get(best), measured);
  }

  /** The pipeline's stages after the embedder, on rows that already hold {@link #FEATURES}. */
  public static Dataset<Row> predictEmbedded(PipelineModel pipeline, Dataset<Row> embedded) {
    Dataset<Row> out = embedded;
    for (Transformer stage : Arrays.copyOfRange(pipeline.stages(), 1, pipeline.stages().length)) {
      out = stage.transform(out);
    }
    return out;
  }

  private record Candidates(Estimator<?> estimator, ParamMap[] grid, List<String> names) {}

  private Candidates candidates(int features, int classes) {
    List<String> names = new ArrayList<>();
    List<ParamMap> grid = new ArrayList<>();
    Estimator<?> estimator;
    switch (getClassifier()) {
      case MLP -> {
        MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier().setMaxIter(getMaxIter())
            .setSeed(getSeed()).setFeaturesCol(FEATURES).setLabelCol(LABEL_INDEX);
        for (int hidden : getHiddenSizes()) {
          grid.add(new ParamMap().put(mlp.layers(), new int[] {features, hidden, classes}));
          names.add("hidden=" + hidden);
        }
        estimator = mlp;
      }
      case SVM -> {
        LinearSVC svm = new LinearSVC().setMaxIter(getMaxIter()).setFeaturesCol(FEATURES).setLabelCol(LABEL_INDEX);
        regularisations(svm.regParam(), grid, names);
        estimator = svm;
      }
      default -> {
        LogisticRegression logistic = new LogisticRegression().setMaxIter(getMaxIter())
            .setFeaturesCol(FEATURES).setLabelCol(LABEL_INDEX);
        regularisations(logistic.regParam(), grid, names);
        estimator = logistic;
      }
    }
    return new Candidates(estimator, grid.toArray(new ParamMap[0]), names);
  }

  private void regularisations(DoubleParam regParam, List<ParamMap> grid, List<String> names) {
    for (double reg : getRegParams()) {
      grid.add(new ParamMap().put(regParam, reg));
      names.add("regParam=" + reg);
    }
  }

  @Override
  public TextClassifierTrainer copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<TextClassifierTrainer> read() {
    return READER.read();
  }

  public static TextClassifierTrainer load(String path) {
    return read().load(path);
  }
}
