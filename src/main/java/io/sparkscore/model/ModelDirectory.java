package io.sparkscore.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkscore.SparkScoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  /** The pin key for the ONNX graph, whatever its file is called. */
  public static final String GRAPH = "onnx";
  /** Suffixes of pickled PyTorch weights: unpickling can run arbitrary code, so they are never read. */
  private static final List<String> PICKLE_SUFFIXES = List.of(".bin", ".pt", ".pth", ".pkl", ".pickle", ".ckpt");

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
    String fileName = onnxFileName(variant);
    Path onnx =
        candidates(root, fileName).stream()
            .filter(Files::isRegularFile)
            .findFirst()
            .orElseThrow(() -> noGraph(name, root.toString(), fileName, listing(root)));
    Path config = requireFile(name, root, "config.json");
    requireFile(name, root, "tokenizer.json");
    return new ModelDirectory(name, root, onnx, ModelConfig.read(config));
  }

  /** Whether {@code variant} names the fp16 graph, {@value #FP16_FILE}, which SparkScore runs only on CUDA. */
  public static boolean isFp16Variant(String variant) {
    return onnxFileName(variant).equals(FP16_FILE);
  }

  /** File names that hold pickled PyTorch weights, which unpickling can make run arbitrary code. */
  static boolean isPickle(String fileName) {
    String lower = fileName.toLowerCase(java.util.Locale.ROOT);
    return PICKLE_SUFFIXES.stream().anyMatch(lower::endsWith);
  }

  /** The error for a directory without the graph: it names the pickles it has, which are never loaded. */
  static SparkScoreException noGraph(String name, String root, String fileName, List<String> files) {
    List<String> pickles = files.stream().filter(ModelDirectory::isPickle).toList();
    if (!pickles.isEmpty()) {
      return SparkScoreException.user(
          "model %s: no ONNX graph in %s (looked for onnx/%s and %s), only %s; SparkScore never loads pickled "
              + "weights (*.bin, *.pt, *.pkl, *.ckpt): export the model to ONNX first, e.g. "
              + "optimum-cli export onnx --model <model> <dir>",
          name, root, fileName, fileName, String.join(", ", pickles));
    }
    return SparkScoreException.user(
        "model %s: no ONNX graph in %s (looked for onnx/%s and %s)", name, root, fileName, fileName);
  }

  /**
   * Copies the files SparkScore reads besides the graph (configs, tokenizer, pooling) into
   * {@code target}, keeping their relative paths: a model directory waiting for its graph.
   */
  public void copyMetadataTo(Path target) {
    try {
      for (String file : METADATA_FILES) {
        Path from = root.resolve(file);
        if (Files.isRegularFile(from)) {
          Path to = target.resolve(file);
          Files.createDirectories(to.getParent());
          Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (java.io.IOException e) {
      throw SparkScoreException.user(e, "model %s: cannot copy its configs to %s: %s", name, target, e.getMessage());
    }
  }

  private static List<String> listing(Path root) {
    try (var files = Files.list(root)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    } catch (java.io.IOException e) {
      return List.of();
    }
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

  /** SHA-256 of the ONNX graph, computed once per JVM: what lineage records as the model's identity. */
  public String onnxSha256() {
    return FileDigest.sha256(onnxFile);
  }

  /** SHA-256 of one of the model's files, named relative to its root ({@code tokenizer.json}). */
  public String sha256(String relativeFile) {
    Path file = root.resolve(relativeFile).normalize();
    if (!file.startsWith(root.normalize()) || !Files.isRegularFile(file)) {
      throw SparkScoreException.user("model %s: pinned file %s is not a file of %s", name, relativeFile, root);
    }
    return FileDigest.sha256(file);
  }

  /**
   * Parses pins: one SHA-256 (64 hex digits) for the ONNX graph, or comma-separated {@code
   * file=sha256} pairs naming any of the model's files; empty pins nothing.
   */
  public static Map<String, String> parsePins(String pins) {
    Map<String, String> parsed = new LinkedHashMap<>();
    if (pins == null || pins.isBlank()) {
      return parsed;
    }
    for (String part : pins.split(",")) {
      String pin = part.trim();
      int eq = pin.indexOf('=');
      String file = eq < 0 ? GRAPH : pin.substring(0, eq).trim();
      String hash = (eq < 0 ? pin : pin.substring(eq + 1)).trim().toLowerCase(java.util.Locale.ROOT);
      if (!hash.matches("[0-9a-f]{64}")) {
        throw SparkScoreException.user(
            "model pin '%s' is not a SHA-256 (64 hex digits)%s", pin, eq < 0 ? "" : " after the file name");
      }
      parsed.put(file, hash);
    }
    return parsed;
  }

  /** Refuses to go on when a pinned file's SHA-256 is not the pinned one, naming both. */
  public void verify(Map<String, String> pins) {
    for (Map.Entry<String, String> pin : pins.entrySet()) {
      boolean graph = pin.getKey().equals(GRAPH) || root.resolve(pin.getKey()).normalize().equals(onnxFile.normalize());
      String actual = graph ? onnxSha256() : sha256(pin.getKey());
      if (!actual.equals(pin.getValue())) {
        throw SparkScoreException.user(
            "model %s: %s has sha256 %s but %s is pinned; refusing to run a model other than the pinned one",
            name, graph ? root.relativize(onnxFile) : pin.getKey(), actual, pin.getValue());
      }
    }
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
   * transformers 5 ignores it for BPE models (ModernBERT's config sets it), where it would eat real
   * spaces, unless {@code clean_up_tokenization_spaces_for_bpe_even_though_it_will_corrupt_output} insists.
   */
  public boolean cleansUpTokenizationSpaces() {
    Optional<JsonNode> config = optionalJson("tokenizer_config.json");
    if (config.isEmpty() || !config.get().path("clean_up_tokenization_spaces").asBoolean(false)) {
      return false;
    }
    boolean bpe = ModelConfig.readJson(tokenizerJson()).path("model").path("type").asText("").equals("BPE");
    return !bpe || config.get().path("clean_up_tokenization_spaces_for_bpe_even_though_it_will_corrupt_output")
        .asBoolean(false);
  }

  /**
   * One past the highest id the tokenizer knows (model vocabulary and added tokens). The native
   * decoder drops unknown ids without a word, so decoding checks ids against this first.
   */
  public int vocabularySize() {
    return vocabulary().values().stream().mapToInt(Integer::intValue).max().orElseThrow() + 1;
  }

  /**
   * Every token of {@code tokenizer.json} with its id: the model's vocabulary and the added tokens,
   * as {@code tokenizer.get_vocab()} gives them in transformers.
   */
  public Map<String, Integer> vocabulary() {
    JsonNode tokenizer = ModelConfig.readJson(tokenizerJson());
    Map<String, Integer> vocabulary = new LinkedHashMap<>();
    JsonNode vocab = tokenizer.path("model").path("vocab");
    if (vocab.isObject()) {
      vocab.fields().forEachRemaining(e -> vocabulary.put(e.getKey(), e.getValue().asInt()));
    } else if (vocab.isArray()) {
      // Unigram models list [piece, score] pairs: a piece's id is its index.
      for (int id = 0; id < vocab.size(); id++) {
        vocabulary.putIfAbsent(vocab.get(id).path(0).asText(), id);
      }
    }
    for (JsonNode added : tokenizer.path("added_tokens")) {
      vocabulary.put(added.path("content").asText(), added.path("id").asInt());
    }
    if (vocabulary.isEmpty()) {
      throw SparkScoreException.user("model %s: %s has no vocabulary under model.vocab or added_tokens", name, tokenizerJson());
    }
    return vocabulary;
  }

  /** The mask token ({@code [MASK]}, {@code <mask>} …) that special_tokens_map.json or tokenizer_config.json names. */
  public Optional<String> maskToken() {
    for (String file : List.of("special_tokens_map.json", "tokenizer_config.json")) {
      Optional<String> token = optionalJson(file).map(m -> tokenText(m.path("mask_token")));
      if (token.isPresent()) {
        return token;
      }
    }
    return Optional.empty();
  }

  /** A top-level section of tokenizer.json ({@code model}, {@code decoder} …); a missing node when it has none. */
  public JsonNode tokenizerSection(String key) {
    return ModelConfig.readJson(tokenizerJson()).path(key);
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
