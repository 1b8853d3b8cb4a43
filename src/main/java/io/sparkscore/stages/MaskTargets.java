package io.sparkscore.stages;

import ai.djl.huggingface.tokenizers.Encoding;
import io.sparkscore.SparkScoreException;
import io.sparkscore.model.ModelDirectory;
import io.sparkscore.runtime.LoadedModel;
import io.sparkscore.text.TokenizerSettings;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mask token's id and the token ids fill-mask may put in its place, resolved on the driver as
 * the fill-mask pipeline's {@code get_target_ids} does: a target is looked up in the vocabulary,
 * else the first token of its encoding (without special tokens) stands for it; duplicates count once.
 * {@code ids} is null when every token of a {@code vocabulary}-wide head may fill the mask.
 */
record MaskTargets(long maskId, int[] ids, int vocabulary) {
  private static final Logger LOG = LoggerFactory.getLogger(MaskTargets.class);
  private static final TokenizerSettings PLAIN = new TokenizerSettings(0, false, false, false, 0);

  static MaskTargets resolve(String stage, ModelDirectory dir, LoadedModel model, String[] targets, int vocabulary) {
    Map<String, Integer> tokens = dir.vocabulary();
    String mask = dir.maskToken().orElseThrow(() -> SparkScoreException.user(
        "%s: model %s has no mask token: neither special_tokens_map.json nor tokenizer_config.json names a "
            + "mask_token", stage, dir.name()));
    Integer maskId = tokens.get(mask);
    if (maskId == null) {
      throw SparkScoreException.user(
          "%s: model %s names the mask token '%s', which its tokenizer.json does not have", stage, dir.name(), mask);
    }
    if (targets.length == 0) {
      return new MaskTargets(maskId, null, vocabulary);
    }
    Set<Integer> ids = new LinkedHashSet<>();
    for (String target : targets) {
      Integer id = tokens.get(target);
      if (id == null) {
        Encoding encoded = model.tokenizer(PLAIN).encode(new String[] {target})[0];
        if (encoded.getIds().length == 0) {
          LOG.warn("{}: target '{}' is not in the vocabulary of model {} and encodes to no token; it is left out",
              stage, target, dir.name());
          continue;
        }
        id = Math.toIntExact(encoded.getIds()[0]);
        LOG.warn("{}: target '{}' is not in the vocabulary of model {}; its first token '{}' stands for it",
            stage, target, dir.name(), encoded.getTokens()[0]);
      }
      if (vocabulary > 0 && id >= vocabulary) {
        throw SparkScoreException.user("%s: target '%s' is token %d, beyond the %d logits of model %s's head",
            stage, target, id, vocabulary, dir.name());
      }
      ids.add(id);
    }
    if (ids.isEmpty()) {
      throw SparkScoreException.user(
          "%s: none of the targets %s is a token of model %s", stage, java.util.Arrays.toString(targets), dir.name());
    }
    return new MaskTargets(maskId, ids.stream().mapToInt(Integer::intValue).toArray(), vocabulary);
  }

  /** Fillers per mask: {@code topK}, at most the candidates there are. */
  int limit(int topK) {
    int candidates = ids != null ? ids.length : vocabulary;
    return candidates > 0 ? Math.min(topK, candidates) : topK;
  }
}
