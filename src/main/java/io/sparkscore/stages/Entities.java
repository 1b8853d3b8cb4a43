package io.sparkscore.stages;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import io.sparkscore.text.HfTokenizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Hugging Face's token-classification post-processing, rule for rule ({@code
 * TokenClassificationPipeline}: gather_pre_entities, aggregate, aggregate_words, group_entities,
 * aggregate_overlapping_entities), over the windows of one text.
 */
final class Entities {
  static final String NONE = "none";
  static final String SIMPLE = "simple";
  static final String FIRST = "first";
  static final String AVERAGE = "average";
  static final String MAX = "max";
  static final String[] STRATEGIES = {NONE, SIMPLE, FIRST, AVERAGE, MAX};

  /** One token: its string (or text, for the unknown token), label scores and code point span. */
  private record Token(String word, long id, double[] scores, int start, int end, int index, boolean subword) {}

  /** An entity as the pipeline reports it; {@code index} is the token's, -1 once tokens are grouped. */
  record Entity(String label, double score, int index, String word, int start, int end) {}

  private final List<String> labels;
  private final String strategy;
  private final Set<String> ignore;
  private final SubwordRules rules;
  private final HfTokenizer tokenizer;

  Entities(List<String> labels, String strategy, Set<String> ignore, SubwordRules rules, HfTokenizer tokenizer) {
    this.labels = labels;
    this.strategy = strategy;
    this.ignore = ignore;
    this.rules = rules;
    this.tokenizer = tokenizer;
  }

  /** The text's entities from its windows, each valued by its token logits (tokens × labels, row-major). */
  List<Entity> find(String text, List<RowScorer.Scored> windows) {
    CodePointText source = new CodePointText(text);
    List<Entity> all = new ArrayList<>();
    for (RowScorer.Scored window : windows) {
      for (Entity e : aggregate(tokens(source, window.encoding(), window.value()))) {
        if (!ignore.contains(e.label())) {
          all.add(e);
        }
      }
    }
    return windows.size() > 1 ? mergeOverlapping(all) : all;
  }

  private List<Token> tokens(CodePointText text, Encoding encoding, float[] logits) {
    long[] special = encoding.getSpecialTokenMask();
    long[] ids = encoding.getIds();
    String[] strings = encoding.getTokens();
    CharSpan[] spans = encoding.getCharTokenSpans();
    int width = labels.size();
    List<Token> tokens = new ArrayList<>(ids.length);
    for (int i = 0; i < ids.length; i++) {
      if (special[i] != 0) {
        continue;
      }
      double[] scores = new double[width];
      for (int k = 0; k < width; k++) {
        scores[k] = logits[i * width + k];
      }
      int start = spans[i] == null ? 0 : spans[i].getStart();
      int end = spans[i] == null ? 0 : spans[i].getEnd();
      String ref = text.slice(start, end);
      boolean unknown = ids[i] == rules.unknownId();
      String word = unknown ? ref : strings[i];
      boolean subword = !unknown && rules.isSubword(strings[i], ref, text, start);
      tokens.add(new Token(word, ids[i], ClassScores.softmax(scores), start, end, i, subword));
    }
    return tokens;
  }

  private List<Entity> aggregate(List<Token> tokens) {
    List<Entity> entities = new ArrayList<>(tokens.size());
    if (strategy.equals(NONE) || strategy.equals(SIMPLE)) {
      for (Token t : tokens) {
        int best = argmax(t.scores());
        entities.add(new Entity(labels.get(best), t.scores()[best], t.index(), t.word(), t.start(), t.end()));
      }
      return strategy.equals(NONE) ? entities : group(entities, tokens);
    }
    List<Token> word = new ArrayList<>();
    for (Token t : tokens) {
      if (!word.isEmpty() && !t.subword()) {
        entities.add(aggregateWord(word));
        word = new ArrayList<>();
      }
      word.add(t);
    }
    if (!word.isEmpty()) {
      entities.add(aggregateWord(word));
    }
    return group(entities, null);
  }

