package io.sparkscore.runtime;

import java.io.Serializable;

/**
 * How a partition's rows become model batches: at most {@code batchSize} sequences and
 * {@code maxBatchTokens} padded tokens per batch (0 = the device default), sorted by length within
 * windows of {@code window} rows when {@code sortByLength} is on; rows leave in their input order.
 */
public record BatchSettings(int batchSize, int maxBatchTokens, int window, boolean sortByLength, int cpuTokenBudget)
    implements Serializable {

  /** Padded tokens per batch when not set: enough for CPU caches; a GPU wants far bigger batches. */
  public static final int CPU_TOKEN_BUDGET = 16_384;
  public static final int GPU_TOKEN_BUDGET = 131_072;
  /**
   * Padded tokens per CPU batch when long texts are chunked: every window is maxLength long, and
   * attention holds rows x heads x length^2 floats, so 64 windows of 256 tokens make ONNX Runtime's
   * arena grow past 1 GB. A quarter of the budget keeps it at a quarter, at no measurable speed cost
   * on CPU, where a run costs a few tokens' work (docs/benchmarks.md).
   */
  public static final int CHUNKED_CPU_TOKEN_BUDGET = 4_096;
  public static final BatchSettings DEFAULTS = new BatchSettings(64, 0, 1024, true);

  public BatchSettings(int batchSize, int maxBatchTokens, int window, boolean sortByLength) {
    this(batchSize, maxBatchTokens, window, sortByLength, CPU_TOKEN_BUDGET);
  }

  /** These settings with {@code budget} padded tokens per CPU batch when maxBatchTokens is not set. */
  public BatchSettings withCpuTokenBudget(int budget) {
    return new BatchSettings(batchSize, maxBatchTokens, window, sortByLength, budget);
  }

  public BatchSettings {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batchSize must be > 0, got " + batchSize);
    }
    if (maxBatchTokens < 0) {
      throw new IllegalArgumentException("maxBatchTokens must be >= 0 (0 = device default), got " + maxBatchTokens);
    }
    if (cpuTokenBudget <= 0) {
      throw new IllegalArgumentException("cpuTokenBudget must be > 0, got " + cpuTokenBudget);
    }
    if (window <= 0) {
      throw new IllegalArgumentException("window must be > 0, got " + window);
    }
  }

  /**
   * The fixed price of one session run, in tokens, that the planner weighs against padding. On CPU
   * a run costs a fraction of a millisecond, a few tokens' work (bench: MiniLM docs/s is flat for
   * costs 0 to 16 and 12% lower at 256), so batches of near-equal lengths win; a GPU launch costs
   * thousands of tokens, so there padding is the cheaper evil.
   */
  public static final int CPU_BATCH_COST = 8;
  public static final int GPU_BATCH_COST = 8_192;

  public int batchCost(Device device) {
    return device.cuda() ? GPU_BATCH_COST : CPU_BATCH_COST;
  }

  /**
   * Most sequences per run on {@code session}: one for graphs that scale activations per run, so a
   * row's output never depends on its neighbours; {@code batchSize} otherwise.
   */
  public int rowsPerRun(OnnxModel session) {
    return session.scalesPerRun() ? 1 : batchSize;
  }

  public int tokenBudget(Device device) {
    if (maxBatchTokens > 0) {
      return maxBatchTokens;
    }
    return device.cuda() ? GPU_TOKEN_BUDGET : cpuTokenBudget;
  }
}
