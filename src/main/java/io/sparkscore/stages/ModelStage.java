package io.sparkscore.stages;

import io.sparkscore.SparkScoreException;
import io.sparkscore.runtime.CudaSettings;
import io.sparkscore.runtime.DeviceRequest;
import io.sparkscore.runtime.ModelSpec;
import io.sparkscore.runtime.SessionSettings;
import io.sparkscore.text.TokenizerSettings;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.sql.types.StructType;

/** A stage that runs the model's ONNX graph: adds the variant, device and session params. */
public abstract class ModelStage<S extends ModelStage<S>> extends TokenizingStage<S> {
  private final Param<String> modelVariant;
  private final Param<String> device;
  private final IntParam intraOpThreads;
  private final Param<String> optimization;
  private final Param<String> longText;
  private final IntParam stride;

  protected ModelStage(String uid) {
    super(uid);
    modelVariant = new Param<>(this, "modelVariant",
        "ONNX file to run: empty for model.onnx, a short name (quantized, fp16) for model_<name>.onnx, "
            + "or a file name; looked up in onnx/ then the model root");
    device = new Param<>(this, "device",
        "auto (the task's Spark-assigned GPU if any, else CPU; CUDA failures fall back to CPU with a warning), "
            + "cpu, cuda (required, no fallback) or cuda:N");
    intraOpThreads = new IntParam(this, "intraOpThreads",
        "ONNX Runtime threads per run (0 = spark.task.cpus inside Spark)", ParamValidators.gtEq(0));
    optimization = new Param<>(this, "optimization", "ONNX Runtime graph optimisation level: "
        + String.join(", ", SessionSettings.OPTIMIZATIONS),
        ParamValidators.inArray(SessionSettings.OPTIMIZATIONS.toArray(new String[0])));
    longText = new Param<>(this, "longText",
        "text longer than maxLength tokens: truncate (keep the first window, as Hugging Face does) or chunk "
            + "(score every window of maxLength tokens and combine their values)",
        ParamValidators.inArray(LongText.MODES));
    stride = new IntParam(this, "stride",
        "with longText chunk, tokens that consecutive windows share (0 = none; below maxLength minus the "
            + "special tokens)", ParamValidators.gtEq(0));
    setDefault(modelVariant, "");
    setDefault(device, "auto");
    setDefault(intraOpThreads, 0);
    setDefault(optimization, "all");
    setDefault(longText, LongText.TRUNCATE);
    setDefault(stride, 0);
  }

  public Param<String> modelVariant() {
    return modelVariant;
  }

  public String getModelVariant() {
    return getOrDefault(modelVariant);
  }

  public S setModelVariant(String value) {
    return with(modelVariant, value);
  }

  public Param<String> device() {
    return device;
  }

  public String getDevice() {
    return getOrDefault(device);
  }

  public S setDevice(String value) {
    return with(device, value);
  }

  public IntParam intraOpThreads() {
    return intraOpThreads;
  }

  public int getIntraOpThreads() {
    return (Integer) getOrDefault(intraOpThreads);
  }

  public S setIntraOpThreads(int value) {
    return with(intraOpThreads, value);
  }

  public Param<String> optimization() {
    return optimization;
  }

  public String getOptimization() {
    return getOrDefault(optimization);
  }

  public S setOptimization(String value) {
    return with(optimization, value);
  }

  public Param<String> longText() {
    return longText;
  }

  public String getLongText() {
    return getOrDefault(longText);
  }

  public S setLongText(String value) {
    return with(longText, value);
  }

  public IntParam stride() {
    return stride;
  }

  public int getStride() {
    return (Integer) getOrDefault(stride);
  }

  public S setStride(int value) {
    return with(stride, value);
  }

  /** True when long texts are cut into windows whose values the stage combines. */
  protected boolean chunksLongText() {
    return getLongText().equals(LongText.CHUNK);
  }

  /** Also refuses a stride without chunking, where it would be silently ignored. */
  @Override
  protected void requireTextColumn(StructType schema) {
    super.requireTextColumn(schema);
    if (getStride() > 0 && !chunksLongText()) {
      throw SparkScoreException.user(
          "%s: stride %d only applies with longText '%s' (longText is '%s')",
          uid(), getStride(), LongText.CHUNK, getLongText());
    }
  }

  @Override
  protected TokenizerSettings tokenizerSettings() {
    TokenizerSettings settings = super.tokenizerSettings();
    return chunksLongText() ? settings.withWindows(getStride()) : settings;
  }

  protected SessionSettings sessionSettings() {
    return new SessionSettings(
        getIntraOpThreads(), getOptimization(), true, true, DeviceRequest.parse(getDevice()), CudaSettings.DEFAULTS);
  }

  protected ModelSpec modelSpec() {
    return new ModelSpec(getModel(), getModelVariant(), sessionSettings());
  }
}
