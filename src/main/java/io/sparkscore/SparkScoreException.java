package io.sparkscore;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The one unchecked exception SparkScore throws for conditions a user can act on. The {@link Kind}
 * says whose fault it is, so a job can tell a bad model path from a bug; the {@linkplain #getErrorCode()
 * error code} names the condition ({@link SparkScoreErrors}), stable across releases, and
 * {@link #facts()} holds the values its message was built from (path, option, value …), so callers
 * and tests read those rather than the prose.
 */
public final class SparkScoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Who has to act. */
  public enum Kind {
    /** Bad input, parameter, configuration or model files: the user fixes it. */
    USER,
    /** The runtime could not provide what was asked (device, memory, native library). */
    RESOURCES,
    /** A SparkScore bug. */
    INTERNAL
  }

  private final Kind kind;
  private final String code;
  private final Map<String, Object> facts;

  /** An error not (yet) in the catalog: its code is its kind's name. */
  public SparkScoreException(Kind kind, String message) {
    this(kind, message, null);
  }

  public SparkScoreException(Kind kind, String message, Throwable cause) {
    this(kind, Objects.requireNonNull(kind, "kind is null").name(), message, Map.of(), cause);
  }

  SparkScoreException(Kind kind, String code, String message, Map<String, Object> facts, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind is null");
    this.code = Objects.requireNonNull(code, "code is null");
    Map<String, Object> kept = new LinkedHashMap<>();
    // An error raised in a Spark task travels to the driver serialized: a fact that is not a plain value
    // (a Path, a list) is kept as its text.
    facts.forEach((name, value) -> kept.put(name, plain(value) ? value : String.valueOf(value)));
    this.facts = java.util.Collections.unmodifiableMap(kept);
  }

  private static boolean plain(Object value) {
    return value == null || value instanceof String || value instanceof Number || value instanceof Boolean;
  }

  public static SparkScoreException user(String format, Object... args) {
    return new SparkScoreException(Kind.USER, String.format(format, args));
  }

  public static SparkScoreException user(Throwable cause, String format, Object... args) {
    return new SparkScoreException(Kind.USER, String.format(format, args), cause);
  }

  public Kind kind() {
    return kind;
  }

  /**
   * The condition's stable name, e.g. {@code UNKNOWN_OPTION} (a {@link SparkScoreErrors} constant), or
   * the kind's name for an error outside the catalog. Front ends map it (Python exception classes).
   */
  public String getErrorCode() {
    return code;
  }

  /** The named values in the message (e.g. {@code option}, {@code value}, {@code allowed}), in message order. */
  public Map<String, Object> facts() {
    return facts;
  }

  /**
   * The first SparkScoreException in {@code e}'s cause chain that a user can act on (not
   * {@link Kind#INTERNAL}): how one reaches the driver wrapped in Spark's task-failure exceptions.
   */
  public static SparkScoreException userCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SparkScoreException s && s.kind() != Kind.INTERNAL) {
        return s;
      }
    }
    return null;
  }
}
