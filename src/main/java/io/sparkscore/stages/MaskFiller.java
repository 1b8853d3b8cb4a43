package io.sparkscore.stages;

import ai.djl.huggingface.tokenizers.Encoding;
import io.sparkscore.SparkScoreException;
import io.sparkscore.model.ModelDirectory;
import io.sparkscore.runtime.Device;
import io.sparkscore.runtime.FloatTensor;
import io.sparkscore.runtime.LoadedModel;
import io.sparkscore.runtime.ModelCache;
import io.sparkscore.runtime.OnnxModel;
import io.sparkscore.text.HfTokenizer;
import io.sparkscore.text.TokenizerSettings;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Text with mask tokens ({@code [MASK]}, {@code <mask>} …) → the masked-LM head's best fillers, as
 * Hugging Face's {@code pipeline("fill-mask")} gives them: per mask, in text order, the {@code topK}
 * tokens by softmax probability over the vocabulary, each as {@code struct<score: double, token: int,
 * token_str: string, sequence: string>} ({@code token_str} the token decoded alone, {@code sequence}
 * the text with this token in the mask's place, decoded without special tokens; with several masks the
 * others stay and the special tokens too, as the pipeline decodes them). The column is always one
 * array per mask, which is the pipeline's shape for several masks; for one mask it is its first element.
 *
 * <p>{@code targets} restricts the candidates to those tokens (probabilities still over the whole
 * vocabulary, {@code topK} capped at their number): a target that is not a vocabulary entry stands for
 * the first token it encodes to, and one that encodes to nothing is left out, each with a warning.
 *
 * <p>Null text gives null; a text with no mask token left within {@code maxLength} tokens gives null
 * with status {@code no_mask} (the pipeline raises). The model needs a masked-LM head: a graph whose
 * {@code logits} output is (batch, sequence, vocabulary), as {@code AutoModelForMaskedLM} exports.
 */
public final class MaskFiller extends ModelStage<MaskFiller> {
  private static final DefaultParamsReadable<MaskFiller> READER = new DefaultParamsReadable<>() {};
  private static final String LOGITS = "logits";
  static final StructType FILL = new StructType()
      .add("score", DataTypes.DoubleType, false)
      .add("token", DataTypes.IntegerType, false)
      .add("token_str", DataTypes.StringType, false)
      .add("sequence", DataTypes.StringType, false);
  private static final ArrayType FILLS =
      DataTypes.createArrayType(DataTypes.createArrayType(FILL, false), false);

  private final Param<String> outputCol;
  private final IntParam topK;
  private final StringArrayParam targets;

  public MaskFiller() {
    this(Identifiable.randomUID("maskFiller"));
  }

  public MaskFiller(String uid) {
    super(uid);
    outputCol = new Param<>(this, "outputCol",
        "output column: per mask token, its best fillers as array<array<struct<score, token, token_str, sequence>>>");
    topK = new IntParam(this, "topK", "fillers per mask, best first (> 0; at most the number of targets)",
        ParamValidators.gt(0));
    targets = new StringArrayParam(this, "targets",
        "only these tokens may fill a mask (empty = the whole vocabulary); a word that is not a token stands for "
            + "its first token");
    setDefault(outputCol, "fills");
    setDefault(topK, 5);
    setDefault(targets, new String[0]);
  }

  public Param<String> outputCol() {
    return outputCol;
  }

  public String getOutputCol() {
    return getOrDefault(outputCol);
  }

  public MaskFiller setOutputCol(String value) {
    return with(outputCol, value);
  }

  public IntParam topK() {
    return topK;
  }

  public int getTopK() {
    return (Integer) getOrDefault(topK);
  }

  public MaskFiller setTopK(int value) {
    return with(topK, value);
  }

  public StringArrayParam targets() {
    return targets;
  }

  public String[] getTargets() {
    return getOrDefault(targets);
  }

  public MaskFiller setTargets(String... value) {
    return with(targets, value);
  }

  /** Pairs and masks are truncated, never cut into windows. */
  @Override
  public Set<String> inapplicableParams() {
    return Set.of(longText().name(), stride().name());
  }

  @Override
  public StructType transformSchema(StructType schema) {
    requireTextColumn(schema);
    sessionSettings();
    if (chunksLongText()) {
      throw SparkScoreException.user(
          "%s: longText '%s' is not supported for fill-mask; long texts are truncated (longText '%s')",
          uid(), LongText.CHUNK, LongText.TRUNCATE);
    }
    if (Arrays.asList(getTargets()).contains(null)) {
      throw SparkScoreException.user("%s: targets %s hold a null", uid(), Arrays.toString(getTargets()));
    }
    return withStatusColumn(Schemas.addOutputs(this, schema,
        DataTypes.createStructField(getOutputCol(), FILLS, true)));
  }

