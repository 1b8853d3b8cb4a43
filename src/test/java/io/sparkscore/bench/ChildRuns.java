package io.sparkscore.bench;

import io.sparkscore.testing.ChildJvm;
import io.sparkscore.testing.StandaloneCluster;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embed command in JVMs of its own, so that each run has its cores and its memory to itself:
 * {@code local[1]} against {@code local[2]}, a standalone cluster of 1 Worker against 2 (one core
 * each), and a chunked 1 MB document under a 512 MB heap. Throughput is the command's own rows/s
 * (reading, scoring and writing, without JVM and Spark start-up); memory is each process's peak
 * resident set (VmHWM), for the cluster the largest executor's.
 */
final class ChildRuns {
  private static final Pattern SUMMARY = Pattern.compile("wrote (\\d+) rows .* in ([0-9.]+) s, ([0-9.]+) rows/s");
  private static final long TIMEOUT_SECONDS = 1800;

  private final Path workDir;
  private final PrintStream out;
  private final Map<String, Object> figures;

  ChildRuns(Path workDir, PrintStream out, Map<String, Object> figures) {
    this.workDir = workDir;
    this.out = out;
    this.figures = figures;
  }

  /** A finished run: rows/s from its summary line and its peak RSS in MB. */
  record Measured(double rowsPerSecond, double seconds, double peakRssMb) {}

  /** {@code texts} as a text file, one per line. */
  Path textFile(String name, List<String> texts) throws IOException {
    Files.createDirectories(workDir);
    return Files.write(workDir.resolve(name + ".txt"), texts.stream().map(t -> t.replace('\n', ' ')).toList());
  }

  void cores(Path input, String model) throws Exception {
    out.printf(Locale.ROOT, "%ncores: embed %s in its own JVM, local[1] vs local[2]%n", model);
    Measured one = local(input, model, 1);
    Measured two = local(input, model, 2);
    record("cores_1", one);
    record("cores_2", two);
    figures.put("cores_2_vs_1", BenchCommand.round(two.rowsPerSecond() / one.rowsPerSecond(), 3));
  }

  private Measured local(Path input, String model, int cores) throws Exception {
    ChildJvm jvm = ChildJvm.sparkscore("embed", "--input", input.toString(), "--output",
        workDir.resolve("cores-" + cores + "-out").toString(), "--format", "parquet", "--model", model,
        "--partitions", String.valueOf(cores)).options("-Xmx1g", "-Dspark.master=local[" + cores + "]");
    return measure(jvm.start(workDir.resolve("cores-" + cores + ".log")), workDir.resolve("cores-" + cores + ".log"),
        List.of(), "local[" + cores + "]");
  }

  void workers(Path input, String model) throws Exception {
    out.printf(Locale.ROOT, "%nworkers: embed %s on a standalone cluster, 1 vs 2 Workers of one core%n", model);
    Measured one = cluster(input, model, 1);
    Measured two = cluster(input, model, 2);
    record("workers_1", one);
    record("workers_2", two);
    figures.put("workers_2_vs_1", BenchCommand.round(two.rowsPerSecond() / one.rowsPerSecond(), 3));
  }

  private Measured cluster(Path input, String model, int workers) throws Exception {
    Path dir = Files.createDirectories(workDir.resolve("cluster-" + workers));
    try (StandaloneCluster cluster = StandaloneCluster.start(dir, workers)) {
      Path log = dir.resolve("submit.log");
      Process submit = cluster.submit(List.of(), workers, List.of(),
          "embed", "--input", input.toString(), "--output", dir.resolve("out").toString(), "--format", "parquet",
          "--model", model, "--partitions", String.valueOf(2 * workers)).start(log);
      return measure(submit, log, cluster.workers(), workers + " worker" + (workers > 1 ? "s" : ""));
    }
  }

  /** A 1 MB document chunked through {@code model} with a 512 MB heap, with the stage's default budget and {@code tokens}. */
  void chunkedDocument(Path doc, String model, int tokens) throws Exception {
    out.printf(Locale.ROOT, "%nmemory: a %d kB document chunked through %s, 512 MB heap%n", Files.size(doc) / 1000, model);
    for (String budget : List.of("0", String.valueOf(tokens))) {
      String name = budget.equals("0") ? "chunked_default" : "chunked_" + budget;
      Path log = workDir.resolve(name + ".log");
      ChildJvm jvm = ChildJvm.sparkscore("embed", "--input", doc.toString(), "--output",
          workDir.resolve(name + "-out").toString(), "--format", "parquet", "--model", model, "--long-text", "chunk",
          "--max-batch-tokens", budget).options("-Xmx512m", "-Dspark.master=local[2]");
      record(name, measure(jvm.start(log), log, List.of(), name + " (max-batch-tokens " + budget + ")"));
    }
  }

  private void record(String name, Measured m) {
    figures.put(name + "_docs_per_s", BenchCommand.round(m.rowsPerSecond(), 2));
    figures.put(name + "_seconds", BenchCommand.round(m.seconds(), 1));
    figures.put(name + "_peak_rss_mb", BenchCommand.round(m.peakRssMb(), 0));
  }

  /**
   * Waits for {@code process}, sampling the peak RSS of it (or, when {@code hosts} are given, of
   * their child processes: the executors) every 200 ms; VmHWM only grows, so the last sample is the peak.
   */
  private Measured measure(Process process, Path log, List<Process> hosts, String label) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT_SECONDS * 1_000_000_000L;
    double peak = 0;
    while (process.isAlive() && System.nanoTime() < deadline) {
      if (hosts.isEmpty()) {
        peak = Math.max(peak, hwmMb(process.toHandle()));
      } else {
        for (Process host : hosts) {
          for (ProcessHandle child : host.descendants().toList()) {
            peak = Math.max(peak, hwmMb(child));
          }
        }
      }
      Thread.sleep(200);
    }
    if (process.isAlive()) {
      ChildJvm.destroyTree(process);
      throw new IllegalStateException(label + ": no end within " + TIMEOUT_SECONDS + " s; see " + log);
    }
    Matcher m = SUMMARY.matcher(Files.readString(log));
    if (process.exitValue() != 0 || !m.find()) {
      throw new IllegalStateException(label + " failed (exit " + process.exitValue() + "); see " + log);
    }
    Measured measured = new Measured(Double.parseDouble(m.group(3)), Double.parseDouble(m.group(2)), peak);
    out.printf(Locale.ROOT, "  %-36s %s rows in %6.1f s, %8.2f rows/s, peak RSS %5.0f MB%n",
        label, m.group(1), measured.seconds(), measured.rowsPerSecond(), peak);
    return measured;
  }

  private static double hwmMb(ProcessHandle process) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // The process ended between the listing and the read.
    }
    return 0;
  }
}
