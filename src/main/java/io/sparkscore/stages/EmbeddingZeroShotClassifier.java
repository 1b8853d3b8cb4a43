package io.sparkscore.stages;

import ai.djl.huggingface.tokenizers.Encoding;
import io.sparkscore.SparkScoreException;
import io.sparkscore.runtime.Device;
import io.sparkscore.runtime.FloatTensor;
import io.sparkscore.runtime.LoadedModel;
import io.sparkscore.runtime.OnnxModel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Row;

/**
 * Zero-shot classification by embedding similarity, the fast path: the cosine similarity between
 * the text's sentence embedding and each label's (the label put into the hypothesis template),
 * pooled as {@link TextEmbedder} pools with pooling {@code auto}. Scores are the softmax of
 * similarity / {@code temperature} across the row's labels; with {@code multiLabel}, each label's
 * cosine similarity itself (in [-1, 1]). Runs on any encoder, the embedded default MiniLM included.
 *
 * <p>Cost grows with texts + labels: each distinct label is embedded once per partition and reused
 * for every row.
 *
 * <p>Null text or a null labels cell gives nulls; an empty labels array gives empty arrays and a
 * null label. Empty text is embedded as its special tokens alone, as {@link TextEmbedder} does.
 */
public final class EmbeddingZeroShotClassifier extends ZeroShotStage<EmbeddingZeroShotClassifier> {
  private static final DefaultParamsReadable<EmbeddingZeroShotClassifier> READER = new DefaultParamsReadable<>() {};

  private final DoubleParam temperature;

  public EmbeddingZeroShotClassifier() {
    this(Identifiable.randomUID("embeddingZeroShotClassifier"));
  }

  public EmbeddingZeroShotClassifier(String uid) {
    super(uid);
    temperature = new DoubleParam(this, "temperature",
        "divides the cosine similarities before the softmax across labels (> 0); lower is more decisive. "
            + "0.05 is the scale sentence-transformers trains its similarity losses with",
        ParamValidators.gt(0));
    setDefault(temperature, 0.05);
  }

  public DoubleParam temperature() {
    return temperature;
  }

  public double getTemperature() {
    return (Double) getOrDefault(temperature);
  }

  public EmbeddingZeroShotClassifier setTemperature(double value) {
    return with(temperature, value);
  }

  @Override
  RowScorer scorer(LoadedModel model, int textIndex, CandidateLabels candidates) {
    OnnxModel session = model.session(sessionSettings(), Device.CPU);
    SentencePooling pooling = SentencePooling.resolve(this, model.directory(), session, "auto", true);
    return new SimilarityScorer(textIndex, candidates, pooling, getTemperature(), getMultiLabel());
  }

  @Override
  public EmbeddingZeroShotClassifier copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<EmbeddingZeroShotClassifier> read() {
    return READER.read();
  }

  public static EmbeddingZeroShotClassifier load(String path) {
    return read().load(path);
  }

  /**
   * Embeds each row's text, and each label the partition has not embedded yet along with the first
   * row that needs it; rows are combined in order, so later rows find that label's vector cached.
   */
  private static final class SimilarityScorer implements RowScorer {
    private static final long serialVersionUID = 1L;
    /** Past this many cached labels the cache restarts, so a labels column of endless variety cannot exhaust memory. */
    private static final int MAX_CACHED_LABELS = 100_000;

    private final int textIndex;
    private final CandidateLabels candidates;
    private final SentencePooling pooling;
    private final double temperature;
    private final boolean multiLabel;
    // Transient: the scorer shipped to executors is a template; forPartition() builds the one with state.
    private final transient Map<String, float[]> vectors = new HashMap<>();
    /** Labels being embedded in the current window. */
    private final transient Set<String> pending = new HashSet<>();
    /** Per row added and not yet combined: the labels it carries. */
    private final transient Queue<List<String>> carried = new ArrayDeque<>();

    SimilarityScorer(
        int textIndex, CandidateLabels candidates, SentencePooling pooling, double temperature, boolean multiLabel) {
      this.textIndex = textIndex;
      this.candidates = candidates;
      this.pooling = pooling;
      this.temperature = temperature;
      this.multiLabel = multiLabel;
    }

    @Override
    public RowScorer forPartition() {
      return new SimilarityScorer(textIndex, candidates, pooling, temperature, multiLabel);
    }

    @Override
    public void addInputs(Row row, Inputs inputs) {
      if (carried.isEmpty() && vectors.size() > MAX_CACHED_LABELS) {
        vectors.clear();
      }
      List<String> carry = new ArrayList<>();
      List<String> labels = row.isNullAt(textIndex) ? null : candidates.of(row);
      if (labels != null && !labels.isEmpty()) {
        inputs.text(row.getString(textIndex));
        for (String label : labels) {
          if (!vectors.containsKey(label) && pending.add(label)) {
            inputs.text(candidates.hypothesis(label));
            carry.add(label);
          }
        }
      }
      carried.add(carry);
    }

    @Override
    public Set<String> outputNames(OnnxModel session) {
      return Set.of(pooling.outputName(session));
    }

    @Override
    public float[] reduce(Map<String, FloatTensor> outputs, int index, Encoding encoding, OnnxModel session) {
      return pooling.pool(outputs, index, encoding.getIds().length, session);
    }

    @Override
    public Object[] combine(Row row, List<List<Scored>> inputs, LoadedModel model) {
      keepLabelVectors(inputs);
      List<String> labels = row.isNullAt(textIndex) ? null : candidates.of(row);
      if (labels == null || labels.isEmpty()) {
        return ranked(labels, new double[0]);
      }
      float[] text = inputs.get(0).get(0).value();
      double[] scores = new double[labels.size()];
      for (int i = 0; i < scores.length; i++) {
        float[] label = vectors.get(labels.get(i));
        if (label == null) {
          throw SparkScoreException.user(
              "%s: the model refused the hypothesis of label '%s' (see the error status of an earlier row)",
              candidates.stage(), labels.get(i));
        }
        double cosine = 0;
        for (int h = 0; h < text.length; h++) {
          cosine += (double) text[h] * label[h];
        }
        scores[i] = multiLabel ? cosine : cosine / temperature;
      }
      return ranked(labels, multiLabel ? scores : ClassScores.softmax(scores));
    }

    /** Caches the vectors of the labels this row carried; one the model refused is embedded no more. */
    private void keepLabelVectors(List<List<Scored>> inputs) {
      List<String> carry = carried.remove();
      for (int i = 0; i < carry.size(); i++) {
        float[] vector = inputs.get(i + 1).get(0).value();
        if (vector != null) {
          vectors.put(carry.get(i), vector);
        }
        pending.remove(carry.get(i));
      }
    }

    @Override
    public Object[] refused(Row row, List<List<Scored>> inputs, LoadedModel model) {
      keepLabelVectors(inputs);
      return ranked(null, null);
    }
  }
}
