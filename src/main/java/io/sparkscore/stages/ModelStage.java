package io.sparkscore.stages;

import io.sparkscore.runtime.CudaSettings;
import io.sparkscore.runtime.DeviceRequest;
import io.sparkscore.runtime.ModelSpec;
import io.sparkscore.runtime.SessionSettings;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;

/** A stage that runs the model's ONNX graph: adds the variant, device and session params. */
public abstract class ModelStage<S extends ModelStage<S>> extends TokenizingStage<S> {
  private final Param<String> modelVariant;
  private final Param<String> device;
  private final IntParam intraOpThreads;
  private final Param<String> optimization;
  private final BooleanParam memoryPattern;
  private final BooleanParam cpuArena;

  protected ModelStage(String uid) {
    super(uid);
    modelVariant = new Param<>(this, "modelVariant",
        "ONNX file to run: empty for model.onnx, a short name (quantized, fp16) for model_<name>.onnx, "
            + "or a file name; looked up in onnx/ then the model root");
    device = new Param<>(this, "device",
        "auto (the task's Spark-assigned GPU if any, else CPU; CUDA failures fall back to CPU with a warning), "
            + "cpu, cuda (required, no fallback) or cuda:N");
    intraOpThreads = new IntParam(this, "intraOpThreads",
        "ONNX Runtime threads per run (0 = derived: an executor's cores shared by the tasks it runs at once, "
            + "at least spark.task.cpus)", ParamValidators.gtEq(0));
    optimization = new Param<>(this, "optimization", "ONNX Runtime graph optimisation level: "
        + String.join(", ", SessionSettings.OPTIMIZATIONS),
        ParamValidators.inArray(SessionSettings.OPTIMIZATIONS.toArray(new String[0])));
    memoryPattern = new BooleanParam(this, "memoryPattern",
        "ONNX Runtime memory pattern optimisation: plans each input shape's buffers once; pays off only "
            + "when batch shapes repeat");
    cpuArena = new BooleanParam(this, "cpuArena",
        "ONNX Runtime CPU arena allocator: reuses tensor memory across runs instead of calling malloc");
    setDefault(modelVariant, "");
    setDefault(device, "auto");
    setDefault(intraOpThreads, 0);
    setDefault(optimization, "all");
    setDefault(memoryPattern, SessionSettings.DEFAULTS.memoryPattern());
    setDefault(cpuArena, SessionSettings.DEFAULTS.cpuArena());
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

  protected SessionSettings sessionSettings() {
    return new SessionSettings(getIntraOpThreads(), getOptimization(), getMemoryPattern(), getCpuArena(),
        DeviceRequest.parse(getDevice()), CudaSettings.DEFAULTS);
  }

  protected ModelSpec modelSpec() {
    return new ModelSpec(getModel(), getModelVariant(), sessionSettings());
  }
}
