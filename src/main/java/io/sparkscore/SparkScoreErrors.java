package io.sparkscore;

import io.sparkscore.SparkScoreException.Kind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every catalogued SparkScore error: a stable code (the constant's name), whose fault it is, and a
 * message template whose {@code {name}} slots are filled from named facts, which the exception
 * keeps ({@link SparkScoreException#facts()}). Codes never change meaning; new conditions get new
 * constants. Usage: {@code throw SparkScoreErrors.UNKNOWN_OPTION.error("stage", s, "option", o, …)}.
 */
public enum SparkScoreErrors {
  /** An option name no stage or command declares. */
  UNKNOWN_OPTION(Kind.USER, "{stage}: unknown option '{option}'{suggestion}; options: {options}"),
  /** A value an option does not accept (wrong type, out of range, not one of its choices). */
  INVALID_OPTION_VALUE(Kind.USER, "{stage}: {option} {problem}, got '{value}'{allowed}"),
  /** An option that must be given was not. */
  MISSING_OPTION(Kind.USER, "{stage}: {option} is required: {why}"),
  /** Options that cannot be combined. */
  CONFLICTING_OPTIONS(Kind.USER, "{stage}: {problem}"),
  /** A task name that is not registered. */
  UNKNOWN_TASK(Kind.USER, "unknown task '{task}'{suggestion}; tasks: {tasks}");

  private static final Pattern SLOT = Pattern.compile("\\{([a-zA-Z]+)}");

  private final Kind kind;
  private final String template;

  SparkScoreErrors(Kind kind, String template) {
    this.kind = kind;
    this.template = template;
  }

  public Kind kind() {
    return kind;
  }

  /** The message template, {@code {name}} marking each fact. */
  public String template() {
    return template;
  }

  /** The exception, from facts given as name, value, name, value … */
  public SparkScoreException error(Object... namesAndValues) {
    return error(null, namesAndValues);
  }

  /** {@link #error(Object...)} with a cause. */
  public SparkScoreException error(Throwable cause, Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException(name() + ": facts come in name, value pairs");
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      facts.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    Matcher slot = SLOT.matcher(template);
    StringBuilder message = new StringBuilder();
    while (slot.find()) {
      if (!facts.containsKey(slot.group(1))) {
        throw new IllegalArgumentException(name() + ": no fact '" + slot.group(1) + "' for " + template);
      }
      slot.appendReplacement(message, Matcher.quoteReplacement(String.valueOf(facts.get(slot.group(1)))));
    }
    slot.appendTail(message);
    return new SparkScoreException(kind, name(), message.toString(), facts, cause);
  }
}
