package io.sparkscore.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;
import io.sparkscore.SparkScoreException;
import io.sparkscore.model.ModelDirectory;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ONNX Runtime session over a model's graph. Its inputs and outputs are read from the graph:
 * {@code input_ids} is required, {@code attention_mask} and {@code token_type_ids} are fed when the
 * graph declares them. Thread-safe: tasks of one executor share it.
 */
public final class OnnxModel implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OnnxModel.class);
  static final String INPUT_IDS = "input_ids";
  static final String ATTENTION_MASK = "attention_mask";
  static final String TOKEN_TYPE_IDS = "token_type_ids";
  private static final Set<String> FEEDABLE = Set.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS);
  private static final Pattern HIDDEN_STATE = Pattern.compile("hidden_states[._/]?(\\d+)");
  private static final long CLOSE_WAIT_SECONDS = 10;

  private final String modelName;
  private final Path graph;
  private final OrtEnvironment env;
  private final OrtSession.SessionOptions options;
  private final OrtSession session;
  private final Device device;
  private final Device selected;
  private final Set<String> inputs;
  private final Map<String, long[]> outputShapes;
  private final boolean scalesPerRun;
  /** Runs hold the read lock and close the write lock, so a session is never freed under a batch. */
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed;

  private OnnxModel(
      String modelName,
      Path graph,
      OrtEnvironment env,
      OrtSession.SessionOptions options,
      OrtSession session,
      Device device,
      Device selected)
      throws OrtException {
    this.modelName = modelName;
    this.graph = graph;
    this.env = env;
    this.options = options;
    this.session = session;
    this.device = device;
    this.selected = selected;
    this.inputs = Collections.unmodifiableSet(session.getInputNames());
    Map<String, long[]> shapes = new LinkedHashMap<>();
    for (Map.Entry<String, NodeInfo> out : session.getOutputInfo().entrySet()) {
      shapes.put(out.getKey(), out.getValue().getInfo() instanceof TensorInfo t ? t.getShape() : new long[0]);
    }
    this.outputShapes = Collections.unmodifiableMap(shapes);
    this.scalesPerRun = BatchScaling.scalesPerRun(graph);
  }

  /**
   * Opens the graph of {@code model} on exactly {@code device}: no fallback here ({@link LoadedModel}
   * decides that). CUDA that ONNX Runtime cannot use (a CPU-only onnxruntime jar, missing CUDA or cuDNN
   * libraries, no such device) is a RESOURCES error naming the device and ONNX Runtime's message; a graph
   * it cannot load is a USER error.
   */
  public static OnnxModel open(ModelDirectory model, SessionSettings settings, Device device, int intraOpThreads) {
    return open(model, settings, device, device, intraOpThreads);
  }

  /** As {@link #open(ModelDirectory, SessionSettings, Device, int)}, for a task that selected {@code selected}. */
  static OnnxModel open(
      ModelDirectory model, SessionSettings settings, Device device, Device selected, int intraOpThreads) {
    try {
      return create(model, OrtEnvironment.getEnvironment(), settings, device, selected, intraOpThreads);
    } catch (OrtException e) {
      if (device.cuda()) {
        throw cudaUnusable(model, device, e);
      }
      throw SparkScoreException.user(
          e, "model %s: ONNX Runtime cannot load %s: %s%s", model.name(), model.onnxFile(), e.getMessage(),
          CustomOps.hint(e.getMessage()));
    } catch (LinkageError e) {
      if (device.cuda()) {
        throw cudaUnusable(model, device, e);
      }
      throw e;
    }
  }

  private static SparkScoreException cudaUnusable(ModelDirectory model, Device device, Throwable cause) {
    return new SparkScoreException(
        SparkScoreException.Kind.RESOURCES,
        String.format("model %s: ONNX Runtime cannot run %s on %s: %s",
            model.name(), model.onnxFile().getFileName(), device, cause.getMessage()),
        cause);
  }

  private static OnnxModel create(
      ModelDirectory model,
      OrtEnvironment env,
      SessionSettings settings,
      Device device,
      Device selected,
      int intraOpThreads)
      throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    try {
      options.setOptimizationLevel(
          switch (settings.optimization()) {
            case "none" -> OrtSession.SessionOptions.OptLevel.NO_OPT;
            case "basic" -> OrtSession.SessionOptions.OptLevel.BASIC_OPT;
            case "extended" -> OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
            default -> OrtSession.SessionOptions.OptLevel.ALL_OPT;
          });
      if (intraOpThreads > 0) {
        options.setIntraOpNumThreads(intraOpThreads);
      }
      options.setInterOpNumThreads(1);
      CustomOps.register(options);
      options.setMemoryPatternOptimization(settings.memoryPattern());
      options.setCPUArenaAllocator(settings.cpuArena());
      if (device.cuda()) {
        // The session options copy the provider options, so they can be freed right away.
        try (OrtCUDAProviderOptions cuda = new OrtCUDAProviderOptions(device.index())) {
          CudaSettings c = settings.cuda();
          if (c.memoryLimitMb() > 0) {
            cuda.add("gpu_mem_limit", Long.toString(c.memoryLimitMb() * 1024 * 1024));
          }
          cuda.add("arena_extend_strategy", c.arenaExtendStrategy());
          cuda.add("cudnn_conv_algo_search", c.convAlgoSearch());
          options.addCUDA(cuda);
        }
      }
      OrtSession session = env.createSession(model.onnxFile().toString(), options);
      OnnxModel opened = new OnnxModel(model.name(), model.onnxFile(), env, options, session, device, selected);
      opened.checkAgainst(model);
      return opened;
    } catch (OrtException | RuntimeException | LinkageError e) {
      options.close();
      throw e;
    }
  }

  /** Refuses graphs SparkScore cannot feed, and configs that contradict the graph. */
  private void checkAgainst(ModelDirectory model) throws OrtException {
    if (!inputs.contains(INPUT_IDS)) {
      throw SparkScoreException.user(
          "model %s: graph %s has no input_ids input (inputs: %s)", model.name(), model.onnxFile(), inputs);
    }
    for (Map.Entry<String, NodeInfo> input : session.getInputInfo().entrySet()) {
      if (!FEEDABLE.contains(input.getKey())) {
        throw SparkScoreException.user(
            "model %s: graph input '%s' is not one SparkScore can feed (it feeds %s)",
            model.name(), input.getKey(), FEEDABLE);
      }
      if (input.getValue().getInfo() instanceof TensorInfo t && t.type != OnnxJavaType.INT64) {
        throw SparkScoreException.user(
            "model %s: graph input '%s' is %s; SparkScore feeds int64 token tensors",
            model.name(), input.getKey(), t.type);
      }
    }
    int labels = model.config().labels().size();
    long[] logits = outputShapes.get("logits");
    if (labels > 0 && logits != null && logits.length == 2 && logits[1] > 0 && logits[1] != labels) {
      throw SparkScoreException.user(
          "model %s: config.json has %d labels in id2label but the graph's logits output has %d",
          model.name(), labels, logits[1]);
    }
    int hidden = model.config().hiddenSize();
    long[] lastHidden = outputShapes.get("last_hidden_state");
    if (hidden > 0 && lastHidden != null && lastHidden.length == 3 && lastHidden[2] > 0 && lastHidden[2] != hidden) {
      throw SparkScoreException.user(
          "model %s: config.json hidden_size is %d but the graph's last_hidden_state has %d",
          model.name(), hidden, lastHidden[2]);
    }
  }

  /** Runs one batch and copies the requested outputs out of native memory. */
  public Map<String, FloatTensor> run(TokenBatch batch, Set<String> outputNames) {
    Lock running = lifecycle.readLock();
    running.lock();
    try {
      if (closed) {
        throw new IllegalStateException("model " + modelName + " on " + device + ": the session is closed");
      }
      return runOpen(batch, outputNames);
    } finally {
      running.unlock();
    }
  }

  private Map<String, FloatTensor> runOpen(TokenBatch batch, Set<String> outputNames) {
    long[] shape = batch.shape();
    Map<String, OnnxTensor> feed = new LinkedHashMap<>();
    try {
      feed.put(INPUT_IDS, OnnxTensor.createTensor(env, batch.ids(), shape));
      if (inputs.contains(ATTENTION_MASK)) {
        feed.put(ATTENTION_MASK, OnnxTensor.createTensor(env, batch.attentionMask(), shape));
      }
      if (inputs.contains(TOKEN_TYPE_IDS)) {
        feed.put(TOKEN_TYPE_IDS, OnnxTensor.createTensor(env, batch.typeIds(), shape));
      }
      try (OrtSession.Result result = session.run(feed, outputNames)) {
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, OnnxValue> value : result) {
          OnnxTensor tensor = (OnnxTensor) value.getValue();
          FloatBuffer buffer = tensor.getFloatBuffer();
          if (buffer == null) {
            throw SparkScoreException.user(
                "model %s: output '%s' is %s, not a float tensor", modelName, value.getKey(), tensor.getInfo().type);
          }
          out.put(value.getKey(), new FloatTensor(heapArray(buffer), tensor.getInfo().getShape()));
        }
        return out;
      }
    } catch (OrtException e) {
      throw new SparkScoreException(
          SparkScoreException.Kind.RESOURCES,
          String.format("model %s on %s: ONNX Runtime failed on a batch of shape %s: %s",
              modelName, device, java.util.Arrays.toString(shape), e.getMessage()),
          e);
    } finally {
      feed.values().forEach(OnnxTensor::close);
    }
  }

  /**
   * The values of an output buffer as an array. {@code getFloatBuffer()} already copies native
   * memory into a fresh heap buffer; its backing array is taken as is, so a batch's output is
   * copied once, not twice.
   */
  static float[] heapArray(FloatBuffer buffer) {
    if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0
        && buffer.remaining() == buffer.array().length) {
      return buffer.array();
    }
    float[] data = new float[buffer.remaining()];
    buffer.get(data);
    return data;
  }

  /**
   * True when the graph scales activations per run ({@link BatchScaling}): a row's output then
   * depends on what shares its batch, so such sessions run one row per batch.
   */
  public boolean scalesPerRun() {
    return scalesPerRun;
  }

  /** Where this session runs. */
  public Device device() {
    return device;
  }

  /**
   * The device as reports show it: {@code cuda:1}, {@code cpu}, or {@code cpu (fallback from cuda:1)}
   * when the task selected a GPU that ONNX Runtime could not use.
   */
  public String deviceLabel() {
    return device.equals(selected) ? device.toString() : device + " (fallback from " + selected + ")";
  }

  /** The ONNX file this session runs (for an fp16 variant on CPU, the fp32 graph). */
  public Path graph() {
    return graph;
  }

  public Set<String> inputNames() {
    return inputs;
  }

  /** Output names with their declared shapes (-1 where dynamic), in graph order. */
  public Map<String, long[]> outputShapes() {
    return outputShapes;
  }

  public boolean hasOutput(String name) {
    return outputShapes.containsKey(name);
  }

  /** The token-level output: {@code last_hidden_state}, {@code token_embeddings}, else the first rank-3 output. */
  public String tokenOutput() {
    for (String name : List.of("last_hidden_state", "token_embeddings")) {
      if (hasOutput(name)) {
        return name;
      }
    }
    return outputShapes.entrySet().stream()
        .filter(e -> e.getValue().length == 3 && !HIDDEN_STATE.matcher(e.getKey()).matches())
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow(
            () -> SparkScoreException.user(
                "model %s: graph has no token-level output (rank 3); outputs: %s", modelName, outputShapes.keySet()));
  }

  /** The classification output: {@code logits}, else the first rank-2 output. */
  public String logitsOutput() {
    if (hasOutput("logits")) {
      return "logits";
    }
    return outputShapes.entrySet().stream()
        .filter(e -> e.getValue().length == 2)
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow(
            () -> SparkScoreException.user(
                "model %s: graph has no classification output (logits); outputs: %s", modelName, outputShapes.keySet()));
  }

  /** {@code pooler_output} when the graph exposes one. */
  public Optional<String> poolerOutput() {
    return hasOutput("pooler_output") ? Optional.of("pooler_output") : Optional.empty();
  }

  /** Every hidden-state output ({@code hidden_states.0} … {@code hidden_states.N}) in layer order. */
  public List<String> hiddenStateOutputs() {
    Map<Integer, String> byLayer = new java.util.TreeMap<>();
    for (String name : outputShapes.keySet()) {
      Matcher m = HIDDEN_STATE.matcher(name);
      if (m.matches()) {
        byLayer.put(Integer.parseInt(m.group(1)), name);
      }
    }
    return List.copyOf(byLayer.values());
  }

  /**
   * Frees the session once no batch is running on it (the JVM-exit hook can fire while tasks still
   * run, and freeing native memory under a running batch crashes the JVM). Idempotent; if a batch
   * is still running after {@value #CLOSE_WAIT_SECONDS} s the session is left to the process exit.
   */
  @Override
  public void close() {
    Lock closing = lifecycle.writeLock();
    boolean locked;
    try {
      locked = closing.tryLock(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      locked = false;
    }
    if (!locked) {
      LOG.warn("model {}: a batch still runs after {} s; its session is left open", modelName, CLOSE_WAIT_SECONDS);
      return;
    }
    try {
      if (!closed) {
        closed = true;
        closeNative();
      }
    } finally {
      closing.unlock();
    }
  }

  private void closeNative() {
    try {
      session.close();
    } catch (OrtException e) {
      LOG.warn("closing session of {}: {}", modelName, e.getMessage());
    } finally {
      options.close();
    }
  }

  @Override
  public String toString() {
    return "OnnxModel[" + modelName + " (" + graph.getFileName() + ") on " + deviceLabel() + ", inputs " + inputs + ", outputs " + outputShapes.keySet() + "]";
  }
}
