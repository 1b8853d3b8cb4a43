package io.sparkscore.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkscore.testing.TestSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The committed Python wrappers are what the JVM stages declare now. */
class PythonStagesTest {
  @Test
  void committedWrappersMatchTheStages() throws IOException {
    Path root = TestSpark.repoRoot();
    Path file = root.resolve(PythonStages.GENERATED);
    String expected = PythonStages.generate(root);
    if (Boolean.getBoolean("sparkscore.python.regenerate")) {
      Files.writeString(file, expected, StandardCharsets.UTF_8);
    }
    String committed = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    assertEquals(expected, committed, PythonStages.GENERATED + " is stale: the stages' Params changed. Regenerate it with "
        + "mvn -q test -Dtest=PythonStagesTest -Dsparkscore.python.regenerate=true and commit it");
  }

  @Test
  void everyStageOfThePackageIsWrapped() {
    List<String> names = PythonStages.stageClasses().stream().map(Class::getSimpleName).toList();
    assertTrue(names.containsAll(List.of("TextEmbedder", "TextTokenizer", "TokenDecoder", "TextClassifier",
        "ZeroShotClassifier", "EmbeddingZeroShotClassifier")), names.toString());
    assertTrue(names.stream().noneMatch(n -> n.endsWith("Stage")), "abstract bases are not stages: " + names);
  }
}
