package io.sparkscore.config;

import io.sparkscore.SparkScoreException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * {@code --name value} and {@code --flag} arguments, checked against the options a command knows,
 * so a typo is reported by name instead of being ignored.
 */
public final class CommandLine {
  private final String command;
  private final Map<String, String> values;

  private CommandLine(String command, Map<String, String> values) {
    this.command = command;
    this.values = values;
  }

  /**
   * Parses {@code args}. {@code valued} options take a value; {@code flags} take none (and read as
   * "true"). Anything else is an error naming the option and the ones that exist.
   */
  public static CommandLine parse(String command, String[] args, Set<String> valued, Set<String> flags) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw usage(command, "unexpected argument '" + arg + "'", valued, flags);
      }
      String name = arg.substring(2);
      String inline = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        inline = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (flags.contains(name)) {
        values.put(name, inline == null ? "true" : inline);
      } else if (valued.contains(name)) {
        if (inline == null) {
          if (i + 1 >= args.length) {
            throw usage(command, "option --" + name + " needs a value", valued, flags);
          }
          inline = args[++i];
        }
        values.put(name, inline);
      } else {
        throw usage(command, "unknown option --" + name, valued, flags);
      }
    }
    return new CommandLine(command, values);
  }

  private static SparkScoreException usage(String command, String problem, Set<String> valued, Set<String> flags) {
    Set<String> all = new TreeSet<>(valued);
    all.addAll(flags);
    List<String> known = new ArrayList<>();
    all.forEach(o -> known.add("--" + o));
    return SparkScoreException.user("%s: %s (options: %s)", command, problem, String.join(" ", known));
  }

  public String command() {
    return command;
  }

  public Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  public String get(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  public String require(String name) {
    return get(name).orElseThrow(() -> SparkScoreException.user("%s: --%s is required", command, name));
  }

  public boolean flag(String name) {
    return Boolean.parseBoolean(values.getOrDefault(name, "false"));
  }

  public int intValue(String name, int fallback) {
    return number(name, fallback, Integer::parseInt, "a whole number");
  }

  public double doubleValue(String name, double fallback) {
    return number(name, fallback, Double::parseDouble, "a number");
  }

  private <T> T number(String name, T fallback, Function<String, T> parse, String expected) {
    String value = values.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return parse.apply(value.trim());
    } catch (NumberFormatException e) {
      throw SparkScoreException.user("%s: --%s expects %s, got '%s'", command, name, expected, value);
    }
  }

  public Map<String, String> asMap() {
    return Collections.unmodifiableMap(values);
  }
}
