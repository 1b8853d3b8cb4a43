package io.sparkscore.stages;

import ai.djl.huggingface.tokenizers.Encoding;
import io.sparkscore.runtime.FloatTensor;
import io.sparkscore.runtime.LoadedModel;
import io.sparkscore.runtime.OnnxModel;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;

/**
 * What one stage does with each row, for {@link ScoringPartition}: which texts to encode, which
 * graph outputs to fetch, how to reduce a sequence's outputs, and how to turn a row's reduced
 * sequences into output values.
 */
interface RowScorer extends Serializable {

  /** Collects the sequences a row needs. */
  interface Inputs {
    void text(String text);

    /** A text pair; an empty second text is no pair at all, as transformers' tokenizers take it. */
    void pair(String text, String pair);

    /**
     * Refuses the row without running it: with a status column its outputs are null and its status
     * the error {@code reason}; without one the task fails with it.
     */
    void refuse(String reason);

    /** Marks a row whose text is there but blank, which the stage does not run: its status is empty_text. */
    void empty();
  }

  /** One encoded sequence and what the model made of it (null when no model runs). */
  record Scored(Encoding encoding, float[] value) {}

  /**
   * The scorer of one partition. A scorer that keeps state from row to row (a cache) returns a fresh
   * copy. Within a partition, {@link #combine} sees the rows in the order {@link #addInputs} saw them,
   * after every row of their window was added.
   */
  default RowScorer forPartition() {
    return this;
  }

  /** Adds this row's sequences; a row that adds none (null text) gets {@link #combine} with an empty list. */
  void addInputs(Row row, Inputs inputs);

  /** False for stages that only tokenize: no session is opened for them. */
  default boolean runsModel() {
    return true;
  }

  /** Graph outputs to fetch. */
  Set<String> outputNames(OnnxModel session);

  /** The value of sequence {@code index} of a batch. */
  float[] reduce(Map<String, FloatTensor> outputs, int index, Encoding encoding, OnnxModel session);

  /**
   * Output values for a row from its sequences, one list per added input (several entries when a
   * long text was split into windows).
   */
  Object[] combine(Row row, List<List<Scored>> inputs, LoadedModel model);

  /**
   * The status of a row whose outputs are null for a reason of this stage's own (such as a text
   * without a mask token), or null to let its tokens decide ({@link RowStatus#of}).
   */
  default String status(Row row, List<List<Scored>> inputs) {
    return null;
  }

  /**
   * Output values for a row the model refused (a stage with a status column records the error):
   * its sequences as in {@link #combine}, those the model refused with a null value. Nulls by
   * default, as {@link #combine} gives for a row without inputs.
   */
  default Object[] refused(Row row, List<List<Scored>> inputs, LoadedModel model) {
    return combine(row, List.of(), model);
  }
}
