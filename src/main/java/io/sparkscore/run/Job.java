package io.sparkscore.run;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Transformer;

/**
 * A checked job: where the rows come from, the tasks that score them, where they go, and how the
 * run goes. Front ends (job files, the single commands) build one; {@link JobRunner} runs it.
 *
 * @param file the job file it was read from (empty when none)
 * @param configJson the effective configuration as one line of JSON: what table properties record
 */
public record Job(
    String name, String file, Input input, List<TaskSpec> tasks, Output output, SparkSettings spark,
    RunSettings run, String configJson) {
  public Job {
    tasks = List.copyOf(tasks);
  }

  /** Where the rows come from and which of their columns a job uses. */
  public record Input(
      String path, String table, String format, String idCol, boolean idColGiven, String textCol,
      String filter, long limit, List<String> keep) {
    public String describe() {
      return table.isEmpty() ? path : "table " + table;
    }
  }

  /**
   * One scoring task: its key (prefix of its columns by default), the registered task's name, the
   * stage built from its options, the model file it runs (hashed for lineage), and the input columns
   * the stage reads (the text column, or others such as a question answerer's questions).
   */
  public record TaskSpec(String name, String task, String columnPrefix, Transformer stage, ModelIdentity model,
      List<String> inputColumns) {
    public TaskSpec {
      inputColumns = List.copyOf(inputColumns);
    }
  }

  /** The model a task's stage runs: the name it was given and the SHA-256 of its ONNX (or tokenizer) file. */
  public record ModelIdentity(String name, String file, String sha256) {}

  public record Output(String path, String table, String format, String mode, List<String> partitionBy) {
    public String describe() {
      return table.isEmpty() ? path : "table " + table;
    }
  }

  public record SparkSettings(String master, String logLevel, Map<String, String> conf) {}

  public record RunSettings(
      String id, int partitions, boolean incremental, String checkpoint, String report,
      String progress, Duration progressInterval) {}
}
