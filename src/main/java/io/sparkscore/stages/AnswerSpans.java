package io.sparkscore.stages;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Hugging Face's question-answering post-processing ({@code QuestionAnsweringPipeline.postprocess}
 * with {@code select_starts_ends}, {@code decode_spans} and {@code align_to_words}), over the
 * windows of one (question, context) pair, the context being each window's second sequence.
 */
final class AnswerSpans implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  /** What the pipeline gives a masked-out logit before its softmax. */
  private static final double MASKED = -10000.0;

  record Answer(String answer, double score, int start, int end) {}

  private final int topK;
  private final int maxAnswerLength;
  private final boolean handleImpossibleAnswer;

  AnswerSpans(int topK, int maxAnswerLength, boolean handleImpossibleAnswer) {
    this.topK = topK;
    this.maxAnswerLength = maxAnswerLength;
    this.handleImpossibleAnswer = handleImpossibleAnswer;
  }

  /**
   * The best answers, best first: each window's {@code topK * 2 + 10} best spans (as the pipeline
   * keeps before aligning to words), answers of the same text (ignoring case) adding their scores,
   * and with {@code handleImpossibleAnswer} the empty answer scored by the least [CLS] score of any window.
   * Each window's value holds its start logits followed by its end logits.
   */
  List<Answer> find(String context, List<RowScorer.Scored> windows) {
    CodePointText text = new CodePointText(context);
    List<Answer> answers = new ArrayList<>();
    double nullScore = 1_000_000;
    for (RowScorer.Scored scored : windows) {
      Encoding window = scored.encoding();
      int n = window.getIds().length;
      boolean[] allowed = allowed(window);
      double[] start = probabilities(scored.value(), 0, n, allowed);
      double[] end = probabilities(scored.value(), n, n, allowed);
      nullScore = Math.min(nullScore, start[0] * end[0]);
      start[0] = 0;
      end[0] = 0;
      for (int[] span : bestSpans(start, end, allowed)) {
        int[] chars = charSpan(window, span[0], span[1]);
        String answer = text.slice(chars[0], chars[1]);
        double score = start[span[0]] * end[span[1]];
        int same = indexOfText(answers, answer);
        if (same >= 0) {
          Answer a = answers.get(same);
          answers.set(same, new Answer(a.answer(), a.score() + score, a.start(), a.end()));
        } else {
          answers.add(new Answer(answer, score, chars[0], chars[1]));
        }
      }
    }
    if (handleImpossibleAnswer) {
      answers.add(new Answer("", nullScore, 0, 0));
    }
    answers.sort(Comparator.comparingDouble(Answer::score).reversed());
    return answers.subList(0, Math.min(topK, answers.size()));
  }

  /** p_mask inverted: context tokens and the [CLS] token may be in an answer (or mark none). */
  private static boolean[] allowed(Encoding window) {
    long[] ids = window.getIds();
    long[] sequence = window.getSequenceIds();
    long[] special = window.getSpecialTokenMask();
    long cls = special.length > 0 && special[0] != 0 ? ids[0] : Long.MIN_VALUE;
    boolean[] allowed = new boolean[ids.length];
    for (int i = 0; i < ids.length; i++) {
      allowed[i] = (sequence[i] == 1 && special[i] == 0) || ids[i] == cls;
    }
    return allowed;
  }

  private static double[] probabilities(float[] logits, int from, int n, boolean[] allowed) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = allowed[i] ? logits[from + i] : MASKED;
    }
    return ClassScores.softmax(values);
  }

  /**
   * {@code decode_spans}: (start, end) with start ≤ end < start + maxAnswerLength, both in the
   * context, best product first. Spans scoring 0 are left out: the pipeline keeps some only when a
   * window has fewer positive spans than it asks for, in an order numpy leaves unspecified.
   */
  private List<int[]> bestSpans(double[] start, double[] end, boolean[] allowed) {
    int wanted = topK * 2 + 10;
    List<int[]> spans = new ArrayList<>();
    for (int s = 0; s < start.length; s++) {
      for (int e = s; e < Math.min(start.length, s + maxAnswerLength); e++) {
        if (allowed[s] && allowed[e] && start[s] * end[e] > 0) {
          spans.add(new int[] {s, e});
        }
      }
    }
    spans.sort(Comparator.comparingDouble((int[] p) -> -start[p[0]] * end[p[1]]));
    return spans.subList(0, Math.min(wanted, spans.size()));
  }

  /**
   * The context characters of tokens {@code s..e}, widened to whole words ({@code token_to_word},
   * {@code word_to_chars}): from the first token of s's word to the last of e's, in this window.
   */
  private static int[] charSpan(Encoding window, int s, int e) {
    long[] words = window.getWordIds();
    long[] sequence = window.getSequenceIds();
    CharSpan[] spans = window.getCharTokenSpans();
    int first = s;
    while (first > 0 && sequence[first - 1] == 1 && words[first - 1] == words[s]) {
      first--;
    }
    int last = e;
    while (last + 1 < words.length && sequence[last + 1] == 1 && words[last + 1] == words[e]) {
      last++;
    }
    return new int[] {spans[first].getStart(), spans[last].getEnd()};
  }

  private static int indexOfText(List<Answer> answers, String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (int i = 0; i < answers.size(); i++) {
      if (answers.get(i).answer().toLowerCase(Locale.ROOT).equals(lower)) {
        return i;
      }
    }
    return -1;
  }
}
