package io.sparkscore.stages;

import io.sparkscore.SparkScoreException;
import io.sparkscore.compat.ScalaSeqs;
import io.sparkscore.runtime.LoadedModel;
import io.sparkscore.runtime.ModelCache;
import io.sparkscore.runtime.ModelSpec;
import io.sparkscore.runtime.SessionSettings;
import io.sparkscore.text.HfTokenizer;
import io.sparkscore.text.TokenizerSettings;
import java.util.List;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.Seq;

/**
 * Token ids ({@code array<int>} or {@code array<bigint>}) → text, exactly as Hugging Face's
 * {@code tokenizer.decode(ids, skip_special_tokens=…)} gives it for the same model. Null ids give null.
 */
public final class TokenDecoder extends Transformer implements DefaultParamsWritable {
  private static final DefaultParamsReadable<TokenDecoder> READER = new DefaultParamsReadable<>() {};

  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final Param<String> model;
  private final BooleanParam skipSpecialTokens;

  public TokenDecoder() {
    this(Identifiable.randomUID("tokenDecoder"));
  }

  public TokenDecoder(String uid) {
    this.uid = uid;
    inputCol = new Param<>(this, "inputCol", "token id column, array<int> or array<bigint>");
    outputCol = new Param<>(this, "outputCol", "output string column");
    model = new Param<>(this, "model", "the model whose tokenizer produced the ids (name, directory or URI)");
    skipSpecialTokens = new BooleanParam(this, "skipSpecialTokens", "leave out special tokens such as [CLS] and [PAD]");
    setDefault(inputCol, "input_ids");
    setDefault(outputCol, "decoded");
    setDefault(model, io.sparkscore.model.ModelLocator.DEFAULT_MODEL);
    setDefault(skipSpecialTokens, true);
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> inputCol() {
    return inputCol;
  }

  public String getInputCol() {
    return getOrDefault(inputCol);
  }

  public TokenDecoder setInputCol(String value) {
    set(inputCol, value);
    return this;
  }

  public Param<String> outputCol() {
    return outputCol;
  }

  public String getOutputCol() {
    return getOrDefault(outputCol);
  }

  public TokenDecoder setOutputCol(String value) {
    set(outputCol, value);
    return this;
  }

  public Param<String> model() {
    return model;
  }

  public String getModel() {
    return getOrDefault(model);
  }

  public TokenDecoder setModel(String value) {
    set(model, value);
    return this;
  }

  public BooleanParam skipSpecialTokens() {
    return skipSpecialTokens;
  }

  public boolean getSkipSpecialTokens() {
    return (Boolean) getOrDefault(skipSpecialTokens);
  }

  public TokenDecoder setSkipSpecialTokens(boolean value) {
    set(skipSpecialTokens, value);
    return this;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    Schemas.requireType(this, schema, getInputCol(),
        DataTypes.createArrayType(DataTypes.IntegerType), DataTypes.createArrayType(DataTypes.LongType));
    Schemas.requireAbsent(this, schema, getOutputCol());
    return schema.add(getOutputCol(), DataTypes.StringType, true);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> data) {
    transformSchema(data.schema(), true);
    ModelSpec spec = new ModelSpec(getModel(), "", SessionSettings.DEFAULTS);
    LoadedModel model = ModelCache.get(spec);
    model.tokenizer(TokenizerSettings.MODEL_DEFAULTS);
    IdDecoder decoder = new IdDecoder(spec, uid(), getInputCol(), getSkipSpecialTokens(), model.directory().vocabularySize());
    UserDefinedFunction decode = functions.udf(decoder, DataTypes.StringType);
    Column ids = data.col(getInputCol());
    return data.withColumn(getOutputCol(), decode.apply(ids));
  }

  /** Checks and decodes one row's ids; an id the tokenizer does not know would otherwise vanish. */
  private record IdDecoder(ModelSpec spec, String stage, String column, boolean skipSpecialTokens, int vocabularySize)
      implements UDF1<Seq<Number>, String> {
    @Override
    public String call(Seq<Number> ids) {
      if (ids == null) {
        return null;
      }
      List<Number> list = ScalaSeqs.toJava(ids);
      long[] values = new long[list.size()];
      for (int i = 0; i < values.length; i++) {
        Number id = list.get(i);
        if (id == null) {
          throw SparkScoreException.user("%s: column '%s' holds a null token id at position %d of %s", stage, column, i, list);
        }
        values[i] = id.longValue();
        if (values[i] < 0 || values[i] >= vocabularySize) {
          throw SparkScoreException.user(
              "%s: column '%s' holds token id %d at position %d, outside the vocabulary of model %s (ids 0..%d)",
              stage, column, values[i], i, spec.location(), vocabularySize - 1);
        }
      }
      HfTokenizer tokenizer = ModelCache.get(spec).tokenizer(TokenizerSettings.MODEL_DEFAULTS);
      return tokenizer.decode(values, skipSpecialTokens);
    }
  }

  @Override
  public TokenDecoder copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<TokenDecoder> read() {
    return READER.read();
  }

  public static TokenDecoder load(String path) {
    return read().load(path);
  }
}
