package io.sparkscore.stages;

import ai.djl.huggingface.tokenizers.Encoding;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * What the model sees of a sequence: its ids, type ids and attention mask. Two texts the tokenizer
 * normalises alike (case, accents, spacing) have equal keys, so the model needs to run only one.
 */
final class SequenceKey {
  private final long[] ids;
  private final long[] types;
  private final long[] mask;
  private final int hash;

  private SequenceKey(Encoding encoding) {
    ids = encoding.getIds();
    types = encoding.getTypeIds();
    mask = encoding.getAttentionMask();
    hash = 31 * (31 * Arrays.hashCode(ids) + Arrays.hashCode(types)) + Arrays.hashCode(mask);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SequenceKey k && hash == k.hash && Arrays.equals(ids, k.ids)
        && Arrays.equals(types, k.types) && Arrays.equals(mask, k.mask);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** For each sequence, the index of the first sequence with the same key (itself when it is the first). */
  static int[] firstOccurrences(List<Encoding> sequences) {
    int[] source = new int[sequences.size()];
    Map<SequenceKey, Integer> first = new HashMap<>();
    for (int s = 0; s < source.length; s++) {
      Integer seen = first.putIfAbsent(new SequenceKey(sequences.get(s)), s);
      source[s] = seen == null ? s : seen;
    }
    return source;
  }

  /** Every sequence its own source. */
  static int[] identity(int size) {
    int[] source = new int[size];
    Arrays.setAll(source, s -> s);
    return source;
  }

  /** The sequences that are their own source, ascending. */
  static int[] sources(int[] source) {
    return IntStream.range(0, source.length).filter(s -> source[s] == s).toArray();
  }
}
