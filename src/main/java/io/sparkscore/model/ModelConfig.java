package io.sparkscore.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkscore.SparkScoreException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/** The parts of a Hugging Face {@code config.json} that decide how SparkScore runs a model. */
public final class ModelConfig implements Serializable {
  private static final long serialVersionUID = 1L;
  static final ObjectMapper JSON = new ObjectMapper();

  private final String modelType;
  private final List<String> labels;
  private final String problemType;
  private final int maxPositionEmbeddings;
  private final int hiddenSize;
  private final String crossEncoderActivation;

  private ModelConfig(String modelType, List<String> labels, String problemType, int maxPositionEmbeddings,
      int hiddenSize, String crossEncoderActivation) {
    this.modelType = modelType;
    this.crossEncoderActivation = crossEncoderActivation;
    this.labels = List.copyOf(labels);
    this.problemType = problemType;
    this.maxPositionEmbeddings = maxPositionEmbeddings;
    this.hiddenSize = hiddenSize;
  }

  public static ModelConfig read(Path configJson) {
    JsonNode root = readJson(configJson);
    List<String> labels = labelsById(root.path("id2label"), configJson);
    return new ModelConfig(
        root.path("model_type").asText(""),
        labels,
        root.path("problem_type").asText(""),
        root.path("max_position_embeddings").asInt(0),
        root.has("hidden_size") ? root.path("hidden_size").asInt(0) : root.path("dim").asInt(0),
        root.path("sentence_transformers").path("activation_fn")
            .asText(root.path("sbert_ce_default_activation_function").asText("")));
  }

  static JsonNode readJson(Path file) {
    try {
      JsonNode node = JSON.readTree(Files.readAllBytes(file));
      if (node == null || !node.isObject()) {
        throw SparkScoreException.user("%s is not a JSON object", file);
      }
      return node;
    } catch (IOException e) {
      throw SparkScoreException.user(e, "cannot read %s as JSON: %s", file, e.getMessage());
    }
  }

  /** id2label as a list indexed by class id; empty when the config has no labels. */
  private static List<String> labelsById(JsonNode id2label, Path configJson) {
    if (!id2label.isObject() || id2label.size() == 0) {
      return Collections.emptyList();
    }
    Map<Integer, String> byId = new TreeMap<>();
    for (Map.Entry<String, JsonNode> entry : id2label.properties()) {
      try {
        byId.put(Integer.parseInt(entry.getKey().trim()), entry.getValue().asText());
      } catch (NumberFormatException e) {
        throw SparkScoreException.user(
            "%s: id2label key '%s' is not an integer class id", configJson, entry.getKey());
      }
    }
    List<String> labels = new ArrayList<>(byId.values());
    int expected = 0;
    for (int id : byId.keySet()) {
      if (id != expected++) {
        throw SparkScoreException.user(
            "%s: id2label ids must be 0..%d without gaps, found %s", configJson, byId.size() - 1, byId.keySet());
      }
    }
    return labels;
  }

  public String modelType() {
    return modelType;
  }

  /** Class labels in id order (from {@code id2label}); empty for a model without a head. */
  public List<String> labels() {
    return labels;
  }

  /** {@code problem_type}: single_label_classification, multi_label_classification, regression, or empty. */
  public String problemType() {
    return problemType;
  }

  public boolean isMultiLabel() {
    return "multi_label_classification".equals(problemType);
  }

  /**
   * The activation a sentence-transformers CrossEncoder saved with the model ({@code
   * torch.nn.modules.activation.Sigmoid} …), empty when the config has none.
   */
  public String crossEncoderActivation() {
    return crossEncoderActivation;
  }

  public int hiddenSize() {
    return hiddenSize;
  }

  /**
   * The longest input the position embeddings allow. RoBERTa-style models reserve
   * {@code padding_idx + 1} positions, so their 514 positions hold 512 tokens.
   */
  public OptionalInt positionLimit() {
    if (maxPositionEmbeddings <= 0) {
      return OptionalInt.empty();
    }
    boolean offsetPositions =
        switch (modelType) {
          case "roberta", "xlm-roberta", "camembert", "longformer", "mpnet", "bertweet" -> true;
          default -> false;
        };
    return OptionalInt.of(offsetPositions ? maxPositionEmbeddings - 2 : maxPositionEmbeddings);
  }

  /** Index of the first label whose name starts with {@code prefix}, case-insensitively. */
  public OptionalInt labelIndexStartingWith(String prefix) {
    for (int i = 0; i < labels.size(); i++) {
      if (labels.get(i).toLowerCase(java.util.Locale.ROOT).startsWith(prefix)) {
        return OptionalInt.of(i);
      }
    }
    return OptionalInt.empty();
  }
}
