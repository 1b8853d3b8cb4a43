package io.sparkscore.stages;

import io.sparkscore.SparkScoreException;
import io.sparkscore.model.ModelDirectory;
import io.sparkscore.runtime.BatchSettings;
import io.sparkscore.runtime.CudaSettings;
import io.sparkscore.runtime.DeviceRequest;
import io.sparkscore.runtime.ModelSpec;
import io.sparkscore.runtime.SessionSettings;
import io.sparkscore.stages.params.ChoiceParam;
import io.sparkscore.text.TokenizerSettings;
import java.util.List;
import org.apache.spark.ml.param.BooleanParam;
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
  private final IntParam cudaMemoryLimitMb;
  private final Param<String> cudaArenaExtendStrategy;
  private final Param<String> cudnnConvAlgoSearch;
  private final Param<String> modelSha256;
  private final BooleanParam memoryPattern;
  private final BooleanParam cpuArena;
  private final BooleanParam dedupe;

  protected ModelStage(String uid) {
    super(uid);
    modelVariant = new Param<>(this, "modelVariant",
        "ONNX file to run: empty for model.onnx, a short name (quantized, fp16) for model_<name>.onnx, "
            + "or a file name; looked up in onnx/ then the model root. fp16 runs only on CUDA: tasks on CPU "
            + "run model.onnx instead (with a warning), and device cpu refuses it");
    device = new ChoiceParam(this, "device",
        "auto (the task's Spark-assigned GPU if any, else CPU; CUDA failures fall back to CPU with a warning), "
            + "cpu, cuda (required, no fallback) or cuda:N", List.of("auto", "cpu", "cuda", "cuda:N"));
    intraOpThreads = new IntParam(this, "intraOpThreads",
        "ONNX Runtime threads per run (0 = derived: an executor's cores shared by the tasks it runs at once, "
            + "at least spark.task.cpus)", ParamValidators.gtEq(0));
    optimization = new ChoiceParam(this, "optimization", "ONNX Runtime graph optimisation level: "
        + String.join(", ", SessionSettings.OPTIMIZATIONS), SessionSettings.OPTIMIZATIONS);
    longText = new ChoiceParam(this, "longText",
        "text longer than maxLength tokens: truncate (keep the first window, as Hugging Face does) or chunk "
            + "(score every window of maxLength tokens and combine their values)",
        List.of(LongText.MODES));
    stride = new IntParam(this, "stride",
        "with longText chunk, tokens that consecutive windows share (0 = none; below maxLength minus the "
            + "special tokens)", ParamValidators.gtEq(0));
    cudaMemoryLimitMb = new IntParam(this, "cudaMemoryLimitMb",
        "CUDA: MiB the session's GPU memory arena may hold (0 = no limit); set it when executors share a GPU",
        ParamValidators.gtEq(0));
    cudaArenaExtendStrategy = new ChoiceParam(this, "cudaArenaExtendStrategy",
        "CUDA: how the GPU memory arena grows: kSameAsRequested (by what a run needs) or kNextPowerOfTwo",
        CudaSettings.ARENA_STRATEGIES);
    cudnnConvAlgoSearch = new ChoiceParam(this, "cudnnConvAlgoSearch",
        "CUDA: cuDNN convolution algorithm search: HEURISTIC, EXHAUSTIVE or DEFAULT",
        CudaSettings.CONV_SEARCHES);
    modelSha256 = new Param<>(this, "modelSha256",
        "SHA-256 the ONNX graph must have, or comma-separated file=sha256 pairs for any of the model's files "
            + "(tokenizer.json=…); a mismatch refuses to run, on the driver and on every executor (empty = no pin)");
    memoryPattern = new BooleanParam(this, "memoryPattern",
        "ONNX Runtime memory pattern optimisation: plans each input shape's buffers once; pays off only "
            + "when batch shapes repeat");
    cpuArena = new BooleanParam(this, "cpuArena",
        "ONNX Runtime CPU arena allocator: reuses tensor memory across runs instead of calling malloc");
    dedupe = new BooleanParam(this, "dedupe",
        "score a text repeated within a scoring window once and copy its values to the repeats (also texts the "
            + "tokenizer normalises to the same tokens); outputs are the same either way");
    setDefault(dedupe, true);
    setDefault(modelVariant, "");
    setDefault(device, "auto");
    setDefault(intraOpThreads, 0);
    setDefault(optimization, "all");
    setDefault(longText, LongText.TRUNCATE);
    setDefault(stride, 0);
    setDefault(cudaMemoryLimitMb, (int) CudaSettings.DEFAULTS.memoryLimitMb());
    setDefault(cudaArenaExtendStrategy, CudaSettings.DEFAULTS.arenaExtendStrategy());
    setDefault(cudnnConvAlgoSearch, CudaSettings.DEFAULTS.convAlgoSearch());
    setDefault(memoryPattern, SessionSettings.DEFAULTS.memoryPattern());
    setDefault(cpuArena, SessionSettings.DEFAULTS.cpuArena());
    setDefault(modelSha256, "");
  }

  public Param<String> modelSha256() {
    return modelSha256;
  }

  public String getModelSha256() {
    return getOrDefault(modelSha256);
  }

  public S setModelSha256(String value) {
    return with(modelSha256, value);
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
    DeviceRequest.parse(value); // its message says what a device looks like, before the Param's generic one
    return with(device, value.trim().toLowerCase(java.util.Locale.ROOT));
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
    ModelDirectory.parsePins(getModelSha256());
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

  public IntParam cudaMemoryLimitMb() {
    return cudaMemoryLimitMb;
  }

  public int getCudaMemoryLimitMb() {
    return (Integer) getOrDefault(cudaMemoryLimitMb);
  }

  public S setCudaMemoryLimitMb(int value) {
    return with(cudaMemoryLimitMb, value);
  }

  public Param<String> cudaArenaExtendStrategy() {
    return cudaArenaExtendStrategy;
  }

  public String getCudaArenaExtendStrategy() {
    return getOrDefault(cudaArenaExtendStrategy);
  }

  public S setCudaArenaExtendStrategy(String value) {
    return with(cudaArenaExtendStrategy, value);
  }

  public Param<String> cudnnConvAlgoSearch() {
    return cudnnConvAlgoSearch;
  }

  public String getCudnnConvAlgoSearch() {
    return getOrDefault(cudnnConvAlgoSearch);
  }

  public S setCudnnConvAlgoSearch(String value) {
    return with(cudnnConvAlgoSearch, value);
  }

  public BooleanParam memoryPattern() {
    return memoryPattern;
  }

  public boolean getMemoryPattern() {
    return (Boolean) getOrDefault(memoryPattern);
  }

  public S setMemoryPattern(boolean value) {
    return with(memoryPattern, value);
  }

  public BooleanParam cpuArena() {
    return cpuArena;
  }

  public boolean getCpuArena() {
    return (Boolean) getOrDefault(cpuArena);
  }

  public S setCpuArena(boolean value) {
    return with(cpuArena, value);
  }

  public BooleanParam dedupe() {
    return dedupe;
  }

  public boolean getDedupe() {
    return (Boolean) getOrDefault(dedupe);
  }

  public S setDedupe(boolean value) {
    return with(dedupe, value);
  }

  /** Chunked text batches under a smaller CPU token budget, which bounds ONNX Runtime's arena. */
  @Override
  protected BatchSettings batchSettings() {
    BatchSettings settings = super.batchSettings();
    return chunksLongText() ? settings.withCpuTokenBudget(BatchSettings.CHUNKED_CPU_TOKEN_BUDGET) : settings;
  }

  @Override
  ScoringPartition scoring(ModelSpec spec, RowScorer scorer) {
    return super.scoring(spec, scorer).withDedupe(getDedupe());
  }

  /** The session settings; refuses an fp16 graph on {@code device=cpu}, where it cannot run as meant. */
  protected SessionSettings sessionSettings() {
    DeviceRequest request = DeviceRequest.parse(getDevice());
    if (request.mode() == DeviceRequest.Mode.CPU && ModelDirectory.isFp16Variant(getModelVariant())) {
      throw SparkScoreException.user(
          "%s: modelVariant '%s' is the fp16 graph, which SparkScore runs only on CUDA, but device is cpu; "
              + "use device auto or cuda, or leave modelVariant empty for the fp32 graph",
          uid(), getModelVariant());
    }
    CudaSettings cuda =
        new CudaSettings(getCudaMemoryLimitMb(), getCudaArenaExtendStrategy(), getCudnnConvAlgoSearch());
    return new SessionSettings(getIntraOpThreads(), getOptimization(), getMemoryPattern(), getCpuArena(), request, cuda);
  }

  protected ModelSpec modelSpec() {
    return new ModelSpec(getModel(), getModelVariant(), sessionSettings(), getModelSha256());
  }
}
