package io.sparkscore.config;

import io.sparkscore.stages.ModelStage;
import io.sparkscore.stages.TokenizingStage;
import java.util.Set;

/** The command-line options every model stage shares, applied to a stage. */
public final class StageOptions {
  static final Set<String> TOKENIZING = Set.of("model", "max-length", "batch-size", "max-batch-tokens");
  /** The model options of a stage that reads pairs of columns and cuts its own windows (no long-text, stride). */
  static final Set<String> SESSION = union(TOKENIZING, Set.of("model-variant", "device", "threads", "optimization",
      "cuda-memory-mb", "model-sha256"));
  static final Set<String> MODEL = union(SESSION, Set.of("long-text", "stride"));

  private StageOptions() {}

  public static Set<String> union(Set<String> a, Set<String> b) {
    java.util.Set<String> all = new java.util.TreeSet<>(a);
    all.addAll(b);
    return java.util.Collections.unmodifiableSet(all);
  }

  static <S extends TokenizingStage<S>> S applyTokenizing(S stage, CommandLine cli, String textCol) {
    stage.setInputCol(textCol);
    return applyBatching(stage, cli);
  }

  private static <S extends TokenizingStage<S>> S applyBatching(S stage, CommandLine cli) {
    cli.get("model").ifPresent(stage::setModel);
    stage.setMaxLength(cli.intValue("max-length", stage.getMaxLength()));
    stage.setBatchSize(cli.intValue("batch-size", stage.getBatchSize()));
    stage.setMaxBatchTokens(cli.intValue("max-batch-tokens", stage.getMaxBatchTokens()));
    return stage;
  }

  static <S extends ModelStage<S>> S applyModel(S stage, CommandLine cli, String textCol) {
    applyTokenizing(stage, cli, textCol);
    cli.get("long-text").ifPresent(stage::setLongText);
    stage.setStride(cli.intValue("stride", stage.getStride()));
    return applySession(stage, cli);
  }

  /** The {@link #SESSION} options. */
  static <S extends ModelStage<S>> S applySession(S stage, CommandLine cli) {
    applyBatching(stage, cli);
    cli.get("model-variant").ifPresent(stage::setModelVariant);
    cli.get("device").ifPresent(stage::setDevice);
    stage.setIntraOpThreads(cli.intValue("threads", stage.getIntraOpThreads()));
    cli.get("optimization").ifPresent(stage::setOptimization);
    cli.get("model-sha256").ifPresent(stage::setModelSha256);
    stage.setCudaMemoryLimitMb(cli.intValue("cuda-memory-mb", stage.getCudaMemoryLimitMb()));
    return stage;
  }
}
