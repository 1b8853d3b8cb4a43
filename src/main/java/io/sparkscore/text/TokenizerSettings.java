package io.sparkscore.text;

import java.io.Serializable;

/**
 * How text becomes token ids. {@code maxLength} 0 means the model's own limit. With {@code windows}
 * the tokens past the limit are kept as further sequences of at most {@code maxLength} tokens (each
 * with the model's special tokens), consecutive windows sharing {@code stride} tokens: Hugging Face's
 * {@code return_overflowing_tokens=True, stride=…}. A text pair too long for the limit loses tokens
 * from its longer text first (the tokenizer's {@code longest_first}), or with {@code firstOnly} from
 * its first text alone ({@code only_first}, what the zero-shot pipeline asks for), or with {@code
 * secondOnly} from its second alone ({@code only_second}: question answering keeps the question whole
 * and cuts the context into windows).
 */
public record TokenizerSettings(
    int maxLength, boolean truncate, boolean addSpecialTokens, boolean windows, int stride, boolean firstOnly,
    boolean secondOnly) implements Serializable {

  public static final TokenizerSettings MODEL_DEFAULTS = new TokenizerSettings(0, true, true, false, 0);

  public TokenizerSettings(int maxLength, boolean truncate, boolean addSpecialTokens, boolean windows, int stride) {
    this(maxLength, truncate, addSpecialTokens, windows, stride, false, false);
  }

  public TokenizerSettings {
    if (maxLength < 0) {
      throw new IllegalArgumentException("maxLength must be >= 0 (0 = the model's limit), got " + maxLength);
    }
    if (stride < 0) {
      throw new IllegalArgumentException("stride must be >= 0, got " + stride);
    }
    if (stride > 0 && !windows) {
      throw new IllegalArgumentException("stride " + stride + " only applies when long texts are cut into windows");
    }
    if (windows && !truncate) {
      throw new IllegalArgumentException("windows need truncation: without it a text is one sequence");
    }
    if (firstOnly && secondOnly) {
      throw new IllegalArgumentException("a pair is truncated in its first or its second text, not only in both");
    }
  }

  public TokenizerSettings withMaxLength(int value) {
    return new TokenizerSettings(value, truncate, addSpecialTokens, windows, stride, firstOnly, secondOnly);
  }

  /** Pairs are truncated in their first text only. */
  public TokenizerSettings withFirstOnly() {
    return new TokenizerSettings(maxLength, truncate, addSpecialTokens, windows, stride, true, false);
  }

  /** Pairs are truncated in their second text only; with windows, each window repeats the first text whole. */
  public TokenizerSettings withSecondOnly() {
    return new TokenizerSettings(maxLength, truncate, addSpecialTokens, windows, stride, false, true);
  }

  /** Long texts become windows of {@code maxLength} tokens overlapping by {@code overlap} tokens. */
  public TokenizerSettings withWindows(int overlap) {
    return new TokenizerSettings(maxLength, truncate, addSpecialTokens, true, overlap, firstOnly, secondOnly);
  }
}
