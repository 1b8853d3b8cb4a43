package io.sparkscore.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkscore.SparkScoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Hugging Face model directory on local disk, checked for the files SparkScore needs:
 * {@code config.json}, {@code tokenizer.json} and one ONNX graph. Sentence-transformers metadata
 * ({@code sentence_bert_config.json}, {@code modules.json}, {@code 1_Pooling/config.json}) is read
 * when present, so such models embed exactly as {@code SentenceTransformer.encode} does.
 */
public final class ModelDirectory {
  /** Files a model directory may hold that SparkScore reads; nothing else is ever opened or copied. */
  static final List<String> METADATA_FILES =
      List.of(
          "config.json",
          "tokenizer.json",
          "tokenizer_config.json",
          "special_tokens_map.json",
          "sentence_bert_config.json",
          "modules.json",
          "1_Pooling/config.json");

  /** The fp16 graph's name in Hugging Face ONNX exports (optimum, Xenova). */
  public static final String FP16_FILE = "model_fp16.onnx";

  private static final int DEFAULT_MAX_LENGTH = 512;
  /** HF writes this sentinel (int(1e30)) as model_max_length when the tokenizer has no limit. */
  private static final long UNSET_MODEL_MAX_LENGTH = 1_000_000L;

  private final String name;
  private final Path root;
  private final Path onnxFile;
  private final ModelConfig config;

  private ModelDirectory(String name, Path root, Path onnxFile, ModelConfig config) {
    this.name = name;
    this.root = root;
    this.onnxFile = onnxFile;
    this.config = config;
  }

  /**
   * Opens and checks {@code root}. {@code variant} picks the ONNX file: empty for {@code model.onnx},
   * a short name such as {@code quantized} or {@code fp16} for {@code model_<variant>.onnx}, or a
   * file name ending in {@code .onnx}. The file is looked for in {@code onnx/} first, then at the root.
   */
  public static ModelDirectory open(String name, Path root, String variant) {
    Objects.requireNonNull(root, "root is null");
    if (!Files.isDirectory(root)) {
      throw SparkScoreException.user("model %s: %s is not a directory", name, root);
    }
    Path config = requireFile(name, root, "config.json");
    requireFile(name, root, "tokenizer.json");
    String fileName = onnxFileName(variant);
    Path onnx =
        candidates(root, fileName).stream()
            .filter(Files::isRegularFile)
            .findFirst()
            .orElseThrow(
                () ->
                    SparkScoreException.user(
                        "model %s: no ONNX graph in %s (looked for onnx/%s and %s)",
                        name, root, fileName, fileName));
    return new ModelDirectory(name, root, onnx, ModelConfig.read(config));
  }

  /** Whether {@code variant} names the fp16 graph, {@value #FP16_FILE}, which SparkScore runs only on CUDA. */
  public static boolean isFp16Variant(String variant) {
    return onnxFileName(variant).equals(FP16_FILE);
  }

  static String onnxFileName(String variant) {
    String v = variant == null ? "" : variant.trim();
    if (v.isEmpty() || v.equals("default")) {
      return "model.onnx";
    }
    if (v.contains("/") || v.contains("\\") || v.contains("..")) {
      throw SparkScoreException.user(
          "model variant '%s' must be a file name such as model_quantized.onnx or a short name such as quantized", v);
    }
    return v.endsWith(".onnx") ? v : "model_" + v + ".onnx";
  }

  static List<Path> candidates(Path root, String onnxFileName) {
    return List.of(root.resolve("onnx").resolve(onnxFileName), root.resolve(onnxFileName));
  }

  private static Path requireFile(String name, Path root, String file) {
    Path path = root.resolve(file);
    if (!Files.isRegularFile(path)) {
      throw SparkScoreException.user("model %s: missing %s in %s", name, file, root);
    }
    return path;
  }

  public String name() {
    return name;
  }

  public Path root() {
    return root;
  }

  public Path onnxFile() {
    return onnxFile;
  }

