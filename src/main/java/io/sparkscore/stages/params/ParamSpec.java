package io.sparkscore.stages.params;

import java.util.List;
import java.util.Locale;

/**
 * One option as every front end shows it, derived from a stage's Param: its Param name (Python keyword,
 * SQL option key), its flag (command line without {@code --}, job-file key), value type, default (null
 * when it has none), doc, and allowed values (empty: any value the type and the Param's check accept).
 */
public record ParamSpec(String name, String flag, ValueType type, Object defaultValue, String doc, List<String> allowed) {
  /** The value types options come in, with how each front end writes them. */
  public enum ValueType {
    STRING, INT, LONG, DOUBLE, BOOLEAN,
    /** A list of strings: a HOCON or Python list, or one comma-separated string on the command line. */
    STRING_LIST;

    /** The type's name in help and schemas: {@code string}, {@code int}, {@code string list} … */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
  }

  public ParamSpec {
    allowed = List.copyOf(allowed);
  }

  /** The same option under another flag (a task's short name for it). */
  public ParamSpec withFlag(String value) {
    return new ParamSpec(name, value, type, defaultValue, doc, allowed);
  }

  /** {@code maxBatchTokens} → {@code max-batch-tokens}, {@code modelSha256} → {@code model-sha256}. */
  public static String kebab(String name) {
    StringBuilder flag = new StringBuilder();
    for (char c : name.toCharArray()) {
      if (Character.isUpperCase(c)) {
        flag.append('-').append(Character.toLowerCase(c));
      } else {
        flag.append(c);
      }
    }
    return flag.toString();
  }
}
