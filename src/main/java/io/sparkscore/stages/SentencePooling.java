package io.sparkscore.stages;

import io.sparkscore.SparkScoreException;
import io.sparkscore.model.ModelDirectory;
import io.sparkscore.runtime.FloatTensor;
import io.sparkscore.runtime.OnnxModel;
import io.sparkscore.runtime.Pooling;
import java.io.Serializable;
import java.util.Map;
import org.apache.spark.ml.util.Identifiable;

/**
 * How a stage turns a sequence's graph outputs into one sentence vector, resolved on the driver
 * against the model directory and graph, so every stage that embeds text pools it alike.
 *
 * @param mode mean, cls, max, pooler or none (one vector per token, never normalised)
 * @param normalize L2-normalise the pooled vector
 */
record SentencePooling(String mode, boolean normalize) implements Serializable {
  /** What a pooling param may say; {@code auto} is the model's own. */
  static final String[] CHOICES = {"auto", "mean", "cls", "max", "pooler", "none"};

  /**
   * {@code requested} {@code auto} takes the model's sentence-transformers pooling, else mean;
   * {@code normalize} null takes the model's Normalize module. Refuses {@code pooler} on a graph
   * without a pooler output.
   */
  static SentencePooling resolve(
      Identifiable stage, ModelDirectory dir, OnnxModel session, String requested, Boolean normalize) {
    SentencePooling pooling = of(dir, requested, normalize);
    if (pooling.pooler() && session.poolerOutput().isEmpty()) {
      throw SparkScoreException.user(
          "%s: pooling 'pooler' needs a pooler_output in the graph of %s; its outputs are %s",
          stage.uid(), dir.name(), session.outputShapes().keySet());
    }
    return pooling;
  }

  /** The pooling {@code requested} means for {@code dir}'s model, before any check against its graph. */
  static SentencePooling of(ModelDirectory dir, String requested, Boolean normalize) {
    String mode = requested.equals("auto") ? dir.declaredPooling().orElse("mean") : requested;
    boolean norm = normalize != null ? normalize : !mode.equals("none") && dir.declaresNormalize();
    return new SentencePooling(mode, norm);
  }

  boolean pooler() {
    return mode.equals("pooler");
  }

  boolean perToken() {
    return mode.equals("none");
  }

  /** The graph output this pooling reads. */
  String outputName(OnnxModel session) {
    return pooler() ? session.poolerOutput().orElseThrow() : session.tokenOutput();
  }

  /** Sequence {@code index}'s vector from the batch outputs; {@code tokens} is its unpadded length. */
  float[] pool(Map<String, FloatTensor> outputs, int index, int tokens, OnnxModel session) {
    return pool(outputs.get(outputName(session)), index, tokens);
  }

  /** Pools one tensor: [batch, seq, hidden], or [batch, hidden] for pooler. */
  float[] pool(FloatTensor tensor, int index, int tokens) {
    float[] v =
        switch (mode) {
          case "cls" -> Pooling.cls(tensor, index);
          case "max" -> Pooling.max(tensor, index, tokens);
          case "pooler" -> Pooling.row(tensor, index);
          case "none" -> Pooling.tokens(tensor, index, tokens);
          default -> Pooling.mean(tensor, index, tokens);
        };
    return normalize && !perToken() ? Pooling.normalize(v) : v;
  }
}
