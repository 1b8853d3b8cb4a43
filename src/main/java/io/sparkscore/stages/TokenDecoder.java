package io.sparkscore.stages;

import io.sparkscore.SparkScoreException;
import io.sparkscore.model.ModelLocator;
import io.sparkscore.runtime.ModelCache;
import io.sparkscore.runtime.ModelSpec;
import io.sparkscore.text.HfTokenizer;
import io.sparkscore.text.TokenizerSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * Token ids ({@code array<int>} or {@code array<bigint>}, as {@link TextTokenizer} writes them or a
 * JSON file holds them) → text, as the model's tokenizer decodes them: {@code tokenizer.decode(ids,
 * skip_special_tokens=...)} in transformers. Null ids give null text. An id outside the tokenizer's
 * vocabulary, or a null id, fails the job naming the column and the id: the tokenizer would drop it
 * silently and the text would lose a piece without a trace.
 */
public final class TokenDecoder extends Transformer implements DefaultParamsWritable {
  private static final DefaultParamsReadable<TokenDecoder> READER = new DefaultParamsReadable<>() {};

  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final Param<String> model;
  private final BooleanParam skipSpecialTokens;
  private final IntParam batchSize;

  public TokenDecoder() {
    this(Identifiable.randomUID("tokenDecoder"));
  }

  public TokenDecoder(String uid) {
    this.uid = uid; // first: each Param records it as its parent
    inputCol = new Param<>(this, "inputCol", "token id column, array<int> or array<bigint>");
    outputCol = new Param<>(this, "outputCol", "string column to add: the decoded text");
    model = new Param<>(this, "model", TokenizingStage.MODEL_DOC + "; only its tokenizer.json is used");
    skipSpecialTokens = new BooleanParam(this, "skipSpecialTokens",
        "leave out the model's special tokens ([CLS], [SEP], <s>, padding …), as skip_special_tokens=True does");
    batchSize = new IntParam(this, "batchSize", "rows decoded per native tokenizer call (> 0)", ParamValidators.gt(0));
    setDefault(inputCol, "input_ids");
    setDefault(outputCol, "decoded");
    setDefault(model, ModelLocator.DEFAULT_MODEL);
    setDefault(skipSpecialTokens, true);
    setDefault(batchSize, 256);
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

  public IntParam batchSize() {
    return batchSize;
  }

  public int getBatchSize() {
    return (Integer) getOrDefault(batchSize);
  }

  public TokenDecoder setBatchSize(int value) {
    set(batchSize, value);
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
    StructType out = transformSchema(data.schema(), true);
    ModelSpec spec = ModelSpec.of(getModel());
    // Fails fast on the driver when the model or its tokenizer is unusable.
    ModelCache.get(spec).tokenizer(TokenizerSettings.MODEL_DEFAULTS).vocabularySize();
    DecodePartition fn = new DecodePartition(
        uid, spec, getInputCol(), data.schema().fieldIndex(getInputCol()), getSkipSpecialTokens(), getBatchSize());
    return data.toDF().mapPartitions(fn, Encoders.row(out));
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

  /** Decodes {@code batchSize} rows per native call and appends the text; rows keep their order. */
  private record DecodePartition(
      String stage, ModelSpec spec, String column, int index, boolean skipSpecial, int batchSize)
      implements MapPartitionsFunction<Row, Row> {

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      HfTokenizer tokenizer = ModelCache.get(spec).tokenizer(TokenizerSettings.MODEL_DEFAULTS);
      return new Iterator<>() {
        private List<Row> ready = List.of();
        private int next;

        @Override
        public boolean hasNext() {
          if (next >= ready.size() && rows.hasNext()) {
            ready = decodeBatch(tokenizer, rows);
            next = 0;
          }
          return next < ready.size();
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          return ready.get(next++);
        }
      };
    }

    private List<Row> decodeBatch(HfTokenizer tokenizer, Iterator<Row> rows) {
      List<Row> batch = new ArrayList<>(batchSize);
      List<long[]> ids = new ArrayList<>(batchSize);
      while (batch.size() < batchSize && rows.hasNext()) {
        Row row = rows.next();
        batch.add(row);
        if (!row.isNullAt(index)) {
          ids.add(checkedIds(row.get(index), tokenizer.vocabularySize()));
        }
      }
      String[] texts = tokenizer.decode(ids.toArray(long[][]::new), skipSpecial);
      List<Row> out = new ArrayList<>(batch.size());
      int decoded = 0;
      for (Row row : batch) {
        Object[] values = new Object[row.length() + 1];
        for (int i = 0; i < row.length(); i++) {
          values[i] = row.get(i);
        }
        values[row.length()] = row.isNullAt(index) ? null : texts[decoded++];
        out.add(RowFactory.create(values));
      }
      return out;
    }

    /**
     * The ids of one row. Spark hands a Seq, or, when it fuses this stage with the one before, that
     * stage's own int[]/long[].
     */
    private long[] checkedIds(Object value, int vocabularySize) {
      List<?> values;
      if (value instanceof int[] ints) {
        values = Arrays.stream(ints).boxed().toList();
      } else if (value instanceof long[] longs) {
        values = Arrays.stream(longs).boxed().toList();
      } else if (value instanceof scala.collection.Seq<?> seq) {
        values = JavaConverters.seqAsJavaList(seq);
      } else {
        throw new IllegalStateException(stage + ": unexpected value in column '" + column + "': " + value);
      }
      long[] ids = new long[values.size()];
      for (int i = 0; i < ids.length; i++) {
        Object id = values.get(i);
        if (id == null) {
          throw SparkScoreException.user("%s: column '%s' holds a null token id at position %d of %s",
              stage, column, i, values);
        }
        ids[i] = ((Number) id).longValue();
        if (ids[i] < 0 || ids[i] >= vocabularySize) {
          throw SparkScoreException.user(
              "%s: column '%s' holds token id %d at position %d, outside the vocabulary of model %s (ids 0..%d)",
              stage, column, ids[i], i, spec.location(), vocabularySize - 1);
        }
      }
      return ids;
    }
  }
}