  /** One word's label and score from its tokens, by the strategy; its text joins their strings. */
  private Entity aggregateWord(List<Token> word) {
    double[] scores;
    switch (strategy) {
      case FIRST -> scores = word.get(0).scores();
      case MAX -> {
        Token best = word.get(0);
        for (Token t : word) {
          if (max(t.scores()) > max(best.scores())) {
            best = t;
          }
        }
        scores = best.scores();
      }
      default -> {
        scores = new double[labels.size()];
        for (Token t : word) {
          for (int k = 0; k < scores.length; k++) {
            scores[k] += t.scores()[k] / word.size();
          }
        }
      }
    }
    int best = argmax(scores);
    return new Entity(labels.get(best), scores[best], -1, join(word), word.get(0).start(),
        word.get(word.size() - 1).end());
  }

  /**
   * group_entities: consecutive entities of the same tag join unless the next is a B- tag; a group is
   * named by its first entity's label after the first '-', scored by the mean of its entities' scores.
   * {@code tokens} are the entities' own tokens (simple), or null when they are words already joined.
   */
  private List<Entity> group(List<Entity> entities, List<Token> tokens) {
    List<Entity> groups = new ArrayList<>();
    int first = 0;
    for (int i = 1; i <= entities.size(); i++) {
      boolean closes = i == entities.size();
      if (!closes) {
        String[] tag = tag(entities.get(i).label());
        String[] last = tag(entities.get(i - 1).label());
        closes = !(tag[1].equals(last[1]) && !tag[0].equals("B"));
      }
      if (closes && i > first) {
        groups.add(groupOf(entities.subList(first, i), tokens == null ? null : tokens.subList(first, i)));
        first = i;
      }
    }
    return groups;
  }

  private Entity groupOf(List<Entity> members, List<Token> tokens) {
    String label = members.get(0).label();
    int dash = label.indexOf('-');
    double sum = 0;
    List<String> words = new ArrayList<>(members.size());
    for (Entity e : members) {
      sum += e.score();
      words.add(e.word());
    }
    String word = tokens == null ? joinWords(words) : join(tokens);
    return new Entity(dash < 0 ? label : label.substring(dash + 1), sum / members.size(), -1, word,
        members.get(0).start(), members.get(members.size() - 1).end());
  }

  /** get_tag: B- or I- and the rest; any other label counts as a continuation of itself. */
  private static String[] tag(String label) {
    if (label.startsWith("B-") || label.startsWith("I-")) {
      return new String[] {label.substring(0, 1), label.substring(2)};
    }
    return new String[] {"I", label};
  }

  private String join(List<Token> tokens) {
    List<String> words = new ArrayList<>(tokens.size());
    long[] ids = new long[tokens.size()];
    for (int i = 0; i < ids.length; i++) {
      words.add(tokens.get(i).word());
      ids[i] = tokens.get(i).id();
    }
    return rules.join(words, ids, tokenizer);
  }

  /**
   * Words already joined, joined again as the pipeline does (a decoder over word strings). Only a
   * WordPiece decoder can take strings that are not single tokens; others get them space-separated.
   */
  private String joinWords(List<String> words) {
    return rules.wordPiecePrefix() != null ? rules.join(words, null, tokenizer) : String.join(" ", words);
  }

  /**
   * aggregate_overlapping_entities: entities sorted by start; of those starting inside the one kept,
   * the longer wins, then the higher score.
   */
  private static List<Entity> mergeOverlapping(List<Entity> entities) {
    if (entities.isEmpty()) {
      return entities;
    }
    List<Entity> sorted = new ArrayList<>(entities);
    sorted.sort(Comparator.comparingInt(Entity::start));
    List<Entity> out = new ArrayList<>();
    Entity previous = sorted.get(0);
    for (Entity e : sorted) {
      if (previous.start() <= e.start() && e.start() < previous.end()) {
        int length = e.end() - e.start();
        int previousLength = previous.end() - previous.start();
        if (length > previousLength || (length == previousLength && e.score() > previous.score())) {
          previous = e;
        }
      } else {
        out.add(previous);
        previous = e;
      }
    }
    out.add(previous);
    return out;
  }

  private static int argmax(double[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }

  private static double max(double[] values) {
    return values[argmax(values)];
  }
}
