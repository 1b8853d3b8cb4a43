package io.sparkscore.stages;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import io.sparkscore.runtime.FloatTensor;
import io.sparkscore.runtime.LoadedModel;
import io.sparkscore.runtime.ModelCache;
import io.sparkscore.runtime.ModelSpec;
import io.sparkscore.runtime.SessionSettings;
import io.sparkscore.text.TokenizerSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Text column → the model's token ids ({@code array<int>}, with its special tokens), attention
 * mask and token strings, and on request token type ids and character offsets ({@code
 * array<array<int>>} of [start, end), [0, 0] for special tokens). A pair column encodes text
 * pairs with the model's pair template; a null or empty second text leaves the first alone, as
 * transformers' tokenizers do with {@code text_pair=""}. Null text gives nulls.
 */
public final class TextTokenizer extends TokenizingStage<TextTokenizer> {
  private static final DefaultParamsReadable<TextTokenizer> READER = new DefaultParamsReadable<>() {};

  private final Param<String> pairCol;
  private final Param<String> idsCol;
  private final Param<String> attentionMaskCol;
  private final Param<String> tokensCol;
  private final Param<String> typeIdsCol;
  private final Param<String> offsetsCol;
  private final BooleanParam addSpecialTokens;
  private final BooleanParam truncation;

  public TextTokenizer() {
    this(Identifiable.randomUID("textTokenizer"));
  }

  public TextTokenizer(String uid) {
    super(uid);
    pairCol = new Param<>(this, "pairCol", "optional string column: the second text of a pair (empty = single texts)");
    idsCol = new Param<>(this, "idsCol", "output column for token ids, array<int>");
    attentionMaskCol = new Param<>(this, "attentionMaskCol", "output column for the attention mask, array<int>");
    tokensCol = new Param<>(this, "tokensCol", "output column for token strings, array<string> (empty = none)");
    typeIdsCol = new Param<>(this, "typeIdsCol", "output column for token type ids, array<int> (empty = none)");
    offsetsCol = new Param<>(this, "offsetsCol",
        "output column for character offsets, array<array<int>> of [start, end) (empty = none)");
    addSpecialTokens = new BooleanParam(this, "addSpecialTokens", "add the model's special tokens ([CLS], [SEP], <s> …)");
    truncation = new BooleanParam(this, "truncation", "cut sequences at maxLength (off: keep every token)");
    setDefault(pairCol, "");
    setDefault(idsCol, "input_ids");
    setDefault(attentionMaskCol, "attention_mask");
    setDefault(tokensCol, "tokens");
    setDefault(typeIdsCol, "");
    setDefault(offsetsCol, "");
    setDefault(addSpecialTokens, true);
    setDefault(truncation, true);
  }

  public Param<String> pairCol() {
    return pairCol;
  }

  public String getPairCol() {
    return getOrDefault(pairCol);
  }

  public TextTokenizer setPairCol(String value) {
    return with(pairCol, value);
  }

  public Param<String> idsCol() {
    return idsCol;
  }

  public String getIdsCol() {
    return getOrDefault(idsCol);
  }

  public TextTokenizer setIdsCol(String value) {
    return with(idsCol, value);
  }

  public Param<String> attentionMaskCol() {
    return attentionMaskCol;
  }

  public String getAttentionMaskCol() {
    return getOrDefault(attentionMaskCol);
  }

  public TextTokenizer setAttentionMaskCol(String value) {
    return with(attentionMaskCol, value);
  }

  public Param<String> tokensCol() {
    return tokensCol;
  }

  public String getTokensCol() {
    return getOrDefault(tokensCol);
  }

  public TextTokenizer setTokensCol(String value) {
    return with(tokensCol, value);
  }

  public Param<String> typeIdsCol() {
    return typeIdsCol;
  }

  public String getTypeIdsCol() {
    return getOrDefault(typeIdsCol);
  }

  public TextTokenizer setTypeIdsCol(String value) {
    return with(typeIdsCol, value);
  }

  public Param<String> offsetsCol() {
    return offsetsCol;
  }

  public String getOffsetsCol() {
    return getOrDefault(offsetsCol);
  }

  public TextTokenizer setOffsetsCol(String value) {
    return with(offsetsCol, value);
  }

  public BooleanParam addSpecialTokens() {
    return addSpecialTokens;
  }

  public boolean getAddSpecialTokens() {
    return (Boolean) getOrDefault(addSpecialTokens);
  }

  public TextTokenizer setAddSpecialTokens(boolean value) {
    return with(addSpecialTokens, value);
  }

