package io.sparkscore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkscore.testing.JobTesting;
import io.sparkscore.testing.ChildJvm;
import io.sparkscore.testing.CliRun;
import io.sparkscore.testing.ModelCopies;
import io.sparkscore.testing.StandaloneCluster;
import io.sparkscore.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on loopback ({@link StandaloneCluster}: a Master and two Workers in
 * JVMs of their own) running the embed command given to {@code spark-submit}. Each executor must copy
 * the model from its Hadoop URI into its own cache once, however many tasks it runs, and write what a local run writes.
 */
class StandaloneClusterTest {
  @TempDir Path tmp;

  @Test
  @Timeout(300)
  void submittedJobShipsTheModelToEachExecutorAndCopiesItOnce() throws Exception {
    try (StandaloneCluster cluster = StandaloneCluster.start(tmp, 2)) {
      shipsTheModel(cluster);
    }
  }

  private void shipsTheModel(StandaloneCluster cluster) throws Exception {
    Path model = ModelCopies.fixture("tiny-bert", tmp.resolve("tiny-bert"));
    String modelUri = model.toUri().toString();
    Path input = Files.write(tmp.resolve("docs.txt"),
        Files.readAllLines(TestSpark.repoRoot().resolve("jobs/data/reviews.txt")).subList(0, 120));
    String output = tmp.resolve("out").toString();
    ChildJvm.Result submitted = cluster.submit(List.of("-Dsparkscore.cache.dir=" + tmp.resolve("driver-cache")), 2,
        // Relative: each executor's cache is in its own working directory, so each copy can be counted.
        List.of("spark.executorEnv.SPARKSCORE_CACHE_DIR=model-cache"),
        "embed", "--input", input.toString(), "--output", output, "--model", modelUri, "--partitions", "8")
        .run(tmp.resolve("submit.log"), 240);
    assertEquals(0, submitted.status(), submitted.log());
    assertTrue(submitted.log().contains("embed: wrote 120 rows"), submitted.log());

    // Both executors ran tasks; each copied the model into its own cache exactly once.
    List<Path> executorDirs = new ArrayList<>();
    for (int w = 1; w <= 2; w++) {
      try (Stream<Path> apps = Files.list(cluster.workDir(w))) {
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
