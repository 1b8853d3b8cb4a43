package io.sparkscore.runtime;

import io.sparkscore.model.ModelDirectory;
import io.sparkscore.text.HfTokenizer;
import io.sparkscore.text.TokenizerSettings;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A model directory with its tokenizers and sessions, shared by every task of a JVM. A session is
 * opened per (device, threads, settings) on first use; a tokenizer per {@link TokenizerSettings}.
 */
public final class LoadedModel implements AutoCloseable {
  private final ModelDirectory directory;
  private final Map<TokenizerSettings, HfTokenizer> tokenizers = new ConcurrentHashMap<>();
  private final Map<SessionKey, OnnxModel> sessions = new ConcurrentHashMap<>();

  private record SessionKey(SessionSettings settings, Device device, int threads) {}

  LoadedModel(ModelDirectory directory) {
    this.directory = directory;
  }

  public ModelDirectory directory() {
    return directory;
  }

  public HfTokenizer tokenizer(TokenizerSettings settings) {
    return tokenizers.computeIfAbsent(settings, s -> HfTokenizer.load(directory, s));
  }

  /** The session for {@code device}; {@link OnnxModel#device()} says where it really runs. */
  public OnnxModel session(SessionSettings settings, Device device) {
    int threads = settings.intraOpThreads() > 0 ? settings.intraOpThreads() : SparkResources.threadsForTask();
    return sessions.computeIfAbsent(
        new SessionKey(settings, device, threads), k -> OnnxModel.open(directory, settings, device, threads));
  }

  /** The session for the running task: its assigned GPU, the requested device, or the CPU. */
  public OnnxModel sessionForTask(SessionSettings settings) {
    return session(settings, DeviceSelector.select(settings.device(), DeviceSelector.taskGpuAddresses()));
  }

  @Override
  public void close() {
    sessions.values().forEach(OnnxModel::close);
    tokenizers.values().forEach(HfTokenizer::close);
    sessions.clear();
    tokenizers.clear();
  }
}
