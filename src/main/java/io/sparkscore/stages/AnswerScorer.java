package io.sparkscore.stages;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import io.sparkscore.runtime.FloatTensor;
import io.sparkscore.runtime.LoadedModel;
import io.sparkscore.runtime.ModelCache;
import io.sparkscore.runtime.ModelSpec;
import io.sparkscore.runtime.OnnxModel;
import io.sparkscore.text.HfTokenizer;
import io.sparkscore.text.TokenizerSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * {@link QuestionAnswerer}'s rows: one (question, context window) sequence per window; a sequence's
 * value is its start logits followed by its end logits.
 */
final class AnswerScorer implements RowScorer {
  private static final long serialVersionUID = 1L;
  static final String[] OUTPUTS = {"start_logits", "end_logits"};

  private final int questionIndex;
  private final int contextIndex;
  private final ModelSpec spec;
  private final TokenizerSettings settings;
  private final int maxQuestionLength;
  private final AnswerSpans spans;
  private final boolean asArray;
  /** Counts question tokens; set by {@link #forPartition()}. */
  private final transient HfTokenizer questions;

  AnswerScorer(int questionIndex, int contextIndex, ModelSpec spec, TokenizerSettings settings,
      int maxQuestionLength, AnswerSpans spans, boolean asArray) {
    this(questionIndex, contextIndex, spec, settings, maxQuestionLength, spans, asArray, null);
  }

  private AnswerScorer(int questionIndex, int contextIndex, ModelSpec spec, TokenizerSettings settings,
      int maxQuestionLength, AnswerSpans spans, boolean asArray, HfTokenizer questions) {
    this.questionIndex = questionIndex;
    this.contextIndex = contextIndex;
    this.spec = spec;
    this.settings = settings;
    this.maxQuestionLength = maxQuestionLength;
    this.spans = spans;
    this.asArray = asArray;
    this.questions = questions;
  }

  @Override
  public RowScorer forPartition() {
    HfTokenizer single = ModelCache.get(spec).tokenizer(new TokenizerSettings(settings.maxLength(), true, true, false, 0));
    return new AnswerScorer(questionIndex, contextIndex, spec, settings, maxQuestionLength, spans, asArray, single);
  }

  @Override
  public void addInputs(Row row, Inputs inputs) {
    if (row.isNullAt(questionIndex) || row.isNullAt(contextIndex)) {
      return;
    }
    String question = row.getString(questionIndex);
    String context = row.getString(contextIndex);
    if (RowStatus.blank(question) || RowStatus.blank(context)) {
      inputs.empty();
      return;
    }
    String kept = keptQuestion(question, inputs);
    if (kept != null) {
      inputs.pair(kept, context);
    }
  }

  /**
   * The question cut to its first maxQuestionLength tokens, or null (and the row refused) when it
   * leaves the context no room beside the stride.
   */
  private String keptQuestion(String question, Inputs inputs) {
    Encoding encoding = questions.encode(new String[] {question})[0];
    long[] special = encoding.getSpecialTokenMask();
    CharSpan[] offsets = encoding.getCharTokenSpans();
    int tokens = 0;
    String kept = question;
    for (int i = 0; i < special.length; i++) {
      if (special[i] == 0 && ++tokens == maxQuestionLength && encodingGoesOn(special, i)) {
        kept = question.substring(0, new CodePointText(question).utf16Index(offsets[i].getEnd()));
        break;
      }
    }
    HfTokenizer pairs = ModelCache.get(spec).tokenizer(settings);
    int room = settings.maxLength() - pairs.pairSpecialTokenCount() - settings.stride();
    if (tokens >= room) {
      inputs.refuse(String.format(
          "question \"%s\" has %s%d tokens: with maxLength %d, %d special tokens and docStride %d that leaves no "
              + "room for the context; shorten the question, or lower docStride or maxQuestionLength",
          question, encoding.exceedMaxLength() && kept == question ? "more than " : "", tokens, settings.maxLength(),
          pairs.pairSpecialTokenCount(), settings.stride()));
      return null;
    }
    return kept;
  }

  /** True when a text token follows position {@code i}. */
  private static boolean encodingGoesOn(long[] special, int i) {
    for (int j = i + 1; j < special.length; j++) {
      if (special[j] == 0) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Set<String> outputNames(OnnxModel session) {
    return Set.of(OUTPUTS);
  }

  @Override
  public float[] reduce(Map<String, FloatTensor> outputs, int index, Encoding encoding, OnnxModel session) {
    int n = encoding.getIds().length;
    float[] out = new float[2 * n];
    for (int k = 0; k < OUTPUTS.length; k++) {
      FloatTensor logits = outputs.get(OUTPUTS[k]);
      System.arraycopy(logits.data(), index * logits.dim(1), out, k * n, n);
    }
    return out;
  }

  @Override
  public Object[] combine(Row row, List<List<Scored>> inputs, LoadedModel model) {
    if (inputs.isEmpty()) {
      return new Object[] {null};
    }
    List<Row> answers = new ArrayList<>();
    for (AnswerSpans.Answer a : spans.find(row.getString(contextIndex), inputs.get(0))) {
      answers.add(RowFactory.create(a.answer(), a.score(), a.start(), a.end()));
    }
    if (asArray) {
      return new Object[] {answers.toArray(new Row[0])};
    }
    return new Object[] {answers.isEmpty() ? null : answers.get(0)};
  }
}
