package io.sparkscore.testing;

import io.sparkscore.cli.SparkScoreMain;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One run of the command line in this JVM (on the suite's Spark session): its exit status and what it printed. */
public record CliRun(int status, String out, String err) {
  public static CliRun of(String... args) {
    TestSpark.session(); // the command reuses the suite's session instead of making its own
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = SparkScoreMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new CliRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** {@code embed} of three short lines written under {@code dir}, as JSON into {@code dir/out}, plus {@code options}. */
  public static CliRun embed(Path dir, String... options) throws IOException {
    Path input = Files.writeString(dir.resolve("in.txt"), "one\ntwo\nthree\n");
    List<String> args = new ArrayList<>(List.of(
        "embed", "--input", input.toString(), "--output", dir.resolve("out").toString(), "--format", "json"));
    args.addAll(List.of(options));
    return of(args.toArray(new String[0]));
  }
}