  @Override
  public MapPartitionsFunction<Row, Row> partitionFunction(StructType schema) {
    LoadedModel model = ModelCache.get(modelSpec());
    model.tokenizer(tokenizerSettings());
    ModelDirectory dir = model.directory();
    int vocabulary = requireMaskedLmHead(dir, model.session(sessionSettings(), Device.CPU));
    MaskTargets candidates = MaskTargets.resolve(uid(), dir, model, getTargets(), vocabulary);
    FillScorer scorer = new FillScorer(schema.fieldIndex(getInputCol()), candidates.maskId(),
        dir.padTokenId(), candidates.ids(), candidates.limit(getTopK()));
    return scoring(modelSpec(), scorer);
  }

  /** The vocabulary width of the graph's masked-LM logits (-1 when dynamic); refuses graphs without them. */
  private int requireMaskedLmHead(ModelDirectory dir, OnnxModel session) {
    long[] shape = session.outputShapes().get(LOGITS);
    if (shape == null || shape.length != 3) {
      throw SparkScoreException.user(
          "%s: model %s has no masked-LM head: fill-mask needs a logits output of shape (batch, sequence, "
              + "vocabulary), as AutoModelForMaskedLM exports it (optimum-cli export onnx --task fill-mask); "
              + "the graph's outputs are %s",
          uid(), dir.name(), describe(session));
    }
    return (int) shape[2];
  }

  private static String describe(OnnxModel session) {
    StringBuilder out = new StringBuilder("[");
    session.outputShapes().forEach((name, shape) ->
        out.append(out.length() > 1 ? ", " : "").append(name).append(Arrays.toString(shape)));
    return out.append(']').toString();
  }

  @Override
  public MaskFiller copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<MaskFiller> read() {
    return READER.read();
  }

  public static MaskFiller load(String path) {
    return read().load(path);
  }

  /**
   * One sequence per row. On the executor each mask position keeps its {@code topK} (token id,
   * probability) pairs, flattened into the sequence's value; they become the fills row by row.
   * {@code targets} null means the whole vocabulary.
   */
  private record FillScorer(int textIndex, long maskId, long padId, int[] targets, int topK) implements RowScorer {

    @Override
    public void addInputs(Row row, Inputs inputs) {
      if (!row.isNullAt(textIndex)) {
        inputs.text(row.getString(textIndex));
      }
    }

    @Override
    public Set<String> outputNames(OnnxModel session) {
      return Set.of(LOGITS);
    }

    @Override
    public float[] reduce(java.util.Map<String, FloatTensor> outputs, int index, Encoding encoding, OnnxModel session) {
      FloatTensor logits = outputs.get(LOGITS);
      int length = logits.dim(1);
      int vocabulary = logits.dim(2);
      long[] ids = encoding.getIds();
      int[] masks = maskPositions(ids);
      float[] value = new float[masks.length * topK * 2];
      for (int m = 0; m < masks.length; m++) {
        TopTokens.select(logits.data(), ((long) index * length + masks[m]) * vocabulary, vocabulary, targets, topK,
            value, m * topK * 2);
      }
      return value;
    }

    private int[] maskPositions(long[] ids) {
      return java.util.stream.IntStream.range(0, ids.length).filter(i -> ids[i] == maskId).toArray();
    }

    @Override
    public Object[] combine(Row row, List<List<Scored>> inputs, LoadedModel model) {
      if (inputs.isEmpty() || inputs.get(0).get(0).value().length == 0) {
        return new Object[] {null};
      }
      Scored scored = inputs.get(0).get(0);
      long[] ids = scored.encoding().getIds();
      int[] masks = maskPositions(ids);
      float[] value = scored.value();
      HfTokenizer decoder = model.tokenizer(TokenizerSettings.MODEL_DEFAULTS);
      Row[][] fills = new Row[masks.length][topK];
      for (int m = 0; m < masks.length; m++) {
        for (int k = 0; k < topK; k++) {
          int at = (m * topK + k) * 2;
          int token = (int) value[at];
          long[] filled = ids.clone();
          filled[masks[m]] = token;
          long[] unpadded = Arrays.stream(filled).filter(id -> id != padId).toArray();
          fills[m][k] = RowFactory.create((double) value[at + 1], token, decoder.decode(new long[] {token}, false),
              decoder.decode(unpadded, masks.length == 1));
        }
      }
      return new Object[] {fills};
    }

    @Override
    public String status(Row row, List<List<Scored>> inputs) {
      if (inputs.isEmpty()) {
        return null;
      }
      Scored scored = inputs.get(0).get(0);
      return scored.value().length == 0 && RowStatus.hasText(scored.encoding()) ? RowStatus.NO_MASK : null;
    }
  }
}
