package io.sparkscore.text;

import java.io.Serializable;

/**
 * How text becomes token ids. {@code maxLength} 0 means the model's own limit; {@code stride} above
 * 0 keeps the tokens past the limit as overlapping windows (for long documents).
 */
public record TokenizerSettings(int maxLength, boolean truncate, boolean addSpecialTokens, int stride)
    implements Serializable {

  public static final TokenizerSettings MODEL_DEFAULTS = new TokenizerSettings(0, true, true, 0);

  public TokenizerSettings {
    if (maxLength < 0) {
      throw new IllegalArgumentException("maxLength must be >= 0 (0 = the model's limit), got " + maxLength);
    }
    if (stride < 0) {
      throw new IllegalArgumentException("stride must be >= 0, got " + stride);
    }
  }

  public TokenizerSettings withMaxLength(int value) {
    return new TokenizerSettings(value, truncate, addSpecialTokens, stride);
  }

  public TokenizerSettings withStride(int value) {
    return new TokenizerSettings(maxLength, truncate, addSpecialTokens, value);
  }
}
