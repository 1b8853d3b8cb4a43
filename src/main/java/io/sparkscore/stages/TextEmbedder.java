package io.sparkscore.stages;

import ai.djl.huggingface.tokenizers.Encoding;
import io.sparkscore.SparkScoreException;
import io.sparkscore.model.ModelDirectory;
import io.sparkscore.runtime.Device;
import io.sparkscore.runtime.FloatTensor;
import io.sparkscore.runtime.LoadedModel;
import io.sparkscore.runtime.ModelCache;
import io.sparkscore.runtime.OnnxModel;
import io.sparkscore.runtime.Pooling;
import io.sparkscore.stages.params.ChoiceParam;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Text column → sentence embedding ({@code array<float>}). Pooling {@code auto} follows the model's
 * sentence-transformers config ({@code 1_Pooling/config.json}) and falls back to attention-mask
 * weighted mean; {@code normalize} defaults to the model's Normalize module. Pooling {@code none}
 * gives every token's vector ({@code array<array<float>>}). Null text gives null; empty text is
 * embedded as Hugging Face does (its special tokens alone). With {@code longText} chunk, a text
 * longer than the window is embedded window by window and its embedding is the token-weighted mean
 * of theirs (the element-wise max for max pooling), normalised afterwards when {@code normalize} is on.
 *
 * <p>{@code outputFormat} vector gives the embedding as an MLlib {@code Vector} instead, the type
 * every MLlib estimator's {@code featuresCol} takes (LogisticRegression, KMeans, LSH …).
 */
public final class TextEmbedder extends ModelStage<TextEmbedder> {
  private static final DefaultParamsReadable<TextEmbedder> READER = new DefaultParamsReadable<>() {};
  private static final ArrayType VECTOR = DataTypes.createArrayType(DataTypes.FloatType, false);
  private static final ArrayType VECTORS = DataTypes.createArrayType(VECTOR, false);
  static final String ARRAY = "array";
  static final String MLLIB_VECTOR = "vector";

  private final Param<String> outputCol;
  private final Param<String> pooling;
  private final BooleanParam normalize;
  private final Param<String> hiddenStatesCol;
  private final Param<String> outputFormat;

  public TextEmbedder() {
    this(Identifiable.randomUID("textEmbedder"));
  }

  public TextEmbedder(String uid) {
    super(uid);
    outputCol = new Param<>(this, "outputCol", "output column: array<float> (array<array<float>> for pooling none)");
    pooling = new ChoiceParam(this, "pooling",
        "auto (the model's sentence-transformers pooling, else mean), mean (attention-mask weighted), cls, max, "
            + "pooler (the graph's pooler_output) or none (one vector per token)",
        List.of(SentencePooling.CHOICES));
    normalize = new BooleanParam(this, "normalize",
        "L2-normalise each embedding (unset: as the model's sentence-transformers modules.json says, else false)");
    hiddenStatesCol = new Param<>(this, "hiddenStatesCol",
        "when not empty, also output every hidden state the graph exposes (embeddings + each layer), "
            + "pooled like the embedding, as array<array<float>>");
    outputFormat = new Param<>(this, "outputFormat",
        "type of outputCol: array (array<float>) or vector (an MLlib dense Vector, for MLlib estimators' featuresCol; "
            + "not with pooling none)", ParamValidators.inArray(new String[] {ARRAY, MLLIB_VECTOR}));
    setDefault(outputCol, "embedding");
    setDefault(outputFormat, ARRAY);
    setDefault(pooling, "auto");
    setDefault(hiddenStatesCol, "");
  }

  public Param<String> outputCol() {
    return outputCol;
  }

  public String getOutputCol() {
    return getOrDefault(outputCol);
  }

  public TextEmbedder setOutputCol(String value) {
    return with(outputCol, value);
  }

  public Param<String> pooling() {
    return pooling;
  }

  public String getPooling() {
    return getOrDefault(pooling);
  }

  public TextEmbedder setPooling(String value) {
    return with(pooling, value);
  }

  public BooleanParam normalize() {
    return normalize;
  }

  public TextEmbedder setNormalize(boolean value) {
    return with(normalize, value);
  }

