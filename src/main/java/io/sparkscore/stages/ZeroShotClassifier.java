package io.sparkscore.stages;

import io.sparkscore.SparkScoreException;
import io.sparkscore.model.ModelConfig;
import io.sparkscore.model.ModelDirectory;
import io.sparkscore.runtime.Device;
import io.sparkscore.runtime.LoadedModel;
import io.sparkscore.text.TokenizerSettings;
import io.sparkscore.stages.params.ChoiceParam;
import java.util.List;
import java.util.OptionalInt;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Zero-shot classification with an NLI model, as Hugging Face's {@code
 * pipeline("zero-shot-classification")} computes it. Each (text, label) pair is encoded as premise
 * = text, hypothesis = the template with the label, and all pairs of a window of rows are batched
 * together. With one distribution across labels, the scores are the softmax of the entailment
 * logits over the row's labels; with {@code multiLabel} (or a single label, as the pipeline does)
 * each label scores softmax([contradiction, entailment])[entailment] on its own.
 *
 * <p>The entailment logit is the first {@code id2label} entry starting with {@code entail}
 * (case-insensitive). Which logit multi-label scores weigh it against is {@code contradictionLogit}:
 * {@code pipeline} (default) repeats the pipeline's positional rule, index 0, or the last index
 * when entailment is 0, which is the contradiction label in the usual MNLI and XNLI label orders;
 * {@code label} takes the entry starting with {@code contradict}.
 *
 * <p>Null text or a null labels cell gives nulls; an empty labels array gives empty arrays and a
 * null label. Empty text is scored as an empty premise (the pipeline refuses it).
 */
public final class ZeroShotClassifier extends ZeroShotStage<ZeroShotClassifier> {
  private static final DefaultParamsReadable<ZeroShotClassifier> READER = new DefaultParamsReadable<>() {};
  private static final Logger LOG = LoggerFactory.getLogger(ZeroShotClassifier.class);
  static final String ENTAILMENT = "entail";
  static final String CONTRADICTION = "contradict";
  static final String PIPELINE = "pipeline";
  static final String LABEL = "label";

  private final Param<String> contradictionLogit;

  public ZeroShotClassifier() {
    this(Identifiable.randomUID("zeroShotClassifier"));
  }

  public ZeroShotClassifier(String uid) {
    super(uid);
    contradictionLogit = new ChoiceParam(this, "contradictionLogit",
        "the logit multi-label scores weigh entailment against: pipeline (as Hugging Face's zero-shot pipeline: "
            + "index 0, or the last index when entailment is 0) or label (the id2label entry starting with "
            + "'contradict')",
        List.of(PIPELINE, LABEL));
    setDefault(contradictionLogit, PIPELINE);
  }

  public Param<String> contradictionLogit() {
    return contradictionLogit;
  }

  public String getContradictionLogit() {
    return getOrDefault(contradictionLogit);
  }

  public ZeroShotClassifier setContradictionLogit(String value) {
    return with(contradictionLogit, value);
  }

  /** True when the config has an entailment label, so the model can run NLI zero-shot. */
  public static boolean isNliModel(ModelConfig config) {
    return config.labelIndexStartingWith(ENTAILMENT).isPresent();
  }

  @Override
  RowScorer scorer(LoadedModel model, int textIndex, CandidateLabels candidates) {
    ModelDirectory dir = model.directory();
    model.session(sessionSettings(), Device.CPU).logitsOutput();
    List<String> labels = dir.config().labels();
    int entailment = dir.config().labelIndexStartingWith(ENTAILMENT).orElseThrow(
        () -> SparkScoreException.user(
            "%s: model %s is not an NLI model: no id2label entry starts with '%s' (case-insensitive); its labels "
                + "are %s. EmbeddingZeroShotClassifier (--method embedding) works with any encoder",
            uid(), dir.name(), ENTAILMENT, labels));
    OptionalInt labelled = dir.config().labelIndexStartingWith(CONTRADICTION);
    int positional = entailment == 0 ? labels.size() - 1 : 0;
    int contradiction;
    if (getContradictionLogit().equals(LABEL)) {
      contradiction = labelled.orElseThrow(
          () -> SparkScoreException.user(
              "%s: contradictionLogit is 'label' but no id2label entry of model %s starts with '%s' "
                  + "(case-insensitive); its labels are %s",
              uid(), dir.name(), CONTRADICTION, labels));
    } else {
      contradiction = positional;
      if (labelled.isPresent() && labelled.getAsInt() != positional) {
        LOG.warn(
            "{}: model {} has labels {}: multi-label scores (and rows with one candidate label) weigh '{}' against "
                + "logit {} ('{}'), as Hugging Face's pipeline does, not against '{}'; contradictionLogit=label "
                + "uses that one",
            uid(), dir.name(), labels, labels.get(entailment), positional, labels.get(positional),
            labels.get(labelled.getAsInt()));
      }
    }
    return new NliScorer(textIndex, candidates, entailment, contradiction, getMultiLabel());
  }

  /** As the pipeline does, a pair too long for the model loses tokens from the text; the hypothesis stays whole. */
  @Override
  protected TokenizerSettings tokenizerSettings() {
    return super.tokenizerSettings().withFirstOnly();
  }

  @Override
  public ZeroShotClassifier copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<ZeroShotClassifier> read() {
    return READER.read();
  }

  public static ZeroShotClassifier load(String path) {
    return read().load(path);
  }

  /** One (text, hypothesis) pair per candidate label; the pairs' logits become the row's scores. */
  private record NliScorer(
      int textIndex, CandidateLabels candidates, int entailment, int contradiction, boolean multiLabel)
      implements LogitsScorer {

    @Override
    public void addInputs(Row row, Inputs inputs) {
      if (row.isNullAt(textIndex)) {
        return;
      }
      List<String> labels = candidates.of(row);
      if (labels == null) {
        return;
      }
      String text = row.getString(textIndex);
      for (String label : labels) {
        inputs.pair(text, candidates.hypothesis(label));
      }
    }

    @Override
    public Object[] combine(Row row, List<List<Scored>> inputs, LoadedModel model) {
      List<String> labels = row.isNullAt(textIndex) ? null : candidates.of(row);
      if (labels == null) {
        return ranked(null, null);
      }
      double[] scores = new double[labels.size()];
      if (multiLabel || labels.size() == 1) {
        for (int i = 0; i < scores.length; i++) {
          float[] logits = inputs.get(i).get(0).value();
          scores[i] = 1.0 / (1.0 + Math.exp((double) logits[contradiction] - logits[entailment]));
        }
      } else {
        for (int i = 0; i < scores.length; i++) {
          scores[i] = inputs.get(i).get(0).value()[entailment];
        }
        ClassScores.softmax(scores);
      }
      return ranked(labels, scores);
    }

    @Override
    public Object[] refused(Row row, List<List<Scored>> inputs, LoadedModel model) {
      return ranked(null, null);
    }
  }
}
