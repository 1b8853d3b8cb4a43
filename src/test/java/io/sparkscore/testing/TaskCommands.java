package io.sparkscore.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkscore.SparkScoreException;
import io.sparkscore.cli.ScoreCommand;
import io.sparkscore.config.Task;
import io.sparkscore.config.TaskOptions;
import io.sparkscore.config.Tasks;
import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.spark.ml.Transformer;

/** A task command's options and stage as its command line builds them, without running it. */
public final class TaskCommands {
  private TaskCommands() {}

  /** {@code args} with a placeholder input and output, which every task command needs. */
  public static String[] withInputOutput(String... args) {
    return Stream.concat(Arrays.stream(args), Stream.of("--input", "in.jsonl", "--output", "out")).toArray(String[]::new);
  }

  /** The options {@code sparkscore <task> args…} gives its stage. */
  public static TaskOptions options(String task, String... args) {
    Task found = Tasks.get(task);
    return TaskOptions.read(found, ScoreCommand.parse(found, withInputOutput(args)));
  }

  /** The stage {@code sparkscore <task> args…} runs on a text column named {@code text}. */
  public static Transformer stage(String task, String... args) {
    return Tasks.get(task).stage(options(task, args), "text");
  }

  /** Asserts that {@code action} fails with a message holding {@code expected}. */
  public static SparkScoreException assertError(String expected, Runnable action) {
    SparkScoreException error = assertThrows(SparkScoreException.class, action::run);
    assertTrue(error.getMessage().contains(expected), error.getMessage());
    return error;
  }

  /** Runs {@code sparkscore args…} and asserts that it succeeds. */
  public static void run(String... args) {
    CliRun run = CliRun.of(args);
    assertEquals(0, run.status(), run.err());
  }
}
