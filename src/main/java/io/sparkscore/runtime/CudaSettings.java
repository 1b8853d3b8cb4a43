package io.sparkscore.runtime;

import java.io.Serializable;
import java.util.List;

/**
 * CUDA execution provider options. {@code memoryLimitMb} 0 leaves the arena unbounded;
 * {@code arenaExtendStrategy} is {@code kSameAsRequested} (grow only by what a run needs, so tasks
 * sharing a GPU do not starve each other) or {@code kNextPowerOfTwo}; {@code convAlgoSearch} is
 * {@code HEURISTIC}, {@code EXHAUSTIVE} or {@code DEFAULT}.
 */
public record CudaSettings(long memoryLimitMb, String arenaExtendStrategy, String convAlgoSearch)
    implements Serializable {

  public static final List<String> ARENA_STRATEGIES = List.of("kSameAsRequested", "kNextPowerOfTwo");
  public static final List<String> CONV_SEARCHES = List.of("HEURISTIC", "EXHAUSTIVE", "DEFAULT");
  public static final CudaSettings DEFAULTS = new CudaSettings(0, "kSameAsRequested", "HEURISTIC");

  public CudaSettings {
    if (memoryLimitMb < 0) {
      throw new IllegalArgumentException("CUDA memoryLimitMb must be >= 0, got " + memoryLimitMb);
    }
    if (!ARENA_STRATEGIES.contains(arenaExtendStrategy)) {
      throw new IllegalArgumentException(
          "CUDA arenaExtendStrategy must be one of " + ARENA_STRATEGIES + ", got '" + arenaExtendStrategy + "'");
    }
    if (!CONV_SEARCHES.contains(convAlgoSearch)) {
      throw new IllegalArgumentException(
          "CUDA convAlgoSearch must be one of " + CONV_SEARCHES + ", got '" + convAlgoSearch + "'");
    }
  }
}
