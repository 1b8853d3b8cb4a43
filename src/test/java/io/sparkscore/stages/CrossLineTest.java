package io.sparkscore.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkscore.testing.ChildJvm;
import io.sparkscore.testing.TestSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.Param;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PipelineModel saved by one Spark line (4 / Scala 2.13, 3.5 / Scala 2.12) loads on the other and
 * scores the same: tokens and labels equal, embeddings and scores within 1e-6, on the fixture models and
 * the default MiniLM. The other line runs in a child JVM on its own build ({@code target/spark-<line>},
 * which {@code ci/test.sh} builds first); without a current build of it the test is skipped, saying why,
 * unless {@code -Dsparkscore.crossline.required=true} (CI) makes that a failure.
 */
class CrossLineTest {
  private static final double TOLERANCE = 1e-6;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void modelsSavedByEitherLineScoreTheSameOnTheOther() throws Exception {
    String other = TestSpark.buildDir().getFileName().toString().equals("spark-4") ? "3.5" : "4";
    Path otherBuild = TestSpark.repoRoot().resolve("target/spark-" + other);
    String missing = staleness(otherBuild);
    if (missing != null) {
      String reason = "the Spark " + other + " line is not built here (" + missing + "): "
          + "run mvn " + (other.equals("3.5") ? "-Pspark35 " : "") + "test-compile first, as ci/test.sh does";
      assertTrue(!Boolean.getBoolean("sparkscore.crossline.required"), reason);
      System.out.println("CrossLineTest skipped: " + reason);
      Assumptions.abort(reason);
    }
    String here = org.apache.spark.package$.MODULE$.SPARK_VERSION();
    // Spark 4's default, under which the whole suite runs on that line: nothing may switch it off.
    assertEquals(here.startsWith("4."), Boolean.parseBoolean(TestSpark.session().conf().get("spark.sql.ansi.enabled")),
        "ANSI SQL mode on Spark " + here);

    Path theirs = Files.createDirectories(tmp.resolve("saved-by-" + other));
    runOther(otherBuild, "save", theirs.toString());
    List<String> theirScores = Files.readAllLines(theirs.resolve("scores.jsonl"));
    PipelineModel ours = CrossLineProbe.pipeline().fit(CrossLineProbe.input());
    List<String> ourScores = CrossLineProbe.scores(ours);
    assertClose(theirScores, ourScores, "the same pipeline on Spark " + other + " and on Spark " + here);

    PipelineModel loaded = PipelineModel.load(theirs.resolve("model").toString());
    assertSameStages(ours, loaded);
    assertClose(theirScores, CrossLineProbe.scores(loaded), "Spark " + other + "'s saved model scored on Spark " + here);

    Path mine = tmp.resolve("saved-by-this-line");
    ours.save(mine.toString());
    Path scoredThere = tmp.resolve("scored-on-" + other + ".jsonl");
    runOther(otherBuild, "score", mine.toString(), scoredThere.toString());
    assertClose(ourScores, Files.readAllLines(scoredThere), "Spark " + here + "'s saved model scored on Spark " + other);
  }

  /** Why {@code build} cannot run the probe (missing, or older than a source), or null when it can. */
  private static String staleness(Path build) throws IOException {
    for (String part : List.of("classes", "test-classes", "launcher.classpath")) {
      if (!Files.exists(build.resolve(part))) {
        return build.resolve(part) + " is missing";
      }
    }
    FileTime built = newest(build.resolve("test-classes"));
    FileTime sources = newest(TestSpark.repoRoot().resolve("src"));
    return sources.compareTo(built) > 0 ? "its classes are older than the sources" : null;
  }

  private static FileTime newest(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).map(f -> {
        try {
          return Files.getLastModifiedTime(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).max(FileTime::compareTo).orElse(FileTime.fromMillis(0));
    }
  }

  private void runOther(Path build, String... args) throws Exception {
    String classpath = build.resolve("test-classes") + ":" + build.resolve("classes") + ":"
        + Files.readString(build.resolve("launcher.classpath")).trim();
    Path log = tmp.resolve("probe-" + args[0] + ".log");
    ChildJvm.Result result = ChildJvm.of(CrossLineProbe.class.getName()).classpath(classpath)
        .options("-Dsparkscore.repo.root=" + TestSpark.repoRoot()).args(args).run(log, 600);
    assertEquals(0, result.status(), "the other line's probe failed:\n" + result.log());
  }

  private static void assertSameStages(PipelineModel expected, PipelineModel actual) {
    assertEquals(expected.stages().length, actual.stages().length);
    for (int i = 0; i < expected.stages().length; i++) {
      Transformer want = expected.stages()[i];
      Transformer got = actual.stages()[i];
      assertEquals(want.getClass(), got.getClass());
      for (Param<?> each : want.params()) {
        Param<Object> param = want.getParam(each.name());
        Param<Object> loaded = got.getParam(each.name());
        assertEquals(want.isDefined(param), got.isDefined(loaded), each.name());
        if (want.isDefined(param)) {
          assertEquals(param.jsonEncode(want.getOrDefault(param)), loaded.jsonEncode(got.getOrDefault(loaded)),
              "stage " + i + " (" + want.getClass().getSimpleName() + ")'s " + each.name() + " after the round trip");
        }
      }
    }
  }

  /** Same rows and values; numbers within {@link #TOLERANCE}. */
  private static void assertClose(List<String> expected, List<String> actual, String what) throws IOException {
    assertEquals(expected.size(), actual.size(), what + ": row count");
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < expected.size(); i++) {
      compare(JSON.readTree(expected.get(i)), JSON.readTree(actual.get(i)), "row " + i, problems);
    }
    assertTrue(problems.isEmpty(), what + ": " + problems.size() + " differences, first: "
        + problems.subList(0, Math.min(5, problems.size())));
  }

  private static void compare(JsonNode want, JsonNode got, String at, List<String> problems) {
    if (want.isNumber() && got.isNumber()) {
      if (Math.abs(want.asDouble() - got.asDouble()) > TOLERANCE) {
        problems.add(at + ": " + want + " vs " + got);
      }
    } else if (want.isContainerNode() && got.isContainerNode() && want.getNodeType() == got.getNodeType()
        && want.size() == got.size()) {
      if (want.isArray()) {
        for (int i = 0; i < want.size(); i++) {
          compare(want.get(i), got.get(i), at + "[" + i + "]", problems);
        }
      } else {
        want.properties().forEach(e -> compare(e.getValue(), got.path(e.getKey()), at + "." + e.getKey(), problems));
      }
    } else if (!want.equals(got)) {
      problems.add(at + ": " + abbreviate(want) + " vs " + abbreviate(got));
    }
  }

  private static String abbreviate(JsonNode node) {
    String text = node.toString();
    return text.length() > 80 ? text.substring(0, 80) + "…" : text;
  }
}
