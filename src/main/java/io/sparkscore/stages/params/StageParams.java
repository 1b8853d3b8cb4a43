package io.sparkscore.stages.params;

import io.sparkscore.SparkScoreErrors;
import io.sparkscore.stages.params.ParamSpec.ValueType;
import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.FloatParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.param.StringArrayParam;

/**
 * A stage's Params as the one declaration every front end derives from: {@link #of} lists them in
 * declaration order as {@link ParamSpec}s, {@link #convert} turns a String (command line, SQL option
 * map) or a Java/HOCON value (a list stays a list) into the Param's type, and {@link #set} sets it, so
 * that a bad value fails here with a catalogued error naming the stage, option, value and what is
 * allowed.
 */
public final class StageParams {
  private StageParams() {}

  /** Every Param of {@code stage}, superclasses' first, each class's in declaration order. */
  public static List<ParamSpec> of(Params stage) {
    Map<String, ParamSpec> specs = new LinkedHashMap<>();
    for (Param<?> param : declared(stage)) {
      specs.putIfAbsent(param.name(), spec(stage, param));
    }
    // Params declared some other way (none today) still show, after the declared ones, by name.
    Arrays.stream(stage.params()).forEach(p -> specs.putIfAbsent(p.name(), spec(stage, p)));
    return List.copyOf(specs.values());
  }