  public Param<String> outputFormat() {
    return outputFormat;
  }

  public String getOutputFormat() {
    return getOrDefault(outputFormat);
  }

  public TextEmbedder setOutputFormat(String value) {
    return with(outputFormat, value);
  }

  /** The pooling mode this stage applies to {@code dir}'s model ({@code auto} resolved). */
  public String effectivePooling(ModelDirectory dir) {
    return SentencePooling.of(dir, getPooling(), requestedNormalize()).mode();
  }

  /** Whether this stage L2-normalises {@code dir}'s embeddings (unset {@code normalize} resolved). */
  public boolean effectiveNormalize(ModelDirectory dir) {
    return SentencePooling.of(dir, getPooling(), requestedNormalize()).normalize();
  }

  private Boolean requestedNormalize() {
    return isSet(normalize) ? (Boolean) $(normalize) : null;
  }

  private boolean mllibVector() {
    return getOutputFormat().equals(MLLIB_VECTOR);
  }

  public Param<String> hiddenStatesCol() {
    return hiddenStatesCol;
  }

  public String getHiddenStatesCol() {
    return getOrDefault(hiddenStatesCol);
  }

  public TextEmbedder setHiddenStatesCol(String value) {
    return with(hiddenStatesCol, value);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    requireTextColumn(schema);
    sessionSettings();
    if (chunksLongText() && getPooling().equals("none")) {
      throw SparkScoreException.user(
          "%s: pooling 'none' gives a vector per token, which windows of a chunked text cannot be combined into; "
              + "use longText '%s' or another pooling", uid(), LongText.TRUNCATE);
    }
    boolean perToken = getPooling().equals("none");
    if (perToken && mllibVector()) {
      throw SparkScoreException.user(
          "%s: outputFormat '%s' holds one vector per row, but pooling 'none' gives one per token; "
              + "use outputFormat '%s' or another pooling", uid(), MLLIB_VECTOR, ARRAY);
    }
    Schemas.requireAbsent(this, schema, getOutputCol());
    StructType out = schema.add(
        getOutputCol(), perToken ? VECTORS : mllibVector() ? SQLDataTypes.VectorType() : VECTOR, true);
    if (!getHiddenStatesCol().isEmpty()) {
      Schemas.requireAbsent(this, out, getHiddenStatesCol());
      out = out.add(getHiddenStatesCol(), VECTORS, true);
    }
    return withStatusColumn(out);
  }

  @Override
  public MapPartitionsFunction<Row, Row> partitionFunction(StructType schema) {
    LoadedModel model = ModelCache.get(modelSpec());
    // Fails fast on the driver when the tokenizer cannot honour maxLength or stride.
    model.tokenizer(tokenizerSettings());
    OnnxModel session = model.session(sessionSettings(), Device.CPU);
    ModelDirectory dir = model.directory();
    SentencePooling pooling =
        SentencePooling.resolve(this, dir, session, getPooling(), requestedNormalize());
    boolean hidden = !getHiddenStatesCol().isEmpty();
    int layers = hidden ? session.hiddenStateOutputs().size() : 0;
    if (hidden && session.hiddenStateOutputs().isEmpty()) {
      throw SparkScoreException.user(
          "%s: hiddenStatesCol is set but the graph of %s exposes no hidden_states.N outputs (outputs: %s)",
          uid(), dir.name(), session.outputShapes().keySet());
    }
    EmbedScorer scorer = new EmbedScorer(
        schema.fieldIndex(getInputCol()), pooling, layers, chunksLongText(), mllibVector());
    return scoring(modelSpec(), scorer);
  }

  @Override
  public TextEmbedder copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<TextEmbedder> read() {
    return READER.read();
  }

  public static TextEmbedder load(String path) {
    return read().load(path);
  }

