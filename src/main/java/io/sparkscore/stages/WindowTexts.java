package io.sparkscore.stages;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct texts (or text pairs) of one scoring window, in first-seen order, so that a text
 * repeated in the window is tokenized once. Without dedupe every text counts as new.
 */
final class WindowTexts {
  private record Key(String text, String pair) {}

  private final boolean dedupe;
  private final Map<Key, Integer> index = new HashMap<>();
  private final List<String> firsts = new ArrayList<>();
  private final List<String> seconds = new ArrayList<>();

  WindowTexts(boolean dedupe) {
    this.dedupe = dedupe;
  }

  /** The index of {@code text} (with {@code pair}, null for a single text) among the window's distinct texts. */
  int add(String text, String pair) {
    if (dedupe) {
      Integer seen = index.putIfAbsent(new Key(text, pair), firsts.size());
      if (seen != null) {
        return seen;
      }
    }
    firsts.add(text);
    seconds.add(pair);
    return firsts.size() - 1;
  }

  List<String> firsts() {
    return firsts;
  }

  /** The pairs' second texts, null where a text has none. */
  List<String> seconds() {
    return seconds;
  }
}
