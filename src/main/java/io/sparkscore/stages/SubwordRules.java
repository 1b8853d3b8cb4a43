package io.sparkscore.stages;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkscore.model.ModelDirectory;
import io.sparkscore.text.HfTokenizer;
import java.io.Serializable;
import java.util.List;

/**
 * What a tokenizer.json tells Hugging Face's token-classification pipeline about words: whether its
 * model marks word continuations ({@code continuing_subword_prefix}, as WordPiece's {@code ##}), its
 * unknown token, and how its decoder joins tokens back into text ({@code convert_tokens_to_string}).
 *
 * @param wordAware the model has a non-empty continuation prefix: a token is a sub-word when its string
 *     and its text differ in length; otherwise the pipeline's fallback guess (no space before it)
 * @param unknownId the unknown token's id, -1 when there is none
 * @param wordPiecePrefix the WordPiece decoder's prefix, null for any other decoder
 * @param wordPieceCleanup whether that decoder tidies spaces before punctuation, token by token
 */
record SubwordRules(boolean wordAware, long unknownId, String wordPiecePrefix, boolean wordPieceCleanup)
    implements Serializable {

  static SubwordRules of(ModelDirectory dir) {
    JsonNode model = dir.tokenizerSection("model");
    JsonNode decoder = dir.tokenizerSection("decoder");
    boolean wordAware = !model.path("continuing_subword_prefix").asText("").isEmpty();
    long unknown = -1;
    if (model.path("unk_id").isNumber()) {
      unknown = model.path("unk_id").asLong();
    } else if (model.path("unk_token").isTextual()) {
      unknown = model.path("vocab").path(model.path("unk_token").asText()).asLong(-1);
    }
    boolean wordPiece = decoder.path("type").asText("").equals("WordPiece");
    return new SubwordRules(wordAware, unknown,
        wordPiece ? decoder.path("prefix").asText("##") : null, wordPiece && decoder.path("cleanup").asBoolean(true));
  }

  /** The pipeline's is_subword for a token whose string is {@code token} and text {@code ref} at {@code start}. */
  boolean isSubword(String token, String ref, CodePointText text, int start) {
    if (wordAware) {
      return CodePointText.length(token) != CodePointText.length(ref);
    }
    return start > 0 && !text.slice(start - 1, start + 1).contains(" ");
  }

  /**
   * {@code convert_tokens_to_string(words)}. A WordPiece decoder works token by token, so words that are
   * an unknown token's text join as the pipeline joins them; other decoders decode the ids.
   */
  String join(List<String> words, long[] ids, HfTokenizer tokenizer) {
    if (wordPiecePrefix == null) {
      return tokenizer.joinTokens(ids);
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < words.size(); i++) {
      String token = words.get(i);
      if (i > 0) {
        token = token.startsWith(wordPiecePrefix) ? token.substring(wordPiecePrefix.length()) : " " + token;
      }
      out.append(wordPieceCleanup ? cleanup(token) : token);
    }
    return out.toString();
  }

  /** The Rust WordPiece decoder's cleanup: Python's, plus {@code do not}, applied to each token with its leading space. */
  private static String cleanup(String token) {
    return HfTokenizer.cleanUpTokenization(token).replace(" do not", " don't");
  }
}
