package io.sparkscore.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.djl.util.PairList;
import io.sparkscore.SparkScoreException;
import io.sparkscore.model.ModelDirectory;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
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

  /**
   * A truncated text longer than this many characters per token of {@code maxLength} is first
   * encoded from a prefix: its first window never depends on the rest, which may be megabytes.
   */
  static final int PREFIX_CHARS_PER_TOKEN = 32;

  private final HuggingFaceTokenizer tokenizer;
  private final TokenizerSettings settings;
  private final long padId;
  private final boolean cleanUpSpaces;
  /** Tokens the model's template adds around one text ([CLS] … [SEP] is 2) and around a pair (3). */
  private final int singleSpecials;
  private final int pairSpecials;

  private HfTokenizer(HuggingFaceTokenizer tokenizer, TokenizerSettings settings, long padId, boolean cleanUpSpaces) {
    this.tokenizer = tokenizer;
    this.settings = settings;
    this.padId = padId;
    this.cleanUpSpaces = cleanUpSpaces;
    this.singleSpecials = tokenizer.batchEncode(new String[] {""})[0].getIds().length;
    this.pairSpecials = tokenizer.batchEncode(new PairList<>(List.of(""), List.of("")))[0].getIds().length;
  }

  public static HfTokenizer load(ModelDirectory model, TokenizerSettings settings) {
    Objects.requireNonNull(settings, "settings is null");
    int maxLength = settings.maxLength() > 0 ? settings.maxLength() : model.maxLength();
    HfTokenizer loaded;
    try {
      HuggingFaceTokenizer.Builder builder =
          HuggingFaceTokenizer.builder()
              .optTokenizerPath(model.tokenizerJson())
              .optAddSpecialTokens(settings.addSpecialTokens())
              .optPadding(false)
              .optTruncation(settings.truncate())
              .optMaxLength(maxLength);
      if (settings.windows()) {
        builder.optWithOverflowingTokens(true).optStride(settings.stride());
      }
      if (settings.truncate() && settings.firstOnly()) {
        builder.optTruncateFirstOnly();
      }
      if (settings.truncate() && settings.secondOnly()) {
        builder.optTruncateSecondOnly();
      }
      loaded = new HfTokenizer(
          builder.build(), settings.withMaxLength(maxLength), model.padTokenId(), model.cleansUpTokenizationSpaces());
    } catch (IOException | RuntimeException e) {
      throw SparkScoreException.user(
          e, "model %s: cannot load %s: %s", model.name(), model.tokenizerJson(), e.getMessage());
    }
    loaded.checkRoom(model);
    return loaded;
  }

  /**
   * Refuses limits the Rust tokenizer cannot honour: a maxLength below the special tokens' count is
   * silently ignored there (the text stays whole), and a stride of the window's text length or more
   * aborts the whole JVM with a panic.
   */
  private void checkRoom(ModelDirectory model) {
    if (!settings.truncate()) {
      return;
    }
    int specials = specialTokenCount();
    int room = settings.maxLength() - specials;
    if (room < 0) {
      close();
      throw SparkScoreException.user(
          "model %s: maxLength %d is less than the %d special tokens the model adds to every text",
          model.name(), settings.maxLength(), specials);
    }
    if (settings.windows() && settings.stride() >= room) {
      close();
      throw SparkScoreException.user(
          "model %s: stride %d must be below %d, the text tokens of one window (maxLength %d minus %d special tokens)",
          model.name(), settings.stride(), room, settings.maxLength(), specials);
    }
  }

  /** Tokens the model's template adds around one text ([CLS] … [SEP] is 2). */
  public int specialTokenCount() {
    return singleSpecials;
  }

  /** Settings in force, with {@code maxLength} resolved to the model's limit when it was 0. */
  public TokenizerSettings settings() {
    return settings;
  }

  public long padId() {
    return padId;
  }

  /**
   * Encodes every text in one native call; no element may be null. Each long text gives one
   * encoding whose {@link Encoding#getOverflowing()} holds its further windows when the settings
   * ask for windows; otherwise it is truncated, and {@link Encoding#exceedMaxLength()} says so.
   */
  public Encoding[] encode(String[] texts) {
    if (!settings.truncate() || settings.windows()) {
      return tokenizer.batchEncode(texts);
    }
    String[] input = prefixes(texts);
    Encoding[] encoded = tokenizer.batchEncode(input);
    for (int i = 0; i < texts.length; i++) {
      if (input[i] != texts[i] && !sameAsWhole(encoded[i], input[i], null)) {
        encoded[i] = tokenizer.batchEncode(new String[] {texts[i]})[0];
      }
    }
    return encoded;
  }

  public Encoding[] encode(List<String> texts) {
    return encode(texts.toArray(new String[0]));
  }

  /** Encodes text pairs ({@code first[i]}, {@code second[i]}) as the model's pair template. */
  public Encoding[] encodePairs(List<String> first, List<String> second) {
    if (settings.windows() && !settings.secondOnly()) {
      throw new IllegalStateException("only pairs truncated in their second text are cut into windows; " + settings);
    }
    if (first.size() != second.size()) {
      throw new IllegalArgumentException("pair lists differ in size: " + first.size() + " vs " + second.size());
    }
    if (!settings.truncate()) {
      return tokenizer.batchEncode(new PairList<>(first, second));
    }
    if (settings.secondOnly()) {
      // The second text is the one cut, so its whole length matters: no prefix shortcut.
      checkRoomBeside(first, "first", "second");
      return tokenizer.batchEncode(new PairList<>(first, second));
    }
    String[] texts = first.toArray(new String[0]);
    String[] input = prefixes(texts);
    if (settings.firstOnly()) {
      checkRoomBeside(second, "second", "first");
    }
    Encoding[] encoded = tokenizer.batchEncode(new PairList<>(Arrays.asList(input), second));
    for (int i = 0; i < texts.length; i++) {
      if (input[i] != texts[i] && !sameAsWhole(encoded[i], input[i], second.get(i))) {
        encoded[i] = tokenizer.batchEncode(new PairList<>(List.of(texts[i]), List.of(second.get(i))))[0];
      }
    }
    return encoded;
  }

  /**
   * Refuses a kept text that leaves the truncated one no room (with windows, none beyond the stride).
   * The Rust tokenizer would fail such a pair with SequenceTooShort, or assert on the stride, which
   * DJL turns into a panic that aborts the JVM.
   */
  private void checkRoomBeside(List<String> kept, String keptName, String truncatedName) {
    int stride = settings.windows() ? settings.stride() : 0;
    int room = settings.maxLength() - pairSpecials - stride;
    String[] distinct = new LinkedHashSet<>(kept).toArray(new String[0]);
    Encoding[] encoded = tokenizer.batchEncode(distinct);
    for (int i = 0; i < distinct.length; i++) {
      int tokens = encoded[i].getIds().length - singleSpecials;
      if (tokens >= room) {
        throw SparkScoreException.user(
            "the %s text of a pair, \"%s\", has %s tokens: with maxLength %d and %d special tokens%s that leaves "
                + "no room for the %s text, which alone may be truncated (Hugging Face's only_%s; its pipeline "
                + "refuses such pairs too); shorten it",
            keptName, distinct[i], encoded[i].exceedMaxLength() ? "more than " + tokens : tokens, settings.maxLength(),
            pairSpecials, stride > 0 ? " and a stride of " + stride : "", truncatedName, truncatedName);
      }
    }
  }

  /** Tokens the model's template adds around a pair ([CLS] a [SEP] b [SEP] is 3). */
  public int pairSpecialTokenCount() {
    return pairSpecials;
  }

  /**
   * The texts, those longer than {@value #PREFIX_CHARS_PER_TOKEN} characters per token of maxLength
   * cut at a word boundary (the same object where nothing was cut).
   */
  private String[] prefixes(String[] texts) {
    int limit = settings.maxLength() * PREFIX_CHARS_PER_TOKEN;
    String[] input = texts.clone();
    for (int i = 0; i < texts.length; i++) {
      int cut = texts[i].length() > limit ? wordBoundaryBefore(texts[i], limit) : 0;
      if (cut > 0) {
        input[i] = texts[i].substring(0, cut);
      }
    }
    return input;
  }

  /** The last whitespace position in the second half of {@code text[0, limit]}, else 0 (no cut). */
  static int wordBoundaryBefore(String text, int limit) {
    for (int i = limit; i > limit / 2; i--) {
      if (Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    return 0;
  }

  /**
   * True when the encoding of a prefix (paired with {@code pair}, if not null) is the whole text's:
   * the prefix overflowed, its kept tokens end in the first half of it, far from the cut, and the
   * pair's text was kept whole, so truncation took from the first text alone. Pre-tokenizers split at
   * whitespace, so the words before the cut become the same tokens either way. Offsets count code
   * points within their own text.
   */
  private static boolean sameAsWhole(Encoding encoding, String prefix, String pair) {
    if (!encoding.exceedMaxLength()) {
      return false;
    }
    long[] sequence = encoding.getSequenceIds();
    CharSpan[] spans = encoding.getCharTokenSpans();
    int end = 0;
    int pairEnd = 0;
    for (int i = 0; i < spans.length; i++) {
      if (spans[i] != null && sequence[i] == 0) {
        end = Math.max(end, spans[i].getEnd());
      } else if (spans[i] != null && sequence[i] == 1) {
        pairEnd = Math.max(pairEnd, spans[i].getEnd());
      }
    }
    boolean pairWhole = pair == null || pairEnd == pair.stripTrailing().codePointCount(0, pair.stripTrailing().length());
    return pairWhole && end < prefix.codePointCount(0, prefix.length()) / 2;
  }

  /** Ids back to text, as {@code tokenizer.decode(ids, skip_special_tokens=...)} does in transformers. */
  public String decode(long[] ids, boolean skipSpecialTokens) {
    String text = tokenizer.decode(ids, skipSpecialTokens);
    return cleanUpSpaces ? cleanUpTokenization(text) : text;
  }

  /**
   * Tokens joined by tokenizer.json's decoder alone, special tokens kept: transformers' {@code
   * convert_tokens_to_string}, which leaves out decode's clean-up of spaces.
   */
  public String joinTokens(long[] ids) {
    return tokenizer.decode(ids, false);
  }

  /**
   * transformers' {@code clean_up_tokenization}, applied by Python's decode on top of the Rust
   * decoder's output; the Rust WordPiece cleanup alone leaves {@code it ' s}.
   */
  public static String cleanUpTokenization(String text) {
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
