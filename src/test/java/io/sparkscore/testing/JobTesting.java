package io.sparkscore.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;

/** Job files in temporary directories, and {@code sparkscore run} on them through the real main class. */
public final class JobTesting {
  private JobTesting() {}

  /** {@code sparkscore run --config file args...}. */
  public static CliRun run(String file, String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "run";
    all[1] = "--config";
    all[2] = file;
    System.arraycopy(args, 0, all, 3, args.length);
    return CliRun.of(all);
  }

  /** {@link #run}, which must succeed. */
  public static CliRun ok(String file, String... args) {
    CliRun result = run(file, args);
    assertEquals(0, result.status(), result::toString);
    return result;
  }

  /** Writes {@code hocon} (or any text) to {@code dir/name} and returns its path. */
  public static String write(Path dir, String name, String hocon) {
    try {
      Path file = dir.resolve(name);
      Files.writeString(file, hocon);
      return file.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A HOCON string literal. */
  public static String quoted(Object value) {
    return "\"" + String.valueOf(value).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  public static String reviews() {
    return TestSpark.repoRoot().resolve("jobs/data/reviews.jsonl").toString();
  }

  public static String tinyBert() {
    return TestSpark.fixtureModel("tiny-bert");
  }

  /** The table's rows as "id|text|status|embedding", sorted. */
  public static List<String> rows(String table) {
    List<String> rows = new ArrayList<>();
    for (Row row : TestSpark.session().read().format("delta").load(table).collectAsList()) {
      rows.add(row.getAs("id") + "|" + row.getAs("text") + "|" + row.getAs("status") + "|"
          + row.getList(row.fieldIndex("embedding")));
    }
    rows.sort(null);
    return rows;
  }

  /** Fails the test on a repeated id; returns how many ids there are. */
  public static int distinctIds(String table) {
    List<Row> ids = TestSpark.session().read().format("delta").load(table).select("id").collectAsList();
    Set<Object> seen = new HashSet<>();
    for (Row id : ids) {
      assertTrue(seen.add(id.get(0)), "id " + id.get(0) + " is in " + table + " more than once");
    }
    return seen.size();
  }
}
