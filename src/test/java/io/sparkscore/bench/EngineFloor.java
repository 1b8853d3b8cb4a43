package io.sparkscore.bench;

import ai.djl.huggingface.tokenizers.Encoding;
import io.sparkscore.runtime.BatchPlanner;
import io.sparkscore.runtime.BatchSettings;
import io.sparkscore.runtime.Device;
import io.sparkscore.runtime.FloatTensor;
import io.sparkscore.runtime.LoadedModel;
import io.sparkscore.runtime.OnnxModel;
import io.sparkscore.runtime.Pooling;
import io.sparkscore.runtime.SessionSettings;
import io.sparkscore.runtime.TokenBatch;
import io.sparkscore.text.HfTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The engine's limit: the same tokenizer, batch plan and ONNX Runtime session as a stage, driven by
 * a plain Java loop with no Spark. {@code workers} loops run side by side on contiguous shards
 * (like a stage's partitions), each session run using {@code threads} intra-op threads; every
 * sequence is mean-pooled and, as the model declares, normalised, so the floor does all the work a
 * stage does short of rows and files.
 */
final class EngineFloor {
  private final LoadedModel model;
  private final HfTokenizer tokenizer;
  private final SessionSettings session;
  private final boolean normalize;

  EngineFloor(LoadedModel model, HfTokenizer tokenizer, SessionSettings session) {
    this.model = model;
    this.tokenizer = tokenizer;
    this.session = session;
    this.normalize = model.directory().declaresNormalize();
  }

  /** Tokens the model computes on one pass: real ones, and with the padding of each batch. */
  record Tokens(long real, long padded) {
    Tokens plus(Tokens other) {
      return new Tokens(real + other.real, padded + other.padded);
    }

    double paddingWaste() {
      return real == 0 ? 0.0 : (double) padded / real - 1.0;
    }
  }

  /** Embeds every text once; returns the tokens computed. */
  Tokens run(List<String> texts, int workers, int threads, BatchSettings batching) {
    OnnxModel onnx = model.session(session.withIntraOpThreads(threads), Device.CPU);
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      List<Future<Tokens>> shards = new ArrayList<>();
      int per = (texts.size() + workers - 1) / workers;
      for (int w = 0; w < workers; w++) {
        List<String> shard = texts.subList(Math.min(texts.size(), w * per), Math.min(texts.size(), (w + 1) * per));
        shards.add(pool.submit(() -> embed(onnx, shard, batching)));
      }
      Tokens total = new Tokens(0, 0);
      for (Future<Tokens> shard : shards) {
        total = total.plus(shard.get());
      }
      return total;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("engine floor interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("engine floor failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private Tokens embed(OnnxModel onnx, List<String> shard, BatchSettings batching) {
    TokenBatch batch = new TokenBatch();
    Set<String> outputs = Set.of(onnx.tokenOutput());
    int budget = batching.tokenBudget(onnx.device());
    long real = 0;
    long padded = 0;
    float checksum = 0;
    for (int start = 0; start < shard.size(); start += batching.window()) {
      Encoding[] window = tokenizer.encode(shard.subList(start, Math.min(shard.size(), start + batching.window())));
      int[] lengths = new int[window.length];
      for (int i = 0; i < lengths.length; i++) {
        lengths[i] = window[i].getIds().length;
      }
      List<Encoding> members = new ArrayList<>(batching.batchSize());
      for (int[] indices : BatchPlanner.plan(lengths, batching.rowsPerRun(onnx), budget, batching.sortByLength(),
          batching.batchCost(onnx.device()))) {
        members.clear();
        for (int i : indices) {
          members.add(window[i]);
        }
        batch.fill(members, tokenizer.padId());
        FloatTensor states = onnx.run(batch, outputs).get(onnx.tokenOutput());
        for (int b = 0; b < indices.length; b++) {
          float[] vector = Pooling.mean(states, b, lengths[indices[b]]);
          checksum += (normalize ? Pooling.normalize(vector) : vector)[0];
        }
        real += batch.realTokens();
        padded += batch.paddedTokens();
      }
    }
    if (Float.isNaN(checksum)) {
      throw new IllegalStateException("engine floor: the model produced NaN embeddings");
    }
    return new Tokens(real, padded);
  }
}
