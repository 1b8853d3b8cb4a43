package io.sparkscore.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Strict, typed reads of one object in a job config. Every problem (wrong type, bad value, missing
 * required key, unknown key) is collected with the file and line it came from and the full key path,
 * so one run of the validator reports all of them at once.
 */
final class ConfigReader {
  private final Config config;
  private final String path;
  private final String file;
  private final List<String> problems;
  private final Set<String> read = new LinkedHashSet<>();

  private ConfigReader(Config config, String path, String file, List<String> problems) {
    this.config = config;
    this.path = path;
    this.file = file;
    this.problems = problems;
  }

  /** The root object; {@code file} names the job file in problems about keys that are missing. */
  static ConfigReader root(Config config, String file, List<String> problems) {
    return new ConfigReader(config, "", file, problems);
  }

  /** The full path of {@code key} below this object, as a user would write it. */
  String pathOf(String key) {
    if (key.isEmpty()) {
      return path;
    }
    return path.isEmpty() ? key : path + "." + key;
  }

  /** The keys this object holds, in the order they were written (HOCON objects do not keep it). */
  List<String> keys() {
    List<String> keys = new ArrayList<>(config.root().keySet());
    keys.sort(java.util.Comparator.comparingInt((String k) -> config.root().get(k).origin().lineNumber())
        .thenComparing(k -> k));
    return keys;
  }

  boolean has(String key) {
    return config.root().containsKey(key) && config.root().get(key).valueType() != ConfigValueType.NULL;
  }

  /** A value as written, or empty when absent or null; marks the key as known. */
  Optional<ConfigValue> value(String key) {
    read.add(key);
    return has(key) ? Optional.of(config.root().get(key)) : Optional.empty();
  }

  /** A nested object; absent reads as empty. */
  ConfigReader object(String key) {
    Optional<ConfigValue> value = value(key);
    if (value.isPresent() && value.get().valueType() != ConfigValueType.OBJECT) {
      problem(key, value.get(), "expected an object { ... }");
    }
    Config nested = value.filter(v -> v.valueType() == ConfigValueType.OBJECT)
        .map(v -> ((ConfigObject) v).toConfig())
        .orElse(ConfigFactory.empty());
    return new ConfigReader(nested, pathOf(key), file, problems);
  }

