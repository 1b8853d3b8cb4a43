package io.sparkscore.stages;

import io.sparkscore.model.ModelLocator;
import io.sparkscore.runtime.BatchSettings;
import io.sparkscore.runtime.ModelSpec;
import io.sparkscore.text.TokenizerSettings;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Params every SparkScore stage has: the text column, the model, and how text is cut into batches.
 * Public so that Spark's reflective {@code Params.params} can call the accessors.
 */
public abstract class TokenizingStage<S extends TokenizingStage<S>> extends Transformer
    implements DefaultParamsWritable {
  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> model;
  private final IntParam maxLength;
  private final IntParam batchSize;
  private final IntParam maxBatchTokens;
  private final BooleanParam sortByLength;
  private final Param<String> statusCol;

  protected TokenizingStage(String uid) {
    this.uid = uid; // first: each Param records it as its parent
    inputCol = new Param<>(this, "inputCol", "string column holding the text");
    model = new Param<>(this, "model",
        "model: an embedded model's short name (" + String.join(", ", ModelLocator.embeddedNames())
            + "), a local Hugging Face model directory, classpath:dir, or a Hadoop URI (hdfs:, s3a:, file:)");
    maxLength = new IntParam(this, "maxLength",
        "longest token sequence; longer text is truncated (0 = the model's limit)", ParamValidators.gtEq(0));
    batchSize = new IntParam(this, "batchSize", "most sequences per model run (> 0)", ParamValidators.gt(0));
    maxBatchTokens = new IntParam(this, "maxBatchTokens",
        "most padded tokens (rows x longest) per model run (0 = " + BatchSettings.CPU_TOKEN_BUDGET
            + " on CPU, " + BatchSettings.CHUNKED_CPU_TOKEN_BUDGET
            + " on CPU when long text is chunked, " + BatchSettings.GPU_TOKEN_BUDGET + " on GPU)", ParamValidators.gtEq(0));
    sortByLength = new BooleanParam(this, "sortByLength",
        "order sequences by length and cut batches where padding plus the per-run cost is least; output order is unchanged");
    statusCol = new Param<>(this, "statusCol",
        "when not empty, a string column saying what happened to each row: ok, null_text, empty_text (no token "
            + "of the text is left), truncated, chunked, or 'error: <message>' when the model refuses the row "
            + "(its outputs are then null; without statusCol such a row fails the task)");
    setDefault(inputCol, "text");
    setDefault(model, ModelLocator.DEFAULT_MODEL);
    setDefault(maxLength, 0);
    setDefault(batchSize, BatchSettings.DEFAULTS.batchSize());
    setDefault(maxBatchTokens, 0);
    setDefault(sortByLength, true);
    setDefault(statusCol, "");
  }

  @Override
  public final String uid() {
    return uid;
  }

  /**
   * Names of the Params this stage inherits but does not read (or reads only at their defaults); front
   * ends do not offer them.
   */
  public Set<String> inapplicableParams() {
    return Set.of();
  }

  public Param<String> inputCol() {
    return inputCol;
  }

  public String getInputCol() {
    return getOrDefault(inputCol);
  }

  public Param<String> model() {
    return model;
  }

  public String getModel() {
    return getOrDefault(model);
  }

  public IntParam maxLength() {
    return maxLength;
  }

  public int getMaxLength() {
    return (Integer) getOrDefault(maxLength);
  }

  public IntParam batchSize() {
    return batchSize;
  }

  public int getBatchSize() {
    return (Integer) getOrDefault(batchSize);
  }

  public IntParam maxBatchTokens() {
    return maxBatchTokens;
  }

  public int getMaxBatchTokens() {
    return (Integer) getOrDefault(maxBatchTokens);
  }

  public BooleanParam sortByLength() {
    return sortByLength;
  }

  public boolean getSortByLength() {
    return (Boolean) getOrDefault(sortByLength);
  }

  public Param<String> statusCol() {
    return statusCol;
  }

  public String getStatusCol() {
    return getOrDefault(statusCol);
  }

  public S setStatusCol(String value) {
    return with(statusCol, value);
  }

  public S setInputCol(String value) {
    return with(inputCol, value);
  }

  public S setModel(String value) {
    return with(model, value);
  }

  public S setMaxLength(int value) {
    return with(maxLength, value);
  }

  public S setBatchSize(int value) {
    return with(batchSize, value);
  }

  public S setMaxBatchTokens(int value) {
    return with(maxBatchTokens, value);
  }

  public S setSortByLength(boolean value) {
    return with(sortByLength, value);
  }

  /** Sets a param and returns the concrete stage, so setters chain. */
  @SuppressWarnings("unchecked")
  protected final <T> S with(Param<T> param, T value) {
    set(param, value);
    return (S) this;
  }

  protected TokenizerSettings tokenizerSettings() {
    return new TokenizerSettings(getMaxLength(), true, true, false, 0);
  }

  protected BatchSettings batchSettings() {
    return new BatchSettings(getBatchSize(), getMaxBatchTokens(), BatchSettings.DEFAULTS.window(), getSortByLength());
  }

  /** {@code out} with the status column last, when one is asked for; stages end transformSchema with it. */
  protected StructType withStatusColumn(StructType out) {
    if (getStatusCol().isEmpty()) {
      return out;
    }
    Schemas.requireAbsent(this, out, getStatusCol());
    return out.add(getStatusCol(), DataTypes.StringType, false);
  }

  /**
   * The function {@link #transform} maps each partition of a {@code schema} dataset through: it
   * emits the partition's rows in their input order, each with the columns {@link #transformSchema}
   * adds appended. Also run by the SQL functions' operator, so both score alike. Call {@link
   * #transformSchema} first; this loads the model on the driver and fails fast when it cannot serve.
   */
  public abstract MapPartitionsFunction<Row, Row> partitionFunction(StructType schema);

  @Override
  public Dataset<Row> transform(Dataset<?> data) {
    StructType out = transformSchema(data.schema(), true);
    return data.toDF().mapPartitions(partitionFunction(data.schema()), Encoders.row(out));
  }

  /** The partition function that scores {@code spec}'s model with this stage's tokenizer, batching and status. */
  ScoringPartition scoring(ModelSpec spec, RowScorer scorer) {
    return new ScoringPartition(spec, tokenizerSettings(), batchSettings(), scorer).withStatus(!getStatusCol().isEmpty());
  }

  /** Checks the text column; every stage calls it first in transformSchema. */
  protected void requireTextColumn(StructType schema) {
    Schemas.requireType(this, schema, getInputCol(), DataTypes.StringType);
  }
}
