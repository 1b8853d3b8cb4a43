package io.sparkscore.runtime;

import ai.djl.huggingface.tokenizers.Encoding;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.List;

/**
 * The input tensors of one batch, padded to its longest sequence. The direct buffers are reused
 * from batch to batch (ONNX Runtime reads them in place), so a partition allocates them once.
 * Not thread-safe: one per running partition.
 */
public final class TokenBatch {
  private LongBuffer ids = allocate(0);
  private LongBuffer mask = allocate(0);
  private LongBuffer types = allocate(0);
  private int rows;
  private int length;
  private long realTokens;

  /** Pads {@code sequences} to their longest with {@code padId} (attention mask 0 there). */
  public TokenBatch fill(List<Encoding> sequences, long padId) {
    rows = sequences.size();
    length = 0;
    for (Encoding e : sequences) {
      length = Math.max(length, e.getIds().length);
    }
    // A batch of empty sequences (a tokenizer without special tokens on "") still needs one column.
    length = Math.max(length, 1);
    int size = rows * length;
    if (ids.capacity() < size) {
      int capacity = Math.max(size, ids.capacity() * 2);
      ids = allocate(capacity);
      mask = allocate(capacity);
      types = allocate(capacity);
    }
    ids.clear();
    mask.clear();
    types.clear();
    realTokens = 0;
    for (Encoding e : sequences) {
      long[] seqIds = e.getIds();
      long[] seqMask = e.getAttentionMask();
      long[] seqTypes = e.getTypeIds();
      ids.put(seqIds);
      mask.put(seqMask);
      types.put(seqTypes);
      for (int i = seqIds.length; i < length; i++) {
        ids.put(padId);
        mask.put(0L);
        types.put(0L);
      }
      realTokens += seqIds.length;
    }
    ids.flip();
    mask.flip();
    types.flip();
    return this;
  }

  private static LongBuffer allocate(int longs) {
    return ByteBuffer.allocateDirect(longs * Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
  }

  public LongBuffer ids() {
    return ids;
  }

  public LongBuffer attentionMask() {
    return mask;
  }

  public LongBuffer typeIds() {
    return types;
  }

  public int rows() {
    return rows;
  }

  public int length() {
    return length;
  }

  public long[] shape() {
    return new long[] {rows, length};
  }

  /** Tokens that are not padding. */
  public long realTokens() {
    return realTokens;
  }

  /** Tokens the model computes, padding included. */
  public long paddedTokens() {
    return (long) rows * length;
  }
}
