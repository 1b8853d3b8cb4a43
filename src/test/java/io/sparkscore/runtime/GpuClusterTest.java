package io.sparkscore.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkscore.config.Tasks;
import io.sparkscore.testing.Cuda;
import io.sparkscore.testing.TestSpark;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark's GPU scheduling end to end on a machine without GPUs: a standalone {@code local-cluster}
 * whose worker discovers two GPUs through {@code conf/gpu-discovery.sh} (with an {@code nvidia-smi}
 * that lists "0" and "1"), two executor JVMs with one GPU each. Tasks must receive distinct
 * addresses and select them; ONNX Runtime (the CPU jar) cannot open CUDA there, so {@code auto}
 * falls back with one WARN per executor JVM and gives the CPU path's exact outputs, reported per
 * task, and {@code cuda} fails the job with the device named.
 */
class GpuClusterTest {
  @BeforeAll
  static void onAHostWithoutGpu() {
    Cuda.assumeNoGpu();
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void tasksUseTheirOwnGpuAndFallBackHonestly(@TempDir Path dir) throws Exception {
    Path sparkHome = Files.createDirectories(dir.resolve("spark-home"));
    // The worker builds executor command lines from SPARK_HOME: it wants a jars/ folder there.
    Files.createDirectories(sparkHome.resolve("jars"));
    Path fakeBin = Files.createDirectories(dir.resolve("bin"));
    Path nvidiaSmi = Files.writeString(fakeBin.resolve("nvidia-smi"), "#!/bin/sh\nprintf '0\\n1\\n'\n");
    assertTrue(nvidiaSmi.toFile().setExecutable(true));
    Path result = dir.resolve("probe.json");

    Process probe = launchProbe(sparkHome, fakeBin, result, dir.resolve("probe.log"));
    if (!probe.waitFor(240, TimeUnit.SECONDS)) {
      probe.destroyForcibly();
      throw new AssertionError("probe application timed out:\n" + Files.readString(dir.resolve("probe.log")));
    }
    String log = Files.readString(dir.resolve("probe.log"));
    assertEquals(0, probe.exitValue(), "probe application failed:\n" + log);
    JsonNode out = JSON.readTree(result.toFile());

    // Each executor got one GPU of the two, and its tasks selected exactly that device.
    Map<String, Set<String>> gpusByExecutor = new HashMap<>();
    for (JsonNode task : out.path("tasks")) {
      assertEquals(1, task.path("gpus").size(), "one GPU per task: " + task);
      String gpu = task.path("gpus").get(0).asText();
      gpusByExecutor.computeIfAbsent(task.path("executor").asText(), e -> new HashSet<>()).add(gpu);
      assertEquals("cuda:" + gpu, task.path("selected").asText(), task.toString());
      assertEquals("cpu (fallback from cuda:" + gpu + ")", task.path("label").asText(), task.toString());
    }
    assertEquals(6, out.path("tasks").size());
    assertEquals(2, gpusByExecutor.size(), "tasks ran on both executors: " + gpusByExecutor);
    Set<String> all = new HashSet<>();
    gpusByExecutor.values().forEach(gpus -> {
      assertEquals(1, gpus.size(), "an executor keeps its GPU: " + gpusByExecutor);
      all.addAll(gpus);
    });
    assertEquals(Set.of("0", "1"), all, "distinct GPUs: " + gpusByExecutor);

    // The stage under auto gives exactly the CPU path's vectors, and reports the fallback per task.
    assertTrue(out.path("autoEqualsCpu").asBoolean(), "auto (fallen back) and cpu outputs are identical");
    assertEquals(11, out.path("embedded").asInt());
    Map<String, Long> autoDevices = devices(out.path("autoTasks"), gpusByExecutor);
    assertEquals(Set.of("cpu (fallback from cuda:0)", "cpu (fallback from cuda:1)"), autoDevices.keySet());
    Map<String, Long> cpuDevices = devices(out.path("cpuTasks"), gpusByExecutor);
    assertEquals(Set.of("cpu"), cpuDevices.keySet());
    Map<String, Long> totals = new TreeMap<>();
    autoDevices.forEach((d, n) -> totals.merge(d, n, Long::sum));
    cpuDevices.forEach((d, n) -> totals.merge(d, n, Long::sum));
    Map<String, Long> driverTotals = new TreeMap<>();
    out.path("driverTotals").properties().forEach(e -> driverTotals.put(e.getKey(), e.getValue().asLong()));
    assertEquals(totals, driverTotals, "the driver's totals are the tasks' reports added up");

    // device=cuda fails the job, naming the device, the ORT error and the way out.
    String cudaError = out.path("cudaError").asText();
    assertTrue(cudaError.matches("model .*: ONNX Runtime cannot run model\\.onnx on cuda:[01]: .*"), cudaError);
    assertTrue(cudaError.contains("device=cuda requires the GPU"), cudaError);

    // Each executor JVM logged the fallback once, for its own GPU.
    List<String> warnings = executorWarnings(sparkHome.resolve("work"));
    assertEquals(2, warnings.size(), "one WARN per executor JVM: " + warnings);
    assertEquals(Set.of("cuda:0", "cuda:1"),
        Set.of(warnings.get(0).replaceAll(".* selected (cuda:\\d).*", "$1"),
            warnings.get(1).replaceAll(".* selected (cuda:\\d).*", "$1")));
  }

  /** Batches per device over the listed tasks, checking that each task ran on its executor's GPU. */
  private static Map<String, Long> devices(JsonNode tasks, Map<String, Set<String>> gpusByExecutor) {
    assertTrue(tasks.size() > 0, "the listener saw the tasks");
    Map<String, Long> total = new TreeMap<>();
    for (JsonNode task : tasks) {
      String gpu = gpusByExecutor.get(task.path("executorId").asText()).iterator().next();
      task.path("batches").properties().forEach(e -> {
        assertTrue(e.getKey().equals("cpu") || e.getKey().equals("cpu (fallback from cuda:" + gpu + ")"),
            "task on the executor with GPU " + gpu + " reported " + e.getKey());
        total.merge(e.getKey(), e.getValue().asLong(), Long::sum);
      });
    }
    return total;
  }

  private static List<String> executorWarnings(Path work) throws IOException {
    List<String> warnings = new ArrayList<>();
    try (Stream<Path> files = Files.walk(work)) {
      for (Path stderr : files.filter(p -> p.getFileName().toString().equals("stderr")).toList()) {
        Files.readAllLines(stderr).stream()
            .filter(line -> line.contains("under device=auto, but ONNX Runtime cannot use it"))
            .forEach(warnings::add);
      }
    }
    return warnings;
  }

  private static Process launchProbe(Path sparkHome, Path fakeBin, Path result, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.add("-XX:TieredStopAtLevel=1");
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("-Djdk.reflect")) {
        command.add(arg);
      }
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(GpuClusterProbe.class.getName());
    command.add(TestSpark.repoRoot().resolve("conf/gpu-discovery.sh").toString());
    command.add(TestSpark.fixtureModel("tiny-bert"));
    command.add(result.toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("SPARK_HOME", sparkHome.toString());
    env.put("SPARK_SCALA_VERSION", "2.12");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("PATH", fakeBin + File.pathSeparator + env.getOrDefault("PATH", "/usr/bin:/bin"));
    return builder.start();
  }
}
