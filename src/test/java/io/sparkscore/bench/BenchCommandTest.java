package io.sparkscore.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkscore.SparkScoreException;
import io.sparkscore.stages.TextEmbedder;
import io.sparkscore.testing.TestSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole benchmark, small, on the tiny fixture model: every part runs and the JSON has its keys. */
class BenchCommandTest {

  @Test
  void runsEveryPartAndWritesTheFigures(@TempDir Path dir) throws Exception {
    TestSpark.session();
    String tiny = TestSpark.fixtureModel("tiny-bert");
    Path json = dir.resolve("figures/bench.json");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    BenchCommand.run(new String[] {
        "--docs", "600", "--reps", "1", "--scale-docs", "20", "--model", tiny, "--scale-model", tiny,
        // Each soak try is a JVM of its own: two kills show the part works (ProcessDeathTest covers the moments).
        "--soak-kills", "2", "--soak-minutes", "5", "--chunk-doc-kb", "100",
        "--work-dir", dir.resolve("work").toString(), "--json", json.toString()},
        new PrintStream(printed, true, StandardCharsets.UTF_8));

    JsonNode figures = new ObjectMapper().readTree(json.toFile());
    for (String key : List.of("floor_docs_per_s", "stage_docs_per_s", "stage_to_floor", "sql_docs_per_s",
        "sql_to_stage", "padding_waste_sorted", "padding_waste_unsorted", "scale_10x_time_ratio", "peak_heap_mb_1x", "peak_heap_mb_10x")) {
      assertTrue(figures.path(key).isNumber(), key + " in " + figures);
      assertTrue(figures.get(key).asDouble() >= 0, key + " >= 0");
    }
    assertEquals(600, figures.get("docs").asInt());
    assertEquals(2, figures.path("soak_kills").asInt() + figures.path("soak_runs_done_before_their_kill").asInt(),
        "every soak try was killed or had finished: " + figures);
    assertEquals(List.of(0L, 0L), List.of(figures.path("soak_rows_lost").asLong(-1),
        figures.path("soak_rows_duplicated").asLong(-1)), "no row lost or written twice: " + figures);
    assertTrue(figures.get("padding_waste_sorted").asDouble() < figures.get("padding_waste_unsorted").asDouble(),
        "sorting by length pads less: " + figures);
    String text = printed.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("engine floor vs TextEmbedder stage"), text);
    assertTrue(text.contains("100x"), text);
    assertTrue(text.contains("targets"), text);
  }

  @Test
  void refusesBadOptionsByName() {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    SparkScoreException zero =
        assertThrows(SparkScoreException.class, () -> BenchCommand.run(new String[] {"--reps", "0"}, sink));
    assertEquals("bench: --reps must be > 0, got 0", zero.getMessage());
    SparkScoreException unknown =
        assertThrows(SparkScoreException.class, () -> BenchCommand.run(new String[] {"--doc", "5"}, sink));
    assertTrue(unknown.getMessage().startsWith("bench: unknown option --doc"), unknown.getMessage());
  }

  @Test
  void medianOfOddAndEvenCounts() {
    assertEquals(2.0, BenchCommand.median(new double[] {3, 1, 2}));
    assertEquals(2.5, BenchCommand.median(new double[] {4, 1, 2, 3}));
  }
}
