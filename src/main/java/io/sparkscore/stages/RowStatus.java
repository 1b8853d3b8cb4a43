package io.sparkscore.stages;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.onnxruntime.OrtException;
import java.util.List;

/**
 * What happened to a row, for a stage's {@code statusCol}: {@value #OK}, {@value #NULL_TEXT},
 * {@value #EMPTY_TEXT} (only whitespace, or nothing the tokenizer keeps, such as control characters),
 * {@value #TRUNCATED}, {@value #CHUNKED}, {@value #NO_MASK} (fill-mask text without a mask token
 * in its window), or {@value #ERROR_PREFIX}{@code <message>} when the model could not score the row
 * (its outputs are then null).
 */
public final class RowStatus {
  public static final String OK = "ok";
  public static final String NULL_TEXT = "null_text";
  public static final String EMPTY_TEXT = "empty_text";
  public static final String TRUNCATED = "truncated";
  public static final String CHUNKED = "chunked";
  public static final String NO_MASK = "no_mask";
  public static final String ERROR_PREFIX = "error: ";
  /** Every status but errors, whose text follows the prefix. */
  public static final List<String> KINDS = List.of(OK, NULL_TEXT, EMPTY_TEXT, TRUNCATED, CHUNKED, NO_MASK);

  private RowStatus() {}

  /**
   * The status of a row from its inputs, each the sequences (windows) of one text; {@code blank} when
   * one of its texts is only whitespace, which byte-level tokenizers still turn into tokens.
   */
  static String of(List<List<RowScorer.Scored>> inputs, boolean blank) {
    if (inputs.isEmpty()) {
      return blank ? EMPTY_TEXT : NULL_TEXT;
    }
    boolean empty = blank;
    boolean truncated = false;
    boolean chunked = false;
    for (List<RowScorer.Scored> input : inputs) {
      Encoding first = input.get(0).encoding();
      empty |= !hasText(first);
      chunked |= input.size() > 1;
      truncated |= first.exceedMaxLength();
    }
    return empty ? EMPTY_TEXT : chunked ? CHUNKED : truncated ? TRUNCATED : OK;
  }

  /** True when a token of the first text (not a special token, not the second text of a pair) survived. */
  static boolean hasText(Encoding encoding) {
    long[] sequence = encoding.getSequenceIds();
    long[] special = encoding.getSpecialTokenMask();
    for (int i = 0; i < special.length; i++) {
      if (special[i] == 0 && sequence[i] == 0) {
        return true;
      }
    }
    return false;
  }

  /** True when every character is whitespace or a space separator (no-break spaces included). */
  static boolean blank(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
        return false;
      }
    }
    return true;
  }

  static String error(Throwable failure) {
    return ERROR_PREFIX + failure.getMessage();
  }

  /** The status kind: the status itself, or "error" for any error. */
  public static String kind(String status) {
    return status.startsWith(ERROR_PREFIX) ? "error" : status;
  }

  /**
   * True when ONNX Runtime refused the input itself (such as a token id beyond the embedding
   * table): rerunning the same row fails again, other rows do not.
   * Anything else (memory, device) is the task's problem and fails it, so Spark retries it.
   */
  static boolean rowLevel(RuntimeException failure) {
    return failure.getCause() instanceof OrtException ort && ort.getCode() == OrtException.OrtErrorCode.ORT_INVALID_ARGUMENT;
  }
}
