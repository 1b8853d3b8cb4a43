package io.sparkscore.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.util.PairList;
import io.sparkscore.SparkScoreException;
import io.sparkscore.model.ModelDirectory;
import java.io.IOException;
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
  private final boolean cleanUpSpaces;

  private HfTokenizer(HuggingFaceTokenizer tokenizer, TokenizerSettings settings, long padId, boolean cleanUpSpaces) {
    this.tokenizer = tokenizer;
    this.settings = settings;
    this.padId = padId;
    this.cleanUpSpaces = cleanUpSpaces;
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
      return new HfTokenizer(
          builder.build(), settings.withMaxLength(maxLength), model.padTokenId(), model.cleansUpTokenizationSpaces());
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
    String text = tokenizer.decode(ids, skipSpecialTokens);
    return cleanUpSpaces ? cleanUpTokenization(text) : text;
  }

  /**
   * transformers' {@code clean_up_tokenization}, applied by Python's decode on top of the Rust
   * decoder's output; the Rust WordPiece cleanup alone leaves {@code it ' s}.
   */
  static String cleanUpTokenization(String text) {
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

  @Override
  public void close() {
    tokenizer.close();
  }

  @Override
  public String toString() {
    return "HfTokenizer" + settings + " pad=" + padId;
  }
}
