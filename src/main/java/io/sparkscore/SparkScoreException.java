package io.sparkscore;

import java.util.Objects;

/**
 * The one unchecked exception SparkScore throws for conditions a user can act on. The {@link Kind}
 * says whose fault it is, so a job can tell a bad model path from a bug.
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

  public SparkScoreException(Kind kind, String message) {
    super(message);
    this.kind = Objects.requireNonNull(kind, "kind is null");
  }

  public SparkScoreException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind is null");
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
