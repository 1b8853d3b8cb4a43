package io.sparkscore.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkscore.testing.CliRun;
import io.sparkscore.testing.TestSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Job files in temporary directories, and {@code sparkscore run} on them through the real main class. */
final class JobTesting {
  private JobTesting() {}

  /** {@code sparkscore run --config file args...}. */
  static CliRun run(String file, String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "run";
    all[1] = "--config";
    all[2] = file;
    System.arraycopy(args, 0, all, 3, args.length);
    return CliRun.of(all);
  }

  /** {@link #run}, which must succeed. */
  static CliRun ok(String file, String... args) {
    CliRun result = run(file, args);
    assertEquals(0, result.status(), result::toString);
    return result;
  }

  /** Writes {@code hocon} (or any text) to {@code dir/name} and returns its path. */
  static String write(Path dir, String name, String hocon) {
    try {
      Path file = dir.resolve(name);
      Files.writeString(file, hocon);
      return file.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A HOCON string literal. */
  static String quoted(Object value) {
    return "\"" + String.valueOf(value).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  static String reviews() {
    return TestSpark.repoRoot().resolve("jobs/data/reviews.jsonl").toString();
  }

  static String tinyBert() {
    return TestSpark.fixtureModel("tiny-bert");
  }
}
