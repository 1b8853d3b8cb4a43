package io.sparkscore;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layering of the shipped classes, lowest first: each package may use the ones before it
 * (and {@code io.sparkscore} itself), never one after it. It follows a row's way through SparkScore:
 * model files, text, the ONNX engine, the Scala adapters of the two Spark lines, Spark plumbing, stages, input and output, reports, the runner,
 * job files, the command line.
 */
class ArchitectureTest {
  static final List<String> LAYERS =
      List.of("model", "text", "runtime", "compat", "spark", "stages", "sql", "io", "reports", "training", "run", "config", "cli");
  private static JavaClasses shipped;

  @BeforeAll
  static void importShippedClasses() throws Exception {
    // The main classes directory is exactly what the jar ships (test classes such as the bench harness are elsewhere).
    shipped = new ClassFileImporter()
        .importPath(Path.of(SparkScoreException.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
  }

  private static String pkg(String layer) {
    return "io.sparkscore." + layer + "..";
  }

  @Test
  void eachLayerUsesOnlyTheLayersBelowIt() {
    for (int i = 0; i < LAYERS.size(); i++) {
      List<String> above = LAYERS.subList(i + 1, LAYERS.size()).stream().map(ArchitectureTest::pkg).toList();
      if (!above.isEmpty()) {
        noClasses().that().resideInAPackage(pkg(LAYERS.get(i)))
            .should().dependOnClassesThat().resideInAnyPackage(above.toArray(new String[0]))
            .because(LAYERS.get(i) + " sits below " + String.join(", ", LAYERS.subList(i + 1, LAYERS.size())))
            .check(shipped);
      }
    }
    List<String> all = LAYERS.stream().map(ArchitectureTest::pkg).toList();
    noClasses().that().resideInAPackage("io.sparkscore").should().dependOnClassesThat()
        .resideInAnyPackage(all.toArray(new String[0])).because("the root package is what every layer shares")
        .check(shipped);
  }

  @Test
  void everyShippedPackageIsALayer() {
    List<String> strays = new ArrayList<>();
    shipped.forEach(c -> {
      String rest = c.getPackageName().equals("io.sparkscore") ? "" : c.getPackageName().substring("io.sparkscore.".length());
      if (!rest.isEmpty() && !LAYERS.contains(rest.split("\\.")[0])) {
        strays.add(c.getName());
      }
    });
    assertEquals(List.of(), strays, "classes outside the layers " + LAYERS + " (bench and testing are test code)");
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("io.sparkscore.(*)..").should().beFreeOfCycles().check(shipped);
  }

  @Test
  void theEngineLayersRunWithoutSpark() {
    noClasses().that().resideInAnyPackage("io.sparkscore", pkg("model"), pkg("text"), pkg("runtime"))
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..")
        .because("Spark reaches them only through io.sparkscore.Environment (io.sparkscore.spark.SparkEnvironment)")
        .check(shipped);
  }

  @Test
  void noSourceFileIsOverFourHundredLines() throws IOException {
    TreeMap<String, Long> long_ = new TreeMap<>();
    Path main = Path.of("src/main");
    try (Stream<Path> files = Files.walk(main)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        long lines;
        try (Stream<String> l = Files.lines(file)) {
          lines = l.count();
        }
        if (lines > 400) {
          long_.put(main.relativize(file).toString(), lines);
        }
      }
    }
    assertEquals(new TreeMap<>(), long_, "split these: one class should be readable in one sitting");
  }
}
