package io.sparkscore.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkscore.spark.DeviceUsage;
import io.sparkscore.spark.DeviceUsageListener;
import io.sparkscore.stages.TextEmbedder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The driver of {@link GpuClusterTest}'s application, in a JVM of its own (a JVM holds one
 * SparkContext, and the suite's local session is already running). It starts a standalone
 * {@code local-cluster} whose one worker reports two GPUs, launches two executor JVMs with one GPU
 * each, runs the jobs and writes what it saw as JSON to {@code args[2]}.
 * Arguments: discovery script, model directory, output file.
 */
public final class GpuClusterProbe {
  private static final StructType SCHEMA =
      new StructType().add("id", DataTypes.IntegerType).add("text", DataTypes.StringType);
  private static final ObjectMapper JSON = new ObjectMapper();

  private GpuClusterProbe() {}

  public static void main(String[] args) throws Exception {
    String model = args[1];
    SparkSession spark = SparkSession.builder()
        .master("local-cluster[1,2,1024]")
        .appName("sparkscore-gpu-cluster-test")
        .config("spark.executor.cores", "1")
        .config("spark.executor.memory", "512m")
        // Short-lived JVMs: the C1 compiler alone starts them faster.
        .config("spark.executor.extraJavaOptions", "-XX:TieredStopAtLevel=1")
        .config("spark.worker.resource.gpu.amount", "2")
        .config("spark.worker.resource.gpu.discoveryScript", args[0])
        .config("spark.executor.resource.gpu.amount", "1")
        .config("spark.task.resource.gpu.amount", "1")
        .config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
        .config("spark.executorEnv.DJL_OFFLINE", "true")
        .config("spark.executorEnv.OPT_OUT_TRACKING", "true")
        .config("spark.task.maxFailures", "1")
        .config("spark.ui.enabled", "false")
        .getOrCreate();
    ObjectNode out = JSON.createObjectNode();
    try {
      awaitExecutors(spark, 2);
      out.set("tasks", perTask(spark, model));
      Dataset<Row> texts = texts(spark);
      DeviceUsageListener autoTasks = new DeviceUsageListener();
      Map<Integer, Object> auto = embed(spark, autoTasks, new TextEmbedder().setModel(model), texts);
      out.set("autoTasks", JSON.valueToTree(autoTasks.tasks()));
      DeviceUsageListener cpuTasks = new DeviceUsageListener();
      Map<Integer, Object> cpu = embed(spark, cpuTasks, new TextEmbedder().setModel(model).setDevice("cpu"), texts);
      out.set("cpuTasks", JSON.valueToTree(cpuTasks.tasks()));
      out.put("embedded", auto.values().stream().filter(v -> v != null).count());
      out.put("autoEqualsCpu", auto.equals(cpu));
      out.set("driverTotals", JSON.valueToTree(DeviceUsage.driverTotals()));
      try {
        new TextEmbedder().setModel(model).setDevice("cuda").transform(texts).collectAsList();
        out.put("cudaError", "");
      } catch (Exception e) {
        // Spark's SparkException is checked but undeclared: catch it as Exception.
        out.put("cudaError", rootMessage(e));
      }
    } finally {
      JSON.writerWithDefaultPrettyPrinter().writeValue(Path.of(args[2]).toFile(), out);
      spark.stop();
    }
  }

  private static void awaitExecutors(SparkSession spark, int count) throws InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    // The driver is listed among the executors.
    while (spark.sparkContext().statusTracker().getExecutorInfos().length < count + 1) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("executors did not start within 120 s");
      }
      Thread.sleep(200);
    }
  }

  /** Per task: its executor, the GPU addresses Spark gave it, the device selected and where its session runs. */
  private static ArrayNode perTask(SparkSession spark, String model) {
    ModelSpec spec = ModelSpec.of(model);
    List<Map<String, Object>> tasks = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(List.of(0, 1, 2, 3, 4, 5), 6)
        .mapPartitions(ignored -> {
          List<String> gpus = DeviceSelector.taskGpuAddresses();
          OnnxModel session = ModelCache.get(spec).sessionForTask(spec.session());
          Map<String, Object> task = new HashMap<>();
          task.put("executor", SparkEnv.get().executorId());
          task.put("gpus", new ArrayList<>(gpus));
          task.put("selected", DeviceSelector.select(spec.session().device(), gpus).toString());
          task.put("label", session.deviceLabel());
          return List.of(task).iterator();
        })
        .collect();
    return JSON.valueToTree(tasks);
  }

  private static Dataset<Row> texts(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    String[] words = {"alpha", "beta gamma", "delta epsilon zeta", "eta", "theta iota kappa lambda", "mu nu"};
    for (int i = 0; i < 12; i++) {
      rows.add(RowFactory.create(i, i == 5 ? null : words[i % words.length] + " number " + i));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  private static Map<Integer, Object> embed(
      SparkSession spark, DeviceUsageListener listener, TextEmbedder embedder, Dataset<Row> texts)
      throws java.util.concurrent.TimeoutException {
    spark.sparkContext().addSparkListener(listener);
    Map<Integer, Object> out = new HashMap<>();
    for (Row row : embedder.transform(texts).collectAsList()) {
      out.put(row.getInt(0), row.isNullAt(2) ? null : row.getList(2));
    }
    spark.sparkContext().listenerBus().waitUntilEmpty();
    spark.sparkContext().removeSparkListener(listener);
    return out;
  }

  private static String rootMessage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof io.sparkscore.SparkScoreException) {
        return t.getMessage();
      }
    }
    return e.toString();
  }
}