  /** Whether the chosen graph is the fp16 one, {@value #FP16_FILE}. */
  public boolean isFp16() {
    return onnxFile.getFileName().toString().equals(FP16_FILE);
  }

  public Path tokenizerJson() {
    return root.resolve("tokenizer.json");
  }

  public ModelConfig config() {
    return config;
  }

  /**
   * The longest token sequence the model takes: sentence-transformers' {@code max_seq_length}, else
   * the tokenizer's {@code model_max_length}, else the position-embedding limit, else 512.
   */
  public int maxLength() {
    Optional<JsonNode> sbert = optionalJson("sentence_bert_config.json");
    if (sbert.isPresent() && sbert.get().path("max_seq_length").asInt(0) > 0) {
      return sbert.get().path("max_seq_length").asInt();
    }
    Optional<JsonNode> tokenizerConfig = optionalJson("tokenizer_config.json");
    if (tokenizerConfig.isPresent()) {
      long limit = tokenizerConfig.get().path("model_max_length").asLong(0);
      if (limit > 0 && limit < UNSET_MODEL_MAX_LENGTH) {
        return (int) limit;
      }
    }
    return config.positionLimit().orElse(DEFAULT_MAX_LENGTH);
  }

  /** The pooling a sentence-transformers directory declares ({@code mean}, {@code cls}, {@code max}), if any. */
  public Optional<String> declaredPooling() {
    return optionalJson("1_Pooling/config.json")
        .map(
            pooling -> {
              if (pooling.path("pooling_mode_cls_token").asBoolean(false)) {
                return "cls";
              }
              if (pooling.path("pooling_mode_max_tokens").asBoolean(false)) {
                return "max";
              }
              return "mean";
            });
  }

  /** True when the directory's {@code modules.json} ends its pipeline with a Normalize module. */
  public boolean declaresNormalize() {
    return optionalJson("modules.json")
        .map(
            modules -> {
              for (JsonNode module : modules) {
                if (module.path("type").asText("").endsWith("Normalize")) {
                  return true;
                }
              }
              return false;
            })
        .orElse(false);
  }

  /**
   * Whether {@code tokenizer.decode} tidies spaces before punctuation and contractions, as the
   * tokenizer config's {@code clean_up_tokenization_spaces} says (false when unset, as in transformers 5).
   */
  public boolean cleansUpTokenizationSpaces() {
    return optionalJson("tokenizer_config.json")
        .map(c -> c.path("clean_up_tokenization_spaces").asBoolean(false))
        .orElse(false);
  }

  /** The pad token's id from tokenizer.json's padding section or its added tokens, else 0. */
  public long padTokenId() {
    JsonNode tokenizer = ModelConfig.readJson(tokenizerJson());
    JsonNode padding = tokenizer.path("padding");
    if (padding.isObject() && padding.has("pad_id")) {
      return padding.path("pad_id").asLong();
    }
    String padToken =
        optionalJson("special_tokens_map.json").map(m -> tokenText(m.path("pad_token"))).orElse(null);
    for (JsonNode added : tokenizer.path("added_tokens")) {
      String content = added.path("content").asText();
      if (content.equals(padToken) || (padToken == null && (content.equals("[PAD]") || content.equals("<pad>")))) {
        return added.path("id").asLong();
      }
    }
    return 0L;
  }

  private static String tokenText(JsonNode token) {
    return token.isObject() ? token.path("content").asText(null) : token.asText(null);
  }

  private Optional<JsonNode> optionalJson(String file) {
    Path path = root.resolve(file);
    if (!Files.isRegularFile(path)) {
      return Optional.empty();
    }
    JsonNode node;
    try {
      node = ModelConfig.JSON.readTree(Files.readAllBytes(path));
    } catch (java.io.IOException e) {
      throw SparkScoreException.user(e, "model %s: cannot read %s: %s", name, path, e.getMessage());
    }
    return Optional.ofNullable(node);
  }

  @Override
  public String toString() {
    return name + " (" + onnxFile + ")";
  }
}
