package io.sparkscore.stages;

import ai.djl.huggingface.tokenizers.Encoding;
import io.sparkscore.runtime.FloatTensor;
import io.sparkscore.runtime.OnnxModel;
import io.sparkscore.runtime.Pooling;
import java.util.Map;
import java.util.Set;

/** A scorer of sequence-classification heads: each sequence's value is its row of the logits output. */
interface LogitsScorer extends RowScorer {
  @Override
  default Set<String> outputNames(OnnxModel session) {
    return Set.of(session.logitsOutput());
  }

  @Override
  default float[] reduce(Map<String, FloatTensor> outputs, int index, Encoding encoding, OnnxModel session) {
    return Pooling.row(outputs.get(session.logitsOutput()), index);
  }
}
