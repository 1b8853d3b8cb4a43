package io.sparkscore.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sparkscore.SparkScoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A classifier trained on a sentence encoder's pooled embeddings: which encoder, its pooling and
 * normalisation, the dense layers ({@code weights[in][out]}, {@code bias[out]}, then the layer's
 * activation: {@code none} or {@code sigmoid}) that end in one logit per label, and where it came
 * from. {@link ClassifierGraph} turns it into one ONNX graph with the encoder.
 */
public record ClassifierHead(
    String encoder, String pooling, boolean normalize, List<String> labels, List<Layer> layers,
    Map<String, Object> provenance) {
  public static final String NONE = "none";
  public static final String SIGMOID = "sigmoid";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** One dense layer: {@code out = activation(in · weights + bias)}. */
  public record Layer(float[][] weights, float[] bias, String activation) {}

  public ClassifierHead {
    if (!List.of("mean", "cls").contains(pooling)) {
      throw SparkScoreException.user("classifier head: pooling '%s' cannot be exported (mean or cls)", pooling);
    }
    if (layers.isEmpty() || layers.get(layers.size() - 1).bias().length != labels.size()) {
      throw SparkScoreException.user("classifier head: its last layer must give one logit per label %s", labels);
    }
    for (int i = 1; i < layers.size(); i++) {
      if (layers.get(i).weights().length != layers.get(i - 1).bias().length) {
        throw SparkScoreException.user("classifier head: layer %d takes %d inputs but layer %d gives %d",
            i, layers.get(i).weights().length, i - 1, layers.get(i - 1).bias().length);
      }
    }
  }

  /** Width of the embedding the head takes. */
  public int inputSize() {
    return layers.get(0).weights().length;
  }

  public static ClassifierHead read(InputStream in, String name) {
    try {
      return JSON.readValue(in, ClassifierHead.class);
    } catch (IOException e) {
      throw SparkScoreException.user(e, "classifier head %s: cannot read it: %s", name, e.getMessage());
    }
  }

  public void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    JSON.writeValue(file.toFile(), this);
  }
}
