package io.sparkscore.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.util.PairList;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkscore.SparkScoreException;
import io.sparkscore.model.ModelDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A model's own {@code tokenizer.json}, run by Hugging Face's Rust tokenizers through DJL, with
 * padding switched off (SparkScore pads each batch itself) and truncation at {@code maxLength}.
 * Thread-safe; one native call per batch.
 */
public final class HfTokenizer implements AutoCloseable {
  static {
    // DJL phones home unless told not to; executors often have no route out anyway.
    System.setProperty("OPT_OUT_TRACKING", System.getProperty("OPT_OUT_TRACKING", "true"));
    System.setProperty("DJL_OFFLINE", System.getProperty("DJL_OFFLINE", "true"));
  }

  private final HuggingFaceTokenizer tokenizer;
  private final TokenizerSettings settings;
  private final long padId;
  private final Path tokenizerJson;
  private final boolean cleanUpSpaces;
  private volatile int vocabularySize = -1;

  private HfTokenizer(HuggingFaceTokenizer tokenizer, TokenizerSettings settings, long padId, ModelDirectory model) {
    this.tokenizer = tokenizer;
    this.settings = settings;
    this.padId = padId;
    this.tokenizerJson = model.tokenizerJson();
    this.cleanUpSpaces = model.cleansUpTokenizationSpaces();
  }

  public static HfTokenizer load(ModelDirectory model, TokenizerSettings settings) {
    Objects.requireNonNull(settings, "settings is null");
    int maxLength = settings.maxLength() > 0 ? settings.maxLength() : model.maxLength();
    try {
      HuggingFaceTokenizer.Builder builder =
          HuggingFaceTokenizer.builder()
              .optTokenizerPath(model.tokenizerJson())
              .optAddSpecialTokens(settings.addSpecialTokens())
              .optPadding(false)
              .optTruncation(settings.truncate())
              .optMaxLength(maxLength);
      if (settings.stride() > 0) {
        builder.optWithOverflowingTokens(true).optStride(settings.stride());
      }
      return new HfTokenizer(builder.build(), settings.withMaxLength(maxLength), model.padTokenId(), model);
    } catch (IOException | RuntimeException e) {
      throw SparkScoreException.user(
          e, "model %s: cannot load %s: %s", model.name(), model.tokenizerJson(), e.getMessage());
    }
  }

  /** Settings in force, with {@code maxLength} resolved to the model's limit when it was 0. */
  public TokenizerSettings settings() {
    return settings;
  }

  public long padId() {
    return padId;
  }

  /** Encodes every text in one native call; no element may be null. */
  public Encoding[] encode(String[] texts) {
    return tokenizer.batchEncode(texts);
  }

  public Encoding[] encode(List<String> texts) {
    return tokenizer.batchEncode(texts);
  }

  /** Encodes text pairs ({@code first[i]}, {@code second[i]}) as the model's pair template. */
  public Encoding[] encodePairs(List<String> first, List<String> second) {
    if (first.size() != second.size()) {
      throw new IllegalArgumentException("pair lists differ in size: " + first.size() + " vs " + second.size());
    }
    return tokenizer.batchEncode(new PairList<>(first, second));
  }

  /** Ids back to text, as {@code tokenizer.decode(ids, skip_special_tokens=...)} does in transformers. */
  public String decode(long[] ids, boolean skipSpecialTokens) {
    return cleanUp(tokenizer.decode(ids, skipSpecialTokens));
  }

  /** Decodes every id sequence in one native call. Ids the vocabulary lacks are dropped, as in transformers. */
  public String[] decode(long[][] ids, boolean skipSpecialTokens) {
    String[] texts = tokenizer.batchDecode(ids, skipSpecialTokens);
    for (int i = 0; i < texts.length; i++) {
      texts[i] = cleanUp(texts[i]);
    }
    return texts;
  }

  /**
   * transformers' {@code clean_up_tokenization}, applied after the Rust decoder when the model asks
   * for it: the decoder tidies each token alone, so " ' s" across tokens survives it.
   */
  private String cleanUp(String text) {
    if (!cleanUpSpaces) {
      return text;
    }
    return text.replace(" .", ".")
        .replace(" ?", "?")
        .replace(" !", "!")
        .replace(" ,", ",")
        .replace(" ' ", "'")
        .replace(" n't", "n't")
        .replace(" 'm", "'m")
        .replace(" 's", "'s")
        .replace(" 've", "'ve")
        .replace(" 're", "'re");
  }

  /**
   * One past the highest id the tokenizer knows (its model vocabulary and added tokens), read from
   * {@code tokenizer.json} on first use: the native decoder drops unknown ids silently, so callers
   * check ids against this first.
   */
  public int vocabularySize() {
    int size = vocabularySize;
    if (size < 0) {
      size = readVocabularySize(tokenizerJson);
      vocabularySize = size;
    }
    return size;
  }

  private static int readVocabularySize(Path tokenizerJson) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readAllBytes(tokenizerJson));
    } catch (IOException e) {
      throw SparkScoreException.user(e, "cannot read %s as JSON: %s", tokenizerJson, e.getMessage());
    }
    long highest = -1;
    JsonNode vocab = root.path("model").path("vocab");
    if (vocab.isObject()) {
      for (JsonNode id : vocab) {
        highest = Math.max(highest, id.asLong());
      }
    } else if (vocab.isArray()) {
      // Unigram models list [piece, score] pairs; a piece's id is its index.
      highest = vocab.size() - 1;
    }
    for (JsonNode added : root.path("added_tokens")) {
      highest = Math.max(highest, added.path("id").asLong());
    }
    if (highest < 0) {
      throw SparkScoreException.user("%s: found no vocabulary under model.vocab or added_tokens", tokenizerJson);
    }
    return Math.toIntExact(highest + 1);
  }

  @Override
  public void close() {
    tokenizer.close();
  }

  @Override
  public String toString() {
    return "HfTokenizer" + settings + " pad=" + padId;
  }
}