  private static List<Param<?>> declared(Params stage) {
    Deque<Class<?>> chain = new ArrayDeque<>();
    for (Class<?> c = stage.getClass(); c != null && Params.class.isAssignableFrom(c); c = c.getSuperclass()) {
      chain.push(c);
    }
    List<Param<?>> params = new ArrayList<>();
    for (Class<?> c : chain) {
      for (Field field : c.getDeclaredFields()) {
        if (Param.class.isAssignableFrom(field.getType()) && !java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
          try {
            field.setAccessible(true);
            params.add((Param<?>) field.get(stage));
          } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read Param field " + field, e);
          }
        }
      }
    }
    return params;
  }

  private static ParamSpec spec(Params stage, Param<?> param) {
    Object value = stage.hasDefault(param) ? stage.getDefault(param).get() : null;
    if (value instanceof String[] array) {
      value = List.of(array);
    }
    List<String> allowed = param instanceof ChoiceParam choice ? choice.allowed() : List.of();
    return new ParamSpec(param.name(), ParamSpec.kebab(param.name()), typeOf(param), value, param.doc(), allowed);
  }

  static ValueType typeOf(Param<?> param) {
    if (param instanceof IntParam) {
      return ValueType.INT;
    }
    if (param instanceof LongParam) {
      return ValueType.LONG;
    }
    if (param instanceof DoubleParam || param instanceof FloatParam) {
      return ValueType.DOUBLE;
    }
    if (param instanceof BooleanParam) {
      return ValueType.BOOLEAN;
    }
    if (param instanceof StringArrayParam) {
      return ValueType.STRING_LIST;
    }
    return ValueType.STRING;
  }

  /**
   * The option of {@code stage} called {@code key} (its Param name or kebab-case flag), or an
   * {@code UNKNOWN_OPTION} error naming {@code owner}, the closest name and all of them.
   */
  public static ParamSpec find(String owner, Params stage, String key) {
    List<ParamSpec> specs = of(stage);
    for (ParamSpec spec : specs) {
      if (spec.name().equals(key) || spec.flag().equals(key)) {
        return spec;
      }
    }
    List<String> flags = specs.stream().map(ParamSpec::flag).toList();
    throw SparkScoreErrors.UNKNOWN_OPTION.error("stage", owner, "option", key,
        "suggestion", suggestion(key, flags),
        "options", String.join(", ", flags));
  }

  /**
   * {@code raw} as a value of {@code spec}'s type: a String is parsed (a list from comma-separated items,
   * {@link CsvList}), a number or boolean is checked, a collection or array becomes a list of strings.
   * {@code owner} (task or stage) names the option's owner in errors. Choices are checked here too.
   */
  public static Object convert(String owner, ParamSpec spec, Object raw) {
    Object value = switch (spec.type()) {
      case STRING -> raw instanceof String || raw instanceof Number || raw instanceof Boolean
          ? String.valueOf(raw) : invalid(owner, spec, raw, "expects a string");
      case INT -> whole(owner, spec, raw, Integer.MIN_VALUE, Integer.MAX_VALUE).intValue();
      case LONG -> whole(owner, spec, raw, Long.MIN_VALUE, Long.MAX_VALUE);
      case DOUBLE -> number(owner, spec, raw);
      case BOOLEAN -> bool(owner, spec, raw);
      case STRING_LIST -> list(owner, spec, raw);
    };
    if (!spec.allowed().isEmpty() && !ChoiceParam.accepts(spec.allowed(), (String) value)) {
      throw ChoiceParam.refusal(owner, spec.flag(), spec.allowed(), value);
    }
    return value;
  }

  /** Converts {@code raw} ({@link #convert}) and sets it on {@code stage}, which checks it ({@code ParamValidators}). */
  public static void set(String owner, Params stage, ParamSpec spec, Object raw) {
    Object value = convert(owner, spec, raw);
    @SuppressWarnings("unchecked")
    Param<Object> param = (Param<Object>) stage.getParam(spec.name());
    Object typed = value instanceof List<?> items ? items.toArray(new String[0]) : value;
    if (!(Boolean) param.isValid().apply(typed)) {
      throw invalid(owner, spec, value, "is out of range (" + spec.doc() + ")");
    }
    stage.set(param, typed);
  }

  private static Long whole(String owner, ParamSpec spec, Object raw, long min, long max) {
    Long value = null;
    if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
      value = ((Number) raw).longValue();
    } else if (raw instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      value = (long) n.doubleValue();
    } else if (raw instanceof String s) {
      try {
        value = Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        value = null;
      }
    }
    if (value == null || value < min || value > max) {
      throw invalid(owner, spec, raw, "expects a whole number");
    }
    return value;
  }

  private static Double number(String owner, ParamSpec spec, Object raw) {
    if (raw instanceof Number n) {
      return n.doubleValue();
    }
    if (raw instanceof String s) {
      try {
        return Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw invalid(owner, spec, raw, "expects a number");
  }

  private static Boolean bool(String owner, ParamSpec spec, Object raw) {
    if (raw instanceof Boolean b) {
      return b;
    }
    if (raw instanceof String s && (s.trim().equalsIgnoreCase("true") || s.trim().equalsIgnoreCase("false"))) {
      return Boolean.valueOf(s.trim());
    }
    throw invalid(owner, spec, raw, "expects true or false");
  }

  private static List<String> list(String owner, ParamSpec spec, Object raw) {
    if (raw instanceof String s) {
      return CsvList.parse(spec.flag(), s);
    }
    Collection<?> items = raw instanceof Object[] array ? Arrays.asList(array) : raw instanceof Collection<?> c ? c : null;
    if (items == null) {
      throw invalid(owner, spec, raw, "expects a list of strings");
    }
    List<String> values = new ArrayList<>();
    for (Object item : items) {
      if (!(item instanceof String || item instanceof Number || item instanceof Boolean)) {
        throw invalid(owner, spec, raw, "expects a list of strings");
      }
      values.add(String.valueOf(item));
    }
    return List.copyOf(values);
  }

  private static RuntimeException invalid(String owner, ParamSpec spec, Object raw, String problem) {
    return SparkScoreErrors.INVALID_OPTION_VALUE.error(
        "stage", owner, "option", spec.flag(), "problem", problem, "value", raw, "allowed", "");
  }

  /** {@code " (did you mean 'x'?)"} for the {@link #closest} name, or "" when none is close. */
  public static String suggestion(String given, Collection<String> names) {
    return closest(given, names).map(c -> " (did you mean '" + c + "'?)").orElse("");
  }

  /** The name in {@code names} nearest to {@code given} (edit distance at most a third of its length, and 3). */
  public static Optional<String> closest(String given, Collection<String> names) {
    LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
    int limit = Math.min(3, Math.max(1, given.length() / 3));
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String name : names) {
      int d = distance.apply(given, name);
      if (d <= limit && d < bestDistance) {
        best = name;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }
}
