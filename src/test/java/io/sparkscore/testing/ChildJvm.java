package io.sparkscore.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JVM of its own for a test: a SparkScore command with another Spark master, one to kill, or a
 * Spark daemon. It gets this JVM's classpath and Java 17 {@code --add-opens}, binds Spark to
 * loopback, and writes stdout and stderr to one log file.
 */
public final class ChildJvm {
  private final String mainClass;
  private final List<String> jvmOptions = new ArrayList<>();
  private final Map<String, String> environment = new LinkedHashMap<>();
  private final List<String> args = new ArrayList<>();
  private String classpath = System.getProperty("java.class.path");

  private ChildJvm(String mainClass) {
    this.mainClass = mainClass;
    jvmOptions.add("-Xmx1g");
    jvmOptions.add("-XX:TieredStopAtLevel=1");
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("-Djdk.reflect")) {
        jvmOptions.add(arg);
      }
    }
    jvmOptions.add("-Dlog4j2.configurationFile=" + TestSpark.repoRoot().resolve("conf/log4j2.properties"));
    jvmOptions.add("-Dspark.ui.enabled=false");
    jvmOptions.add("-Dspark.driver.host=127.0.0.1");
    jvmOptions.add("-Dspark.driver.bindAddress=127.0.0.1");
    environment.put("SPARK_LOCAL_IP", "127.0.0.1");
    environment.put("DJL_OFFLINE", "true");
    environment.put("OPT_OUT_TRACKING", "true");
  }

  /** {@code io.sparkscore.cli.SparkScoreMain} with {@code args}. */
  public static ChildJvm sparkscore(String... args) {
    return of("io.sparkscore.cli.SparkScoreMain").args(args);
  }

  public static ChildJvm of(String mainClass) {
    return new ChildJvm(mainClass);
  }

  /** Adds JVM options, such as {@code -Dspark.master=local[2,4]}. */
  public ChildJvm options(String... options) {
    jvmOptions.addAll(List.of(options));
    return this;
  }

  public ChildJvm env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** Replaces the classpath (this JVM's by default). */
  public ChildJvm classpath(String value) {
    classpath = value;
    return this;
  }

  public ChildJvm args(String... values) {
    args.addAll(List.of(values));
    return this;
  }

  public List<String> command() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(args);
    return command;
  }

  /** Starts the JVM, its output going to {@code log}. */
  public Process start(Path log) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    return builder.start();
  }

  /** What a finished child printed, and its exit status. */
  public record Result(int status, String log) {}

  /** Runs to the end, failing the test if it takes longer than {@code timeoutSeconds}. */
  public Result run(Path log, long timeoutSeconds) throws IOException, InterruptedException {
    Process process = start(log);
    boolean ended;
    try {
      ended = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      // A test timeout interrupts the wait: the child must not outlive the test.
      destroyTree(process);
      throw e;
    }
    if (!ended) {
      destroyTree(process);
      throw new AssertionError("child JVM " + mainClass + " timed out after " + timeoutSeconds + " s:\n"
          + Files.readString(log));
    }
    return new Result(process.exitValue(), Files.readString(log));
  }

  /** Kills the process and every process it started, at once (SIGKILL), and waits for them to be gone. */
  public static void destroyTree(Process process) throws InterruptedException {
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    all.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle handle : all) {
      handle.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> handle).join();
    }
  }

}