  public BooleanParam truncation() {
    return truncation;
  }

  public boolean getTruncation() {
    return (Boolean) getOrDefault(truncation);
  }

  public TextTokenizer setTruncation(boolean value) {
    return with(truncation, value);
  }

  /** Output columns in order: the always-present ones, then the optional ones that are set. */
  private List<String> outputColumns() {
    List<String> cols = new ArrayList<>(List.of(getIdsCol(), getAttentionMaskCol()));
    for (String optional : List.of(getTokensCol(), getTypeIdsCol(), getOffsetsCol())) {
      if (!optional.isEmpty()) {
        cols.add(optional);
      }
    }
    return cols;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    requireTextColumn(schema);
    if (!getPairCol().isEmpty()) {
      Schemas.requireType(this, schema, getPairCol(), DataTypes.StringType);
    }
    StructType out = schema;
    for (String col : outputColumns()) {
      Schemas.requireAbsent(this, out, col);
      if (col.equals(getTokensCol())) {
        out = out.add(col, DataTypes.createArrayType(DataTypes.StringType, false), true);
      } else if (col.equals(getOffsetsCol())) {
        out = out.add(col, DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.IntegerType, false), false), true);
      } else {
        out = out.add(col, DataTypes.createArrayType(DataTypes.IntegerType, false), true);
      }
    }
    return withStatusColumn(out);
  }

  @Override
  protected TokenizerSettings tokenizerSettings() {
    return new TokenizerSettings(getMaxLength(), getTruncation(), getAddSpecialTokens(), false, 0);
  }

  @Override
  public MapPartitionsFunction<Row, Row> partitionFunction(StructType in) {
    ModelSpec spec = new ModelSpec(getModel(), "", SessionSettings.DEFAULTS);
    // Fails fast on the driver when the model or its tokenizer is unusable.
    ModelCache.get(spec).tokenizer(tokenizerSettings());
    TokenScorer scorer = new TokenScorer(
        in.fieldIndex(getInputCol()),
        getPairCol().isEmpty() ? -1 : in.fieldIndex(getPairCol()),
        !getTokensCol().isEmpty(), !getTypeIdsCol().isEmpty(), !getOffsetsCol().isEmpty());
    return scoring(spec, scorer);
  }

  @Override
  public TextTokenizer copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<TextTokenizer> read() {
    return READER.read();
  }

  public static TextTokenizer load(String path) {
    return read().load(path);
  }

  private record TokenScorer(int textIndex, int pairIndex, boolean tokens, boolean typeIds, boolean offsets)
      implements RowScorer {

    @Override
    public void addInputs(Row row, Inputs inputs) {
      if (row.isNullAt(textIndex)) {
        return;
      }
      if (pairIndex >= 0) {
        inputs.pair(row.getString(textIndex), row.isNullAt(pairIndex) ? "" : row.getString(pairIndex));
      } else {
        inputs.text(row.getString(textIndex));
      }
    }

    @Override
    public boolean runsModel() {
      return false;
    }

    @Override
    public Set<String> outputNames(io.sparkscore.runtime.OnnxModel session) {
      return Set.of();
    }

    @Override
    public float[] reduce(
        Map<String, FloatTensor> outputs, int index, Encoding encoding, io.sparkscore.runtime.OnnxModel session) {
      return null;
    }

    @Override
    public Object[] combine(Row row, List<List<Scored>> inputs, LoadedModel model) {
      int width = 2 + (tokens ? 1 : 0) + (typeIds ? 1 : 0) + (offsets ? 1 : 0);
      Object[] values = new Object[width];
      if (inputs.isEmpty()) {
        return values;
      }
      Encoding e = inputs.get(0).get(0).encoding();
      int i = 0;
      values[i++] = ints(e.getIds());
      values[i++] = ints(e.getAttentionMask());
      if (tokens) {
        values[i++] = e.getTokens();
      }
      if (typeIds) {
        values[i++] = ints(e.getTypeIds());
      }
      if (offsets) {
        CharSpan[] spans = e.getCharTokenSpans();
        int[][] pairs = new int[spans.length][];
        for (int t = 0; t < spans.length; t++) {
          pairs[t] = spans[t] == null ? new int[] {0, 0} : new int[] {spans[t].getStart(), spans[t].getEnd()};
        }
        values[i] = pairs;
      }
      return values;
    }

    private static int[] ints(long[] values) {
      int[] out = new int[values.length];
      for (int i = 0; i < values.length; i++) {
        out[i] = Math.toIntExact(values[i]);
      }
      return out;
    }
  }
}
