package io.sparkscore.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sparkscore.testing.TestSpark;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every notebook in {@code notebooks/databricks} through {@link NotebookRunner}, cell by cell,
 * in a child JVM (the runner must start the SparkContext itself, and this JVM's other tests already
 * have one), then reports each notebook as a test of its own. The runner's own behaviour is pinned
 * by the small notebooks in {@code src/test/resources/notebooks}: a failing assertion, a compile
 * error, a rejected {@code %sh} cell, {@code %sql} cells, and names and views that must not leak from
 * one notebook into the next.
 */
class NotebooksTest {
  private static final long LIMIT_MINUTES = 20;
  private static final Path ROOT = TestSpark.repoRoot();
  private static final Path NOTEBOOKS = ROOT.resolve("notebooks/databricks");
  private static final Path CHECKS = ROOT.resolve("src/test/resources/notebooks");
  private static final Path OUT = TestSpark.buildDir().resolve("notebooks");

  @TestFactory
  List<DynamicTest> everyNotebookRunsCellByCell() throws Exception {
    List<Path> notebooks = NotebookRunner.notebookFiles(List.of(NOTEBOOKS.toString()));
    assertTrue(notebooks.size() >= 5, "expected the five example notebooks in " + NOTEBOOKS + ", found " + notebooks);
    Map<String, NotebookRunner.Result> results = runAll();
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : notebooks) {
      String name = Notebook.read(file).name();
      tests.add(DynamicTest.dynamicTest(name, file.toUri(), () -> {
        NotebookRunner.Result result = reported(results, name);
        if (!result.ok()) {
          fail(name + " cell " + result.failedCell() + " failed:\n" + result.error());
        }
        assertEquals(Notebook.read(file).codeCells(), result.passed(), result.summary());
      }));
    }
    tests.add(DynamicTest.dynamicTest("runner: a failing assertion stops its notebook", () -> {
      NotebookRunner.Result r = reported(results, "assertion-fails");
      assertEquals(List.of(1, 1, 1, 3), List.of(r.passed(), r.failed(), r.notRun(), r.failedCell()), r.summary());
      assertTrue(r.error().contains("java.lang.AssertionError: assertion failed: x should be 2 but is 1"), r.error());
    }));
    tests.add(DynamicTest.dynamicTest("runner: names do not leak from one notebook into the next", () -> {
      NotebookRunner.Result r = reported(results, "compile-error");
      assertEquals(List.of(1, 1, 2), List.of(r.passed(), r.failed(), r.failedCell()), r.summary());
      assertTrue(r.error().contains("error: not found: value x"), r.error());
    }));
    tests.add(DynamicTest.dynamicTest("runner: %sh and other magic cells are rejected before anything runs", () -> {
      NotebookRunner.Result r = reported(results, "shell-magic");
      assertEquals(List.of(0, 1, 3), List.of(r.passed(), r.failed(), r.failedCell()), r.summary());
      assertTrue(r.error().startsWith("%sh cells are not run: notebooks may only use %md and %sql"), r.error());
    }));
    tests.add(DynamicTest.dynamicTest("runner: %sql cells see their notebook's views, not an earlier one's", () -> {
      NotebookRunner.Result r = reported(results, "sql-cells");
      assertEquals(List.of(2, 1, 4), List.of(r.passed(), r.failed(), r.failedCell()), r.summary());
      assertTrue(r.error().contains("TABLE_OR_VIEW_NOT_FOUND") && r.error().contains("`leaky_view`"), r.error());
    }));
    return tests;
  }

  private static NotebookRunner.Result reported(Map<String, NotebookRunner.Result> results, String notebook) {
    NotebookRunner.Result result = results.get(notebook);
    if (result == null) {
      fail(notebook + ": the runner reported nothing for it (see " + OUT.resolve("runner.log") + ")");
    }
    return result;
  }

  /** Runs the runner over the notebooks and the runner checks in one child JVM; results by notebook. */
  private static Map<String, NotebookRunner.Result> runAll() throws IOException, InterruptedException {
    Files.createDirectories(OUT);
    Path results = OUT.resolve("results.tsv");
    Path log = OUT.resolve("runner.log");
    Files.deleteIfExists(results);
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(sparkJvmFlags());
    command.add("-Xmx3g");
    command.add("-Dsparkscore.repo.root=" + ROOT);
    command.add("-cp");
    command.add(String.join(File.pathSeparator, testClasspath()));
    command.add(NotebookRunner.class.getName());
    command.add("--results");
    command.add(results.toString());
    notebookParameters().forEach((key, value) -> {
      command.add("--conf");
      command.add(key + "=" + value);
    });
    command.add(NOTEBOOKS.toString());
    command.add(CHECKS.toString());
    Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
    // Echoed through System.out: Surefire owns this JVM's stdout, so the child may not inherit it.
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter copy = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
      Thread pump = new Thread(() -> in.lines().forEach(line -> {
        System.out.println(line);
        copy.println(line);
      }), "notebook-runner-output");
      pump.start();
      if (!process.waitFor(LIMIT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        fail("the notebook runner ran over " + LIMIT_MINUTES + " minutes; its output is in " + log);
      }
      pump.join();
    }
    if (!Files.exists(results)) {
      fail("the notebook runner exited with " + process.exitValue() + " before reporting; see " + log);
    }
    return Files.readAllLines(results, StandardCharsets.UTF_8).stream()
        .map(NotebookRunner.Result::fromTsv)
        .collect(Collectors.toMap(NotebookRunner.Result::notebook, Function.identity(), (a, b) -> b, LinkedHashMap::new));
  }

  /** Where the notebooks find their models and write their tables when run here. */
  private static Map<String, String> notebookParameters() {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("spark.sparkscore.notebook.models", ROOT.resolve("src/test/resources/models").toString());
    parameters.put("spark.sparkscore.notebook.workDir", OUT.resolve("work").toString());
    Path sentiment = TestSpark.sharedModel("minilm-sst2");
    if (sentiment != null) {
      parameters.put("spark.sparkscore.notebook.sentimentModel", sentiment.toString());
    }
    Path data = TestSpark.sharedData("");
    if (data != null) {
      parameters.put("spark.sparkscore.notebook.data", data.toString());
    }
    return parameters;
  }

  /** Spark's --add-opens list and friends, as this JVM got them from pom.xml. */
  private static List<String> sparkJvmFlags() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect"))
        .toList();
  }

  /**
   * This JVM's real classpath. Surefire starts tests from a manifest-only jar and names the real
   * entries in {@code surefire.test.class.path}; other launchers use such jars too, so any jar's
   * manifest Class-Path is expanded.
   */
  static List<String> testClasspath() throws IOException {
    String listed = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Set<String> entries = new LinkedHashSet<>();
    for (String entry : listed.split(File.pathSeparator)) {
      if (entry.isEmpty()) {
        continue;
      }
      entries.add(entry);
      if (entry.endsWith(".jar") && Files.isRegularFile(Paths.get(entry))) {
        try (JarFile jar = new JarFile(entry)) {
          Manifest manifest = jar.getManifest();
          String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
          if (classPath != null) {
            for (String url : classPath.trim().split("\\s+")) {
              entries.add(Paths.get(Paths.get(entry).getParent().toUri().resolve(url)).toString());
            }
          }
        }
      }
    }
    return List.copyOf(entries);
  }
}
