package io.sparkscore.stages.params;

import io.sparkscore.SparkScoreException;
import java.util.ArrayList;
import java.util.List;

/**
 * A list option written as one string (a command-line flag, a SQL option value): items split on
 * commas and trimmed, empty ones dropped; an item holding a comma goes in double quotes, and {@code ""}
 * is a quote inside them ({@code '"food, drink",sports'}). Lists from HOCON or Python need none of this.
 */
public final class CsvList {
  private CsvList() {}

  /** The items of {@code text}, the value of {@code option} (named in errors). */
  public static List<String> parse(String option, String text) {
    List<String> labels = new ArrayList<>();
    int i = 0;
    while (i <= text.length()) {
      int comma = nextComma(option, text, i);
      String field = text.substring(i, comma).strip();
      String label = field.startsWith("\"") ? unquote(option, field, text) : field;
      if (!label.isEmpty()) {
        labels.add(label);
      }
      i = comma + 1;
    }
    return labels;
  }

  /** The comma ending the field that starts at {@code from} (commas inside quotes do not count). */
  private static int nextComma(String option, String text, int from) {
    boolean quoted = false;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        return i;
      }
    }
    if (quoted) {
      throw SparkScoreException.user("--%s: a quote is not closed in '%s'", option, text);
    }
    return text.length();
  }

  private static String unquote(String option, String field, String text) {
    if (field.length() < 2 || !field.endsWith("\"")) {
      throw SparkScoreException.user(
          "--%s: %s has text after its closing quote in '%s'; quote the whole label", option, field, text);
    }
    String inner = field.substring(1, field.length() - 1);
    if (inner.replace("\"\"", "").contains("\"")) {
      throw SparkScoreException.user(
          "--%s: %s has a lone quote inside; write a quote inside a quoted label as \"\" (in '%s')",
          option, field, text);
    }
    return inner.replace("\"\"", "\"");
  }
}
