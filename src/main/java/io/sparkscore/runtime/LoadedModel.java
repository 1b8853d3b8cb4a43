package io.sparkscore.runtime;

import io.sparkscore.Environment;
import io.sparkscore.SparkScoreException;
import io.sparkscore.model.ModelDirectory;
import io.sparkscore.text.HfTokenizer;
import io.sparkscore.text.TokenizerSettings;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model directory with its tokenizers and sessions, shared by every task of a JVM. A session is
 * opened per (device, threads, settings) on first use; a tokenizer per {@link TokenizerSettings}.
 *
 * <p>Where a session really runs is decided here, never silently. A GPU that ONNX Runtime cannot use
 * fails under {@code device=cuda}; under {@code auto} it logs one WARN per JVM and (model graph,
 * device) and runs on CPU. An fp16 graph runs only on CUDA: CPU sessions of an fp16 variant run the
 * fp32 {@code model.onnx} beside it, announced the same way.
 */
public final class LoadedModel implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LoadedModel.class);
  /** Fallbacks already announced in this JVM. */
  private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

  private final ModelDirectory directory;
  private final Supplier<ModelDirectory> fp32Graph;
  private final Map<TokenizerSettings, HfTokenizer> tokenizers = new ConcurrentHashMap<>();
  private final Map<SessionKey, OnnxModel> sessions = new ConcurrentHashMap<>();
  private ModelDirectory cpuGraph;
  /** The pins the model was last checked against; the fp32 graph an fp16 variant falls back to must pass them too. */
  private volatile Map<String, String> pins = Map.of();

  private record SessionKey(SessionSettings settings, Device device, int threads) {}

  /** {@code fp32Graph} locates the same model's {@code model.onnx}; it is asked only for fp16 variants. */
  LoadedModel(ModelDirectory directory, Supplier<ModelDirectory> fp32Graph) {
    this.directory = directory;
    this.fp32Graph = fp32Graph;
  }

  public ModelDirectory directory() {
    return directory;
  }

  /**
   * Refuses files other than the pinned ones ({@link ModelDirectory#parsePins}): the graph, and once
   * CPU sessions of an fp16 variant run {@code model.onnx} instead, that graph as well. A bare pin
   * names one graph, so the fallback needs both named ({@code onnx/model_fp16.onnx=…,onnx/model.onnx=…}).
   */
  synchronized void verify(Map<String, String> pins) {
    directory.verify(pins);
    this.pins = pins;
    if (cpuGraph != null && cpuGraph != directory) {
      verifyFallback(cpuGraph);
    }
  }

  private void verifyFallback(ModelDirectory fp32) {
    try {
      fp32.verify(pins);
    } catch (SparkScoreException e) {
      throw SparkScoreException.user(e,
          "model %s: CPU sessions of the fp16 variant run the fp32 graph %s, which the pins do not allow: %s. "
              + "Pin both graphs by name (%s=…,%s=…) or run on CUDA",
          directory.name(), fp32.onnxFile().getFileName(), e.getMessage(),
          directory.root().relativize(directory.onnxFile()), fp32.root().relativize(fp32.onnxFile()));
    }
  }

  public HfTokenizer tokenizer(TokenizerSettings settings) {
    return tokenizers.computeIfAbsent(settings, s -> HfTokenizer.load(directory, s));
  }

  /**
   * The session for {@code device}; {@link OnnxModel#device()} says where it really runs and
   * {@link OnnxModel#graph()} which file it runs.
   */
  public OnnxModel session(SessionSettings settings, Device device) {
    int threads = settings.intraOpThreads() > 0 ? settings.intraOpThreads() : Environment.current().threadsForTask();
    return sessions.computeIfAbsent(new SessionKey(settings, device, threads), k -> open(settings, device, threads));
  }

  /** The session for the running task: its assigned GPU, the requested device, or the CPU. */
  public OnnxModel sessionForTask(SessionSettings settings) {
    return session(settings, DeviceSelector.select(settings.device(), DeviceSelector.taskGpuAddresses()));
  }

  private OnnxModel open(SessionSettings settings, Device device, int threads) {
    if (!device.cuda()) {
      return OnnxModel.open(cpuGraph(), settings, Device.CPU, Device.CPU, threads);
    }
    try {
      return OnnxModel.open(directory, settings, device, device, threads);
    } catch (SparkScoreException e) {
      if (e.kind() != SparkScoreException.Kind.RESOURCES) {
        throw e;
      }
      if (settings.device().mode() != DeviceRequest.Mode.AUTO) {
        throw new SparkScoreException(
            SparkScoreException.Kind.RESOURCES,
            e.getMessage() + " (device=" + settings.device() + " requires the GPU: run with the GPU build of "
                + "SparkScore, mvn -Pgpu, which bundles onnxruntime_gpu, and CUDA 12 + cuDNN 9 libraries on "
                + "LD_LIBRARY_PATH; device=auto falls back to CPU instead)",
            e);
      }
      announce(
          directory.onnxFile() + "@" + device,
          "SparkScore: model {} selected {} under device=auto, but ONNX Runtime cannot use it ({}); "
              + "sessions in this JVM run it on CPU",
          directory.name(), device, firstLine(e.getCause() != null ? e.getCause() : e));
      return OnnxModel.open(cpuGraph(), settings, Device.CPU, device, threads);
    }
  }

  /** The graph CPU sessions run: this one, or for an fp16 variant the fp32 model.onnx beside it. */
  private synchronized ModelDirectory cpuGraph() {
    if (cpuGraph == null) {
      if (!directory.isFp16()) {
        cpuGraph = directory;
      } else {
        ModelDirectory fp32;
        try {
          fp32 = fp32Graph.get();
        } catch (SparkScoreException e) {
          throw SparkScoreException.user(
              e, "model %s: the fp16 graph %s runs only on CUDA, and CPU sessions need the fp32 graph beside it: %s",
              directory.name(), directory.onnxFile().getFileName(), e.getMessage());
        }
        verifyFallback(fp32);
        cpuGraph = fp32;
        announce(
            directory.onnxFile() + "@cpu",
            "SparkScore: model {}: the fp16 graph {} runs only on CUDA; CPU sessions in this JVM run the fp32 graph {}",
            directory.name(), directory.onnxFile().getFileName(), cpuGraph.onnxFile());
      }
    }
    return cpuGraph;
  }

  private static void announce(String key, String format, Object... args) {
    if (ANNOUNCED.add(key)) {
      LOG.warn(format, args);
    }
  }

  private static String firstLine(Throwable e) {
    String message = e.getMessage();
    return message == null ? e.toString() : message.lines().findFirst().orElse(e.toString());
  }

  @Override
  public void close() {
    sessions.values().forEach(OnnxModel::close);
    tokenizers.values().forEach(HfTokenizer::close);
    sessions.clear();
    tokenizers.clear();
  }
}
