package io.sparkscore.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkscore.SparkScoreException;
import io.sparkscore.model.ClassifierGraph;
import io.sparkscore.model.ClassifierHead;
import io.sparkscore.model.ModelDirectory;
import io.sparkscore.model.ModelLocator;
import io.sparkscore.stages.TextEmbedder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.LinearSVCModel;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.feature.IndexToString;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.Vector;

/**
 * A pipeline {@link TextClassifierTrainer} fitted → its head as plain weights, and a Hugging Face
 * style classifier directory ({@link ClassifierGraph}) whose softmax scores are the pipeline's
 * probabilities (for the svm, the softmax of its two margins {@code -m, m}).
 */
public final class PipelineExport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PipelineExport() {}

  /** True when {@code dir} holds a saved Spark ML PipelineModel rather than a model directory. */
  public static boolean isPipeline(Path dir) {
    Path metadata = dir.resolve("metadata");
    if (!Files.isDirectory(metadata) || !Files.isDirectory(dir.resolve("stages"))) {
      return false;
    }
    try (var files = Files.list(metadata)) {
      for (Path part : files.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
        if (Files.readString(part).contains("\"org.apache.spark.ml.PipelineModel\"")) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  /** What the head was trained on and how well it did, from the report train wrote beside the pipeline. */
  private static Map<String, Object> training(JsonNode report) {
    Map<String, Object> training = new LinkedHashMap<>();
    training.put("command", String.join(" ", JSON.convertValue(report.get("command"), String[].class)));
    training.put("input", report.get("input").asText());
    training.put("rows", report.get("rows").asLong());
    training.put("encoder", report.get("encoder").asText());
    training.put("classifier", report.get("classifier").asText() + " (" + report.get("chosen").asText() + ")");
    training.put("evaluation", report.get("evaluation").asText());
    training.put("evaluatedRows", report.at("/metrics/rows").asLong());
    training.put("accuracy", report.at("/metrics/accuracy").asDouble());
    training.put("macroF1", report.at("/metrics/macroF1").asDouble());
    training.put("trained", report.get("started").asText());
    return training;
  }

  /**
   * Exports the pipeline saved in {@code pipeline} into {@code output}, which must not hold files
   * yet; the report train wrote beside the pipeline becomes the head's provenance.
   */
  public static void exportSaved(String pipeline, Path output) {
    try {
      if (Files.isDirectory(output) && Files.list(output).findAny().isPresent()) {
        throw SparkScoreException.user("%s: the output directory %s is not empty", "export", output);
      }
      Map<String, Object> provenance = new LinkedHashMap<>();
      provenance.put("pipeline", pipeline);
      Path report = Paths.get(pipeline, "metrics.json");
      if (Files.isRegularFile(report)) {
        provenance.put("training", training(JSON.readTree(report.toFile())));
      }
      PipelineExport.export(PipelineModel.load(pipeline), output, provenance);
    } catch (IOException e) {
      throw SparkScoreException.user(e, "%s: cannot write %s: %s", "export", output, e.getMessage());
    }
  }

  /** Writes the classifier directory for {@code pipeline} into {@code out}. */
  public static void export(PipelineModel pipeline, Path out, Map<String, Object> provenance) throws IOException {
    TextEmbedder embedder = embedder(pipeline);
    ModelDirectory encoder = ModelLocator.locate(embedder.getModel(), embedder.getModelVariant());
    ClassifierGraph.write(encoder, head(pipeline, encoder, provenance), out);
  }

  public static ClassifierHead head(PipelineModel pipeline, ModelDirectory encoder, Map<String, Object> provenance) {
    TextEmbedder embedder = embedder(pipeline);
    Transformer[] stages = pipeline.stages();
    if (stages.length != 3 || !(stages[2] instanceof IndexToString labels)) {
      throw notOurs(pipeline);
    }
    return new ClassifierHead(embedder.getModel(), embedder.effectivePooling(encoder), embedder.effectiveNormalize(encoder),
        List.of(labels.getLabels()), layers(stages[1], pipeline), provenance);
  }

  private static TextEmbedder embedder(PipelineModel pipeline) {
    if (pipeline.stages().length == 0 || !(pipeline.stages()[0] instanceof TextEmbedder embedder)) {
      throw notOurs(pipeline);
    }
    return embedder;
  }

  private static List<ClassifierHead.Layer> layers(Transformer classifier, PipelineModel pipeline) {
    if (classifier instanceof LogisticRegressionModel logistic) {
      Matrix coefficients = logistic.coefficientMatrix();
      Vector intercepts = logistic.interceptVector();
      if (coefficients.numRows() == 1) {
        // Binomial: probability(1) = sigmoid(m), the softmax of logits (0, m).
        return List.of(binary(logistic.coefficients(), logistic.intercept(), 0));
      }
      float[][] weights = new float[coefficients.numCols()][coefficients.numRows()];
      float[] bias = new float[coefficients.numRows()];
      for (int k = 0; k < coefficients.numRows(); k++) {
        for (int d = 0; d < coefficients.numCols(); d++) {
          weights[d][k] = (float) coefficients.apply(k, d);
        }
        bias[k] = (float) intercepts.apply(k);
      }
      return List.of(new ClassifierHead.Layer(weights, bias, ClassifierHead.NONE));
    }
    if (classifier instanceof LinearSVCModel svm) {
      return List.of(binary(svm.coefficients(), svm.intercept(), -1));
    }
    if (classifier instanceof MultilayerPerceptronClassificationModel mlp) {
      return mlpLayers(mlp);
    }
    throw notOurs(pipeline);
  }

  /** Logits ({@code negative}·m, m) for margin {@code m = w·x + b}. */
  private static ClassifierHead.Layer binary(Vector coefficients, double intercept, int negative) {
    float[][] weights = new float[coefficients.size()][2];
    for (int d = 0; d < coefficients.size(); d++) {
      weights[d][0] = (float) (negative * coefficients.apply(d));
      weights[d][1] = (float) coefficients.apply(d);
    }
    return new ClassifierHead.Layer(weights, new float[] {(float) (negative * intercept), (float) intercept},
        ClassifierHead.NONE);
  }

  /**
   * MLlib keeps each affine layer as its {@code out x in} matrix in column-major order then the
   * bias, which read row by row is the {@code in x out} matrix the graph multiplies by. Hidden
   * layers are sigmoid; the last layer's output is the softmax input.
   */
  private static List<ClassifierHead.Layer> mlpLayers(MultilayerPerceptronClassificationModel mlp) {
    int[] sizes = mlp.getLayers();
    double[] flat = mlp.weights().toArray();
    List<ClassifierHead.Layer> layers = new ArrayList<>();
    int offset = 0;
    for (int l = 0; l + 1 < sizes.length; l++) {
      int in = sizes[l];
      int out = sizes[l + 1];
      float[][] weights = new float[in][out];
      for (int i = 0; i < in; i++) {
        for (int o = 0; o < out; o++) {
          weights[i][o] = (float) flat[offset + i * out + o];
        }
      }
      offset += in * out;
      float[] bias = new float[out];
      for (int o = 0; o < out; o++) {
        bias[o] = (float) flat[offset + o];
      }
      offset += out;
      layers.add(new ClassifierHead.Layer(weights, bias,
          l + 2 < sizes.length ? ClassifierHead.SIGMOID : ClassifierHead.NONE));
    }
    return layers;
  }

  private static SparkScoreException notOurs(PipelineModel pipeline) {
    List<String> stages = new ArrayList<>();
    for (Transformer stage : pipeline.stages()) {
      stages.add(stage.getClass().getSimpleName());
    }
    return SparkScoreException.user(
        "pipeline %s is not one that train fitted (TextEmbedder, then LogisticRegression, LinearSVC or "
            + "MultilayerPerceptron, then IndexToString); its stages: %s", pipeline.uid(), stages);
  }
}