  Optional<String> string(String key) {
    return value(key).flatMap(v -> {
      if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST) {
        problem(key, v, "expected a string");
        return Optional.empty();
      }
      return Optional.of(String.valueOf(v.unwrapped()));
    });
  }

  String string(String key, String fallback) {
    return string(key).orElse(fallback);
  }

  /** A required string; {@code what} says what it is for when it is missing. */
  String require(String key, String what) {
    Optional<String> value = string(key);
    if (value.isEmpty() && !has(key)) {
      problems.add(String.format("%s: %s: missing; expected %s", file, pathOf(key), what));
    }
    return value.orElse("");
  }

  String oneOf(String key, String fallback, Collection<String> allowed) {
    Optional<ConfigValue> raw = value(key);
    String value = string(key).map(s -> s.toLowerCase(Locale.ROOT)).orElse(fallback);
    if (raw.isPresent() && !allowed.contains(value)) {
      problem(key, raw.get(), "expected one of " + String.join(", ", allowed));
    }
    return value;
  }

  /** A whole number of at least {@code min}; numeric strings (from the command line) count. */
  long integer(String key, long fallback, long min) {
    Optional<ConfigValue> value = value(key);
    if (value.isEmpty()) {
      return fallback;
    }
    Object raw = value.get().unwrapped();
    Long parsed = null;
    if (raw instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      parsed = n.longValue();
    } else if (raw instanceof String s) {
      try {
        parsed = Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        parsed = null;
      }
    }
    if (parsed == null || parsed < min) {
      problem(key, value.get(), "expected a whole number >= " + min);
      return fallback;
    }
    return parsed;
  }

  boolean bool(String key, boolean fallback) {
    Optional<ConfigValue> value = value(key);
    if (value.isEmpty()) {
      return fallback;
    }
    Object raw = value.get().unwrapped();
    if (raw instanceof Boolean b) {
      return b;
    }
    if (raw instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(s);
    }
    problem(key, value.get(), "expected true or false");
    return fallback;
  }

  Duration duration(String key, Duration fallback) {
    if (value(key).isEmpty()) {
      return fallback;
    }
    try {
      return config.getDuration(ConfigUtil.quoteString(key));
    } catch (ConfigException.BadValue | ConfigException.WrongType e) {
      problem(key, config.root().get(key), "expected a duration such as 10s or 500ms");
      return fallback;
    }
  }

  /** A list of strings; a single string is read as a comma-separated list (the command-line form). */
  List<String> strings(String key) {
    Optional<ConfigValue> value = value(key);
    List<String> out = new ArrayList<>();
    if (value.isEmpty()) {
      return out;
    }
    ConfigValue v = value.get();
    if (v.valueType() == ConfigValueType.LIST) {
      for (Object item : (List<?>) v.unwrapped()) {
        if (item instanceof List || item instanceof java.util.Map || item == null) {
          problem(key, v, "expected a list of strings");
          return List.of();
        }
        out.add(String.valueOf(item));
      }
    } else if (v.valueType() == ConfigValueType.OBJECT) {
      problem(key, v, "expected a list of strings");
    } else {
      for (String part : String.valueOf(v.unwrapped()).split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    }
    return out;
  }

  /**
   * An object of scalar settings flattened to dotted keys, so that {@code spark.sql.x = 1} and
   * {@code "spark.sql.x" = 1} read the same.
   */
  java.util.Map<String, String> flatScalars(String key) {
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    Optional<ConfigValue> value = value(key);
    if (value.isEmpty()) {
      return out;
    }
    if (value.get().valueType() != ConfigValueType.OBJECT) {
      problem(key, value.get(), "expected an object of settings { \"name\" = value }");
      return out;
    }
    for (var entry : ((ConfigObject) value.get()).toConfig().entrySet()) {
      String name = String.join(".", ConfigUtil.splitPath(entry.getKey()));
      ConfigValue v = entry.getValue();
      if (v.valueType() == ConfigValueType.LIST) {
        problem(key + "." + name, v, "expected a string, number or boolean");
      } else {
        out.put(name, String.valueOf(v.unwrapped()));
      }
    }
    return out;
  }

  /** Records a problem with the value at {@code key}. */
  void problem(String key, ConfigValue value, String expectation) {
    problems.add(String.format("%s: %s: %s, got %s",
        location(value.origin()), pathOf(key), expectation, value.render(ConfigRenderOptions.concise())));
  }

  /** Records a problem about {@code key} that is not about its type. */
  void problem(String key, String message) {
    String where = has(key) ? location(config.root().get(key).origin()) : file;
    problems.add(String.format("%s: %s: %s", where, pathOf(key), message));
  }

  /** Reports every key of this object that no read asked for, with the keys that exist. */
  void rejectUnknown() {
    for (String key : keys()) {
      if (!read.contains(key)) {
        String suggestion = closest(key, read).map(k -> " (did you mean " + k + "?)").orElse("");
        problems.add(String.format("%s: %s: unknown key%s; known keys here: %s",
            location(config.root().get(key).origin()), pathOf(key), suggestion, String.join(", ", new TreeSet<>(read))));
      }
    }
  }

  /** Marks keys as known without reading them (their values are checked elsewhere). */
  void accept(Collection<String> keys) {
    read.addAll(keys);
  }

  static String location(ConfigOrigin origin) {
    if (origin.filename() != null) {
      return origin.lineNumber() > 0 ? origin.filename() + ":" + origin.lineNumber() : origin.filename();
    }
    return origin.description();
  }

  private static Optional<String> closest(String key, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(key.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return bestDistance <= Math.max(2, key.length() / 3) ? Optional.ofNullable(best) : Optional.empty();
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
