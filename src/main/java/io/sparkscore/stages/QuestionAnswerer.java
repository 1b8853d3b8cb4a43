package io.sparkscore.stages;

import io.sparkscore.SparkScoreException;
import io.sparkscore.model.ModelDirectory;
import io.sparkscore.runtime.Device;
import io.sparkscore.runtime.LoadedModel;
import io.sparkscore.runtime.ModelCache;
import io.sparkscore.runtime.OnnxModel;
import io.sparkscore.text.TokenizerSettings;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Question and context columns → the answer span an extractive question-answering model finds in
 * the context, as Hugging Face's {@code pipeline("question-answering")} finds it (transformers 4.x;
 * 5 removed that pipeline): {@code struct<answer, score, start, end>}, or with {@code topK} above 1
 * an array of them, best first. {@code start} and {@code end} are code point offsets into the context.
 *
 * <p>The question comes first and is kept whole; a context longer than the window ({@code maxLength},
 * 0 = the model's limit, at most 384, as the pipeline's {@code max_seq_len}) is cut into windows
 * sharing {@code docStride} tokens, and the best spans of every window compete (answers of the same
 * text add their scores). Spans are widened to whole words and at most {@code maxAnswerLength} tokens
 * long; with {@code handleImpossibleAnswer} the empty answer (start = end = 0) competes with the
 * [CLS] token's score. A question longer than {@code maxQuestionLength} tokens keeps its first ones
 * (as the pipeline does with slow tokenizers; its fast-tokenizer path keeps it whole). A question that
 * leaves no room for the context beside the stride is refused (the pipeline's tokenizer fails on it):
 * its row gets a null answer and an error status, or fails without a status column. Null question
 * or context gives null; an empty or blank one gives null with status empty_text.
 */
public final class QuestionAnswerer extends ModelStage<QuestionAnswerer> {
  private static final DefaultParamsReadable<QuestionAnswerer> READER = new DefaultParamsReadable<>() {};
  /** The pipeline's longest window when the model allows more. */
  public static final int MAX_SEQ_LEN = 384;
  static final StructType ANSWER = new StructType()
      .add("answer", DataTypes.StringType, false)
      .add("score", DataTypes.DoubleType, false)
      .add("start", DataTypes.IntegerType, false)
      .add("end", DataTypes.IntegerType, false);

  private final Param<String> questionCol;
  private final Param<String> contextCol;
  private final Param<String> outputCol;
  private final IntParam docStride;
  private final IntParam maxAnswerLength;
  private final IntParam maxQuestionLength;
  private final IntParam topK;
  private final BooleanParam handleImpossibleAnswer;

  public QuestionAnswerer() {
    this(Identifiable.randomUID("questionAnswerer"));
  }

  public QuestionAnswerer(String uid) {
    super(uid);
    questionCol = new Param<>(this, "questionCol", "string column holding the question");
    contextCol = new Param<>(this, "contextCol", "string column holding the context the answer is taken from");
    outputCol = new Param<>(this, "outputCol",
        "output column: struct<answer: string, score: double, start: int, end: int>, or an array of them, best "
            + "first, when topK is above 1");
    docStride = new IntParam(this, "docStride",
        "tokens consecutive windows of a long context share (-1 = the pipeline's default: half the window, at most "
            + "128)", ParamValidators.gtEq(-1));
    maxAnswerLength = new IntParam(this, "maxAnswerLength", "longest answer, in tokens (> 0)", ParamValidators.gt(0));
    maxQuestionLength = new IntParam(this, "maxQuestionLength",
        "most question tokens kept; a longer question keeps its first ones (> 0)", ParamValidators.gt(0));
    topK = new IntParam(this, "topK", "answers to give, best first (> 0; above 1 the output is an array)",
        ParamValidators.gt(0));
    handleImpossibleAnswer = new BooleanParam(this, "handleImpossibleAnswer",
        "let the empty answer (start = end = 0) compete, scored by the model's [CLS] token");
    setDefault(questionCol, "question");
    setDefault(contextCol, "context");
    setDefault(outputCol, "answer");
    setDefault(docStride, -1);
    setDefault(maxAnswerLength, 15);
    setDefault(maxQuestionLength, 64);
    setDefault(topK, 1);
    setDefault(handleImpossibleAnswer, false);
  }

  public Param<String> questionCol() {
    return questionCol;
  }

  public String getQuestionCol() {
    return getOrDefault(questionCol);
  }

  public QuestionAnswerer setQuestionCol(String value) {
    return with(questionCol, value);
  }

  public Param<String> contextCol() {
    return contextCol;
  }

  public String getContextCol() {
    return getOrDefault(contextCol);
  }

  public QuestionAnswerer setContextCol(String value) {
    return with(contextCol, value);
  }

  public Param<String> outputCol() {
    return outputCol;
  }

  public String getOutputCol() {
    return getOrDefault(outputCol);
  }

  public QuestionAnswerer setOutputCol(String value) {
    return with(outputCol, value);
  }

  public IntParam docStride() {
    return docStride;
  }

  public int getDocStride() {
    return (Integer) getOrDefault(docStride);
  }

  public QuestionAnswerer setDocStride(int value) {
    return with(docStride, value);
  }

  public IntParam maxAnswerLength() {
    return maxAnswerLength;
  }

  public int getMaxAnswerLength() {
    return (Integer) getOrDefault(maxAnswerLength);
  }

  public QuestionAnswerer setMaxAnswerLength(int value) {
    return with(maxAnswerLength, value);
  }

  public IntParam maxQuestionLength() {
    return maxQuestionLength;
  }

  public int getMaxQuestionLength() {
    return (Integer) getOrDefault(maxQuestionLength);
  }

  public QuestionAnswerer setMaxQuestionLength(int value) {
    return with(maxQuestionLength, value);
  }

  public IntParam topK() {
    return topK;
  }

  public int getTopK() {
    return (Integer) getOrDefault(topK);
  }

  public QuestionAnswerer setTopK(int value) {
    return with(topK, value);
  }

  public BooleanParam handleImpossibleAnswer() {
    return handleImpossibleAnswer;
  }

  public boolean getHandleImpossibleAnswer() {
    return (Boolean) getOrDefault(handleImpossibleAnswer);
  }

  public QuestionAnswerer setHandleImpossibleAnswer(boolean value) {
    return with(handleImpossibleAnswer, value);
  }

  @Override
  public Set<String> inapplicableParams() {
    return Set.of(inputCol().name(), longText().name(), stride().name());
  }

  /** Refuses the single-text params that do not apply: contexts always become windows sharing docStride tokens. */
  @Override
  protected void requireTextColumn(StructType schema) {
    for (String name : inapplicableParams()) {
      Param<?> unused = getParam(name);
      if (isSet(unused)) {
        throw SparkScoreException.user(
            "%s: %s does not apply to question answering: it reads questionCol and contextCol, and always cuts a "
                + "long context into windows sharing docStride tokens", uid(), unused.name());
      }
    }
    Schemas.requireType(this, schema, getQuestionCol(), DataTypes.StringType);
    Schemas.requireType(this, schema, getContextCol(), DataTypes.StringType);
  }

  private DataType outputType() {
    return getTopK() == 1 ? ANSWER : DataTypes.createArrayType(ANSWER, false);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    requireTextColumn(schema);
    sessionSettings();
    return withStatusColumn(Schemas.addOutputs(this, schema,
        DataTypes.createStructField(getOutputCol(), outputType(), true)));
  }

  /** The pipeline's window: maxLength, else the model's limit up to 384; windows share docStride tokens. */
  @Override
  protected TokenizerSettings tokenizerSettings() {
    int window = getMaxLength() > 0
        ? getMaxLength()
        : Math.min(MAX_SEQ_LEN, ModelCache.get(modelSpec()).directory().maxLength());
    int stride = getDocStride() >= 0 ? getDocStride() : Math.min(window / 2, 128);
    return new TokenizerSettings(window, true, true, true, stride).withSecondOnly();
  }

  @Override
  public MapPartitionsFunction<Row, Row> partitionFunction(StructType schema) {
    LoadedModel model = ModelCache.get(modelSpec());
    TokenizerSettings settings = tokenizerSettings();
    model.tokenizer(settings);
    requireHead(model.directory(), model.session(sessionSettings(), Device.CPU));
    AnswerScorer scorer = new AnswerScorer(schema.fieldIndex(getQuestionCol()), schema.fieldIndex(getContextCol()),
        modelSpec(), settings, getMaxQuestionLength(),
        new AnswerSpans(getTopK(), getMaxAnswerLength(), getHandleImpossibleAnswer()), getTopK() > 1);
    return scoring(modelSpec(), scorer);
  }

  private void requireHead(ModelDirectory dir, OnnxModel session) {
    for (String output : AnswerScorer.OUTPUTS) {
      long[] shape = session.outputShapes().get(output);
      if (shape == null || shape.length != 2) {
        throw SparkScoreException.user(
            "%s: model %s has no question-answering head: its graph has no %s output of shape [batch, sequence] "
                + "(outputs: %s); export it as a ...ForQuestionAnswering model with start_logits and end_logits",
            uid(), dir.name(), output, session.outputShapes().keySet());
      }
    }
  }

  @Override
  public QuestionAnswerer copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<QuestionAnswerer> read() {
    return READER.read();
  }

  public static QuestionAnswerer load(String path) {
    return read().load(path);
  }
}
