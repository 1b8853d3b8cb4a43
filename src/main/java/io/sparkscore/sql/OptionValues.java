package io.sparkscore.sql;

import io.sparkscore.SparkScoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.FloatParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.param.StringArrayParam;

/**
 * A SQL function's {@code options} map applied to its stage: each key is a stage Param's name, each
 * value that Param's value written as text. Column Params and those the function's own arguments
 * set are not options.
 */
final class OptionValues {
  private OptionValues() {}

  /** The Params of {@code stage} a SQL caller may set, in name order. */
  static List<Param<?>> settable(Params stage, List<String> fromArguments) {
    List<Param<?>> params = new ArrayList<>();
    for (Param<?> param : stage.params()) {
      if (!param.name().endsWith("Col") && !fromArguments.contains(param.name())) {
        params.add(param);
      }
    }
    params.sort((a, b) -> a.name().compareTo(b.name()));
    return params;
  }

  /** {@code stage} with {@code options} set; an unknown name or a bad value names the option and the function. */
  static <S extends Params> S apply(S stage, String function, Map<String, String> options, List<String> fromArguments) {
    List<Param<?>> settable = settable(stage, fromArguments);
    ParamMap extra = new ParamMap();
    for (Map.Entry<String, String> option : options.entrySet()) {
      Param<?> param = settable.stream().filter(p -> p.name().equals(option.getKey())).findFirst().orElseThrow(
          () -> SparkScoreException.user("%s: argument options: unknown option '%s'; its options are %s",
              function, option.getKey(), names(settable)));
      try {
        put(extra, param, option.getValue());
      } catch (IllegalArgumentException | SparkScoreException e) {
        throw SparkScoreException.user(e, "%s: argument options: option %s = '%s' is invalid (%s): %s",
            function, param.name(), option.getValue(), param.doc(), e.getMessage());
      }
    }
    @SuppressWarnings("unchecked")
    S copy = (S) stage.copy(extra);
    return copy;
  }

  private static String names(List<Param<?>> params) {
    TreeSet<String> names = new TreeSet<>();
    params.forEach(p -> names.add(p.name()));
    return String.join(", ", names);
  }

  @SuppressWarnings("unchecked")
  private static void put(ParamMap map, Param<?> param, String text) {
    if (param instanceof IntParam p) {
      map.put(p, Integer.parseInt(text.trim()));
    } else if (param instanceof LongParam p) {
      map.put(p, Long.parseLong(text.trim()));
    } else if (param instanceof DoubleParam p) {
      map.put(p, Double.parseDouble(text.trim()));
    } else if (param instanceof FloatParam p) {
      map.put(p, Float.parseFloat(text.trim()));
    } else if (param instanceof BooleanParam p) {
      String value = text.trim().toLowerCase(java.util.Locale.ROOT);
      if (!value.equals("true") && !value.equals("false")) {
        throw new IllegalArgumentException("expected true or false");
      }
      map.put(p, Boolean.parseBoolean(value));
    } else if (param instanceof StringArrayParam p) {
      map.put(p, text.isEmpty() ? new String[0] : text.split(",", -1));
    } else {
      map.put((Param<String>) param, text);
    }
  }
}
