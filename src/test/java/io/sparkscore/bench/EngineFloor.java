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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
  /**
   * What the floor computes for a window of texts: the sequences a stage would run, the outputs it
   * fetches, and what it reads of each sequence's row (folded into a checksum so nothing is skipped).
   */
  interface Workload {
    List<Encoding> sequences(List<String> texts);

    Set<String> outputs(OnnxModel onnx);

    float read(Map<String, FloatTensor> outputs, int row, int tokens, OnnxModel onnx);
  }

  private final LoadedModel model;
  private final HfTokenizer tokenizer;
  private final SessionSettings session;
  private final Workload workload;

  /** The embedding floor: mean pooling, and normalising as the model declares. */
  EngineFloor(LoadedModel model, HfTokenizer tokenizer, SessionSettings session) {
    this(model, tokenizer, session, embedding(tokenizer, model.directory().declaresNormalize()));
  }

  EngineFloor(LoadedModel model, HfTokenizer tokenizer, SessionSettings session, Workload workload) {
    this.model = model;
    this.tokenizer = tokenizer;
    this.session = session;
    this.workload = workload;
  }

  private static Workload embedding(HfTokenizer tokenizer, boolean normalize) {
    return new Workload() {
      @Override
      public List<Encoding> sequences(List<String> texts) {
        return Arrays.asList(tokenizer.encode(texts));
      }

      @Override
      public Set<String> outputs(OnnxModel onnx) {
        return Set.of(onnx.tokenOutput());
      }

      @Override
      public float read(Map<String, FloatTensor> outputs, int row, int tokens, OnnxModel onnx) {
        float[] vector = Pooling.mean(outputs.get(onnx.tokenOutput()), row, tokens);
        return (normalize ? Pooling.normalize(vector) : vector)[0];
      }
    };
  }

  /** A head's floor: the sequences as {@code sequences} makes them, each output's first value of the row read. */
  static Workload head(java.util.function.Function<List<String>, List<Encoding>> sequences, Set<String> names) {
    return new Workload() {
      @Override
      public List<Encoding> sequences(List<String> texts) {
        return sequences.apply(texts);
      }

      @Override
      public Set<String> outputs(OnnxModel onnx) {
        return names;
      }

      @Override
      public float read(Map<String, FloatTensor> outputs, int row, int tokens, OnnxModel onnx) {
        float sum = 0;
        for (String name : names) {
          FloatTensor t = outputs.get(name);
          sum += t.data()[row * (t.data().length / t.dim(0))];
        }
        return sum;
      }
    };
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
    Set<String> outputs = workload.outputs(onnx);
    int budget = batching.tokenBudget(onnx.device());
    long real = 0;
    long padded = 0;
    float checksum = 0;
    for (int start = 0; start < shard.size(); start += batching.window()) {
      List<Encoding> window =
          workload.sequences(shard.subList(start, Math.min(shard.size(), start + batching.window())));
      int[] lengths = new int[window.size()];
      for (int i = 0; i < lengths.length; i++) {
        lengths[i] = window.get(i).getIds().length;
      }
      List<Encoding> members = new ArrayList<>(batching.batchSize());
      for (int[] indices : BatchPlanner.plan(lengths, batching.rowsPerRun(onnx), budget, batching.sortByLength(),
          batching.batchCost(onnx.device()))) {
        members.clear();
        for (int i : indices) {
          members.add(window.get(i));
        }
        batch.fill(members, tokenizer.padId());
        Map<String, FloatTensor> result = onnx.run(batch, outputs);
        for (int b = 0; b < indices.length; b++) {
          checksum += workload.read(result, b, lengths[indices[b]], onnx);
        }
        real += batch.realTokens();
        padded += batch.paddedTokens();
      }
    }
    if (Float.isNaN(checksum)) {
      throw new IllegalStateException("engine floor: the model produced NaN outputs");
    }
    return new Tokens(real, padded);
  }
}
