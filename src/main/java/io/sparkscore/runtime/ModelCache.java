package io.sparkscore.runtime;

import io.sparkscore.model.ModelDirectory;
import io.sparkscore.model.ModelLocator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JVM-wide models: each (location, variant) is located, copied and opened once per JVM and
 * reused by every task and stage, then closed when the JVM exits.
 */
public final class ModelCache {
  private record Key(String location, String variant) {}

  private static final Map<Key, LoadedModel> MODELS = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ModelCache::closeAll, "sparkscore-model-cache-close"));
  }

  private ModelCache() {}

  /** The model, after checking its files against the spec's SHA-256 pins (hashed once per JVM). */
  public static LoadedModel get(ModelSpec spec) {
    LoadedModel model = MODELS.computeIfAbsent(
        new Key(spec.location(), spec.variant()),
        k -> new LoadedModel(
            ModelLocator.locate(k.location(), k.variant()), () -> ModelLocator.locate(k.location(), "")));
    model.verify(ModelDirectory.parsePins(spec.sha256()));
    return model;
  }

  /** Closes every model; later calls reopen them. */
  public static void closeAll() {
    MODELS.values().forEach(LoadedModel::close);
    MODELS.clear();
  }
}
