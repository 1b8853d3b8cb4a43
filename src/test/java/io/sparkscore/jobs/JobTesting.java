package io.sparkscore.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkscore.testing.TestSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Job files in temporary directories, and runs of the real main class with its output captured. */
final class JobTesting {
  /** What {@code SparkScoreMain.run} returned and printed. */
  record Result(int status, String out, String err) {
    @Override
    public String toString() {
      return "exit " + status + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  private JobTesting() {}

  static Result main(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = SparkScoreMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** {@code sparkscore run --config file args...}. */
  static Result run(String file, String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "run";
    all[1] = "--config";
    all[2] = file;
    System.arraycopy(args, 0, all, 3, args.length);
    return main(all);
  }

  /** {@link #run}, which must succeed. */
  static Result ok(String file, String... args) {
    Result result = run(file, args);
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
