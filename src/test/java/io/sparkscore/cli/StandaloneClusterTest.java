package io.sparkscore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkscore.testing.JobTesting;
import io.sparkscore.testing.ChildJvm;
import io.sparkscore.testing.CliRun;
import io.sparkscore.testing.ModelCopies;
import io.sparkscore.testing.TestSpark;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on loopback: a Master and two Workers in JVMs of their own, from
 * the project's own Spark jars laid out as a Spark distribution ({@code SPARK_HOME/jars}), and the
 * embed command given to {@code spark-submit} as an application jar of SparkScore's classes with the
 * libraries the thin jar bundles passed by {@code --jars} (the shaded jar holds exactly these, but
 * {@code mvn test} runs before {@code package}). Each executor must copy the model from its Hadoop
 * URI into its own cache once, however many tasks it runs, and write what a local run writes.
 */
class StandaloneClusterTest {
  private static final long STARTUP_SECONDS = 90;

  @TempDir Path tmp;
  private final List<Process> daemons = new ArrayList<>();

  @AfterEach
  void stopCluster() throws InterruptedException {
    for (Process daemon : daemons) {
      ChildJvm.destroyTree(daemon);
    }
  }

  private static List<String> classpath(String file) throws IOException {
    return Arrays.asList(Files.readString(TestSpark.buildDir().resolve(file)).trim().split(":"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** A Spark distribution: the jars Spark and Delta run on, without SparkScore's own libraries. */
  private Path sparkHome() throws IOException {
    Set<String> bundled = Set.copyOf(classpath("bundled.classpath"));
    Path jars = Files.createDirectories(tmp.resolve("spark-home/jars"));
    for (String jar : classpath("launcher.classpath")) {
      // slf4j and commons-compress come with Spark as well; DJL's need of them puts them in the bundle too.
      if (!bundled.contains(jar) || jar.contains("/org/slf4j/") || jar.contains("/org/apache/commons/")) {
        Files.createSymbolicLink(jars.resolve(Path.of(jar).getFileName()), Path.of(jar));
      }
    }
    return jars.getParent();
  }

  /** SparkScore's classes and resources as an application jar. */
  private Path applicationJar() throws IOException {
    Path classes = TestSpark.buildDir().resolve("classes");
    Path jar = tmp.resolve("sparkscore-app.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, out);
        out.closeEntry();
      }
    }
    return jar;
  }

  private ChildJvm daemon(String mainClass, Path sparkHome, String classpath) {
    // Spark's own log configuration (INFO): the test waits for the daemons' INFO lines.
    return ChildJvm.of(mainClass).classpath(classpath)
        .options("-Xmx384m", "-Dlog4j2.configurationFile=org/apache/spark/log4j2-defaults.properties")
        .env("SPARK_HOME", sparkHome.toString()).env("SPARK_SCALA_VERSION", TestSpark.scalaBinaryVersion());
  }

  private Process start(ChildJvm jvm, Path log) throws IOException {
    Process process = jvm.start(log);
    daemons.add(process);
    return process;
  }

  /** Waits until {@code log} contains {@code text} {@code times} times, failing if the process dies first. */
  private static void await(Process process, Path log, String text, int times) throws Exception {
    long deadline = System.nanoTime() + STARTUP_SECONDS * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      String content = Files.exists(log) ? Files.readString(log) : "";
      if (content.split(java.util.regex.Pattern.quote(text), -1).length - 1 >= times) {
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError("exited before '" + text + "':\n" + content);
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no '" + text + "' within " + STARTUP_SECONDS + " s:\n" + Files.readString(log));
  }

  @Test
  @Timeout(300)
  void submittedJobShipsTheModelToEachExecutorAndCopiesItOnce() throws Exception {
    Path sparkHome = sparkHome();
    String sparkClasspath = sparkHome.resolve("jars") + "/*";
    int masterPort = freePort();
    String master = "spark://127.0.0.1:" + masterPort;
    Path masterLog = tmp.resolve("master.log");
    Process masterProcess = start(daemon("org.apache.spark.deploy.master.Master", sparkHome, sparkClasspath)
        .args("--host", "127.0.0.1", "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(freePort())),
        masterLog);
    await(masterProcess, masterLog, "I have been elected leader", 1);
    for (int w = 1; w <= 2; w++) {
      start(daemon("org.apache.spark.deploy.worker.Worker", sparkHome, sparkClasspath)
          .args("--host", "127.0.0.1", "--cores", "1", "--memory", "900m", "--webui-port", String.valueOf(freePort()),
              "--work-dir", Files.createDirectories(tmp.resolve("work-" + w)).toString(), master),
          tmp.resolve("worker-" + w + ".log"));
    }
    await(masterProcess, masterLog, "Registering worker", 2);

    Path model = ModelCopies.fixture("tiny-bert", tmp.resolve("tiny-bert"));
    String modelUri = model.toUri().toString();
    Path input = Files.write(tmp.resolve("docs.txt"),
        Files.readAllLines(TestSpark.repoRoot().resolve("jobs/data/reviews.txt")).subList(0, 120));
    String output = tmp.resolve("out").toString();
    ChildJvm.Result submitted = daemon("org.apache.spark.deploy.SparkSubmit", sparkHome, sparkClasspath)
        .options("-Xmx768m", "-Dsparkscore.cache.dir=" + tmp.resolve("driver-cache"),
            "-Dlog4j2.configurationFile=" + TestSpark.repoRoot().resolve("conf/log4j2.properties"))
        .args("--master", master, "--deploy-mode", "client", "--class", SparkScoreMain.class.getName(),
            "--jars", String.join(",", classpath("bundled.classpath")),
            "--conf", "spark.executor.memory=640m", "--conf", "spark.executor.cores=1", "--conf", "spark.cores.max=2",
            // Relative: each executor's cache is in its own working directory, so each copy can be counted.
            "--conf", "spark.executorEnv.SPARKSCORE_CACHE_DIR=model-cache",
            "--conf", "spark.executorEnv.DJL_OFFLINE=true", "--conf", "spark.executorEnv.OPT_OUT_TRACKING=true",
            applicationJar().toString(),
            "embed", "--input", input.toString(), "--output", output, "--model", modelUri, "--partitions", "8")
        .run(tmp.resolve("submit.log"), 240);
    assertEquals(0, submitted.status(), submitted.log());
    assertTrue(submitted.log().contains("embed: wrote 120 rows"), submitted.log());

    // Both executors ran tasks; each copied the model into its own cache exactly once.
    List<Path> executorDirs = new ArrayList<>();
    for (int w = 1; w <= 2; w++) {
      try (Stream<Path> apps = Files.list(tmp.resolve("work-" + w))) {
        for (Path app : apps.toList()) {
          try (Stream<Path> executors = Files.list(app)) {
            executorDirs.addAll(executors.filter(Files::isDirectory).toList());
          }
        }
      }
    }
    assertEquals(2, executorDirs.size(), "one executor per worker: " + executorDirs);
    for (Path executor : executorDirs) {
      String stderr = Files.readString(executor.resolve("stderr"));
      List<String> copies = stderr.lines().filter(l -> l.contains("SparkScore: copied a model into")).toList();
      assertEquals(1, copies.size(), executor + " copied the model once:\n" + String.join("\n", copies));
      try (Stream<Path> cached = Files.list(executor.resolve("model-cache/remote"))) {
        List<Path> models = cached.toList();
        assertEquals(1, models.size(), "one model in " + executor + "'s cache, no staging left: " + models);
        assertTrue(Files.isRegularFile(models.get(0).resolve("onnx/model.onnx")));
        assertTrue(Files.isRegularFile(models.get(0).resolve("tokenizer.json")));
      }
      assertTrue(stderr.contains("Finished task"), executor + " ran tasks");
    }

    String local = tmp.resolve("local").toString();
    CliRun run = CliRun.of("embed", "--input", input.toString(), "--output", local, "--model", modelUri,
        "--partitions", "8");
    assertEquals(0, run.status(), run.err());
    assertEquals(JobTesting.rows(local), JobTesting.rows(output),
        "the cluster wrote what a local run writes");
    assertEquals(Set.of("remote"), Files.list(tmp.resolve("driver-cache")).map(p -> p.getFileName().toString())
        .collect(Collectors.toSet()), "the driver copied the model for its own checks");
  }
}
