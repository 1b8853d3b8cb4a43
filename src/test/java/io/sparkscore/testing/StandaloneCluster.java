package io.sparkscore.testing;

import io.sparkscore.cli.SparkScoreMain;
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
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on loopback: a Master and Workers of one core each in JVMs of their own,
 * from the project's own Spark jars laid out as a Spark distribution ({@code SPARK_HOME/jars}), and
 * SparkScore commands given to {@code spark-submit} as an application jar of SparkScore's classes
 * with the libraries the thin jar bundles passed by {@code --jars} (the shaded jar holds exactly
 * these, but {@code mvn test} runs before {@code package}). Closing it kills every daemon.
 */
public final class StandaloneCluster implements AutoCloseable {
  private static final long STARTUP_SECONDS = 90;

  private final Path dir;
  private final Path sparkHome;
  private final String master;
  private final List<Process> daemons = new ArrayList<>();
  private final List<Process> workers = new ArrayList<>();

  private StandaloneCluster(Path dir) throws IOException {
    this.dir = dir;
    this.sparkHome = sparkHome(dir);
    this.master = "spark://127.0.0.1:" + freePort();
  }

  /** Starts a Master and {@code workers} Workers (one core, 900 MB each) under {@code dir}. */
  public static StandaloneCluster start(Path dir, int workers) throws Exception {
    StandaloneCluster cluster = new StandaloneCluster(dir);
    try {
      cluster.startDaemons(workers);
      return cluster;
    } catch (Exception | AssertionError e) {
      cluster.close();
      throw e;
    }
  }

  private void startDaemons(int count) throws Exception {
    Path masterLog = dir.resolve("master.log");
    Process masterProcess = start(daemon("org.apache.spark.deploy.master.Master")
        .args("--host", "127.0.0.1", "--port", master.substring(master.lastIndexOf(':') + 1),
            "--webui-port", String.valueOf(freePort())), masterLog);
    await(masterProcess, masterLog, "I have been elected leader", 1);
    for (int w = 1; w <= count; w++) {
      workers.add(start(daemon("org.apache.spark.deploy.worker.Worker")
          .args("--host", "127.0.0.1", "--cores", "1", "--memory", "900m", "--webui-port", String.valueOf(freePort()),
              "--work-dir", workDir(w).toString(), master),
          dir.resolve("worker-" + w + ".log")));
    }
    await(masterProcess, masterLog, "Registering worker", count);
  }

  /** Worker {@code w}'s work directory (1-based): one subdirectory per application, one per executor. */
  public Path workDir(int w) throws IOException {
    return Files.createDirectories(dir.resolve("work-" + w));
  }

  /** The Worker processes; their executors are their children. */
  public List<Process> workers() {
    return List.copyOf(workers);
  }

  /**
   * {@code spark-submit} of SparkScoreMain with {@code args} in client mode, one core per executor
   * and at most {@code cores} in all, with {@code conf} (key=value) added; the driver's options first.
   */
  public ChildJvm submit(List<String> driverOptions, int cores, List<String> conf, String... args) throws IOException {
    List<String> submit = new ArrayList<>(List.of("--master", master, "--deploy-mode", "client",
        "--class", SparkScoreMain.class.getName(), "--jars", String.join(",", classpath("bundled.classpath")),
        "--conf", "spark.executor.memory=640m", "--conf", "spark.executor.cores=1",
        "--conf", "spark.cores.max=" + cores,
        "--conf", "spark.executorEnv.DJL_OFFLINE=true", "--conf", "spark.executorEnv.OPT_OUT_TRACKING=true"));
    for (String c : conf) {
      submit.add("--conf");
      submit.add(c);
    }
    submit.add(applicationJar().toString());
    submit.addAll(Arrays.asList(args));
    List<String> options = new ArrayList<>(List.of("-Xmx768m",
        "-Dlog4j2.configurationFile=" + TestSpark.repoRoot().resolve("conf/log4j2.properties")));
    options.addAll(driverOptions);
    return daemon("org.apache.spark.deploy.SparkSubmit").options(options.toArray(new String[0]))
        .args(submit.toArray(new String[0]));
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
  private static Path sparkHome(Path dir) throws IOException {
    Set<String> bundled = Set.copyOf(classpath("bundled.classpath"));
    Path jars = Files.createDirectories(dir.resolve("spark-home/jars"));
    for (String jar : classpath("launcher.classpath")) {
      // slf4j and commons-compress come with Spark as well; DJL's need of them puts them in the bundle too.
      Path link = jars.resolve(Path.of(jar).getFileName());
      if ((!bundled.contains(jar) || jar.contains("/org/slf4j/") || jar.contains("/org/apache/commons/"))
          && !Files.exists(link)) {
        Files.createSymbolicLink(link, Path.of(jar));
      }
    }
    return jars.getParent();
  }

  /** SparkScore's classes and resources as an application jar. */
  private Path applicationJar() throws IOException {
    Path jar = dir.resolve("sparkscore-app.jar");
    if (Files.exists(jar)) {
      return jar;
    }
    Path classes = TestSpark.buildDir().resolve("classes");
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

  private ChildJvm daemon(String mainClass) {
    // Spark's own log configuration (INFO): the cluster waits for the daemons' INFO lines.
    return ChildJvm.of(mainClass).classpath(sparkHome.resolve("jars") + "/*")
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

  @Override
  public void close() throws InterruptedException {
    for (Process daemon : daemons) {
      ChildJvm.destroyTree(daemon);
    }
  }
}