  /**
   * Pools the token output; with hidden states, appends each state's pooled vector after it. A
   * chunked text's windows are pooled unnormalised, combined, then normalised.
   */
  private record EmbedScorer(
      int textIndex, SentencePooling pooling, int hiddenLayers, boolean chunked, boolean mllibVector)
      implements RowScorer {

    /** The pooling of one sequence. */
    private SentencePooling window() {
      return chunked ? new SentencePooling(pooling.mode(), false) : pooling;
    }

    private boolean hiddenStates() {
      return hiddenLayers > 0;
    }

    @Override
    public void addInputs(Row row, Inputs inputs) {
      if (!row.isNullAt(textIndex)) {
        inputs.text(row.getString(textIndex));
      }
    }

    @Override
    public Set<String> outputNames(OnnxModel session) {
      Set<String> names = new LinkedHashSet<>();
      names.add(pooling.outputName(session));
      if (hiddenStates()) {
        names.addAll(session.hiddenStateOutputs());
      }
      return names;
    }

    @Override
    public float[] reduce(Map<String, FloatTensor> outputs, int index, Encoding encoding, OnnxModel session) {
      int tokens = encoding.getIds().length;
      SentencePooling pooling = window();
      float[] main = pooling.pool(outputs, index, tokens, session);
      if (!hiddenStates()) {
        return main;
      }
      List<String> layers = session.hiddenStateOutputs();
      int hidden = outputs.get(layers.get(0)).dim(2);
      int width = pooling.perToken() ? tokens * hidden : hidden;
      float[] all = new float[main.length + layers.size() * width];
      System.arraycopy(main, 0, all, 0, main.length);
      for (int l = 0; l < layers.size(); l++) {
        FloatTensor state = outputs.get(layers.get(l));
        float[] pooled = pooling.pooler() ? Pooling.cls(state, index) : pooling.pool(state, index, tokens);
        System.arraycopy(pooled, 0, all, main.length + l * width, width);
      }
      return all;
    }

    @Override
    public Object[] combine(Row row, List<List<Scored>> inputs, LoadedModel model) {
      if (inputs.isEmpty()) {
        return hiddenStates() ? new Object[] {null, null} : new Object[] {null};
      }
      List<Scored> windows = inputs.get(0);
      float[] value = chunked ? combineWindows(windows) : windows.get(0).value();
      int tokens = windows.get(0).encoding().getIds().length;
      if (!hiddenStates()) {
        return new Object[] {shape(value, tokens)};
      }
      int width = value.length / (hiddenLayers + 1);
      float[][] states = new float[hiddenLayers][];
      for (int l = 0; l < hiddenLayers; l++) {
        states[l] = Arrays.copyOfRange(value, width * (l + 1), width * (l + 2));
      }
      return new Object[] {shape(Arrays.copyOfRange(value, 0, width), tokens), states};
    }

    /** One vector from a chunked text's windows, each part (embedding, hidden states) normalised on its own. */
    private float[] combineWindows(List<Scored> windows) {
      double[] combined =
          LongText.combine(windows, pooling.mode().equals("max") ? LongText.MAX : LongText.MEAN, LongText::identity);
      float[] value = new float[combined.length];
      for (int i = 0; i < value.length; i++) {
        value[i] = (float) combined[i];
      }
      if (pooling.normalize()) {
        int width = value.length / (hiddenLayers + 1);
        // As for a single window: pooler pooling leaves the hidden states' [CLS] vectors as they are.
        int parts = pooling.pooler() ? 1 : hiddenLayers + 1;
        for (int part = 0; part < parts; part++) {
          float[] normalized = Pooling.normalize(Arrays.copyOfRange(value, part * width, (part + 1) * width));
          System.arraycopy(normalized, 0, value, part * width, width);
        }
      }
      return value;
    }

    /** Pooling none keeps one vector per token. */
    private Object shape(float[] value, int tokens) {
      if (mllibVector) {
        double[] values = new double[value.length];
        for (int i = 0; i < value.length; i++) {
          values[i] = value[i];
        }
        return Vectors.dense(values);
      }
      if (!pooling.perToken()) {
        return value;
      }
      int hidden = value.length / Math.max(tokens, 1);
      float[][] perToken = new float[tokens][];
      for (int t = 0; t < tokens; t++) {
        perToken[t] = Arrays.copyOfRange(value, t * hidden, (t + 1) * hidden);
      }
      return perToken;
    }
  }
}
