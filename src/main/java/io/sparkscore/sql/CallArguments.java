package io.sparkscore.sql;

import io.sparkscore.SparkScoreException;
import io.sparkscore.model.ModelLocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.NullType;

/**
 * Turns a call's argument expressions into a {@link ScoreCall} at analysis time: each text must be a
 * string; labels, model and options must be constants of their types. Each error names the function
 * and the argument.
 */
final class CallArguments {
  /** Session conf prefix of model aliases: {@code spark.sparkscore.model.<alias> = <location>}. */
  static final String ALIAS_PREFIX = "spark.sparkscore.model.";

  private final SqlFunction function;
  private final List<Expression> args;

  private CallArguments(SqlFunction function, List<Expression> args) {
    this.function = function;
    this.args = args;
  }

  static ScoreCall build(SqlFunction function, List<Expression> args) {
    return new CallArguments(function, args).call();
  }

  private ScoreCall call() {
    List<String> names = function.arguments();
    if (args.size() < function.required() || args.size() > names.size()) {
      throw SparkScoreException.user("%s takes %d to %d arguments (%s), got %d", function.sqlName(),
          function.required(), names.size(), String.join(", ", names), args.size());
    }
    List<Expression> texts = new ArrayList<>();
    int next = 0;
    while (next < function.textCount()) {
      texts.add(text(next++));
    }
    List<String> labels = List.of();
    if (function == SqlFunction.ZERO_SHOT) {
      labels = labels(next++);
    }
    String model = args.size() > next ? model(next) : ModelLocator.DEFAULT_MODEL;
    Map<String, String> options = args.size() > next + 1 ? options(next + 1) : Map.of();
    ScoreSpec spec = new ScoreSpec(function, model, new TreeMap<>(options), labels);
    StringBuilder constants = new StringBuilder();
    for (Expression arg : args.subList(function.textCount(), args.size())) {
      constants.append(", ").append(arg.sql());
    }
    return new ScoreCall(texts, spec, spec.dataType(), constants.toString());
  }

  private Expression text(int index) {
    Expression text = args.get(index);
    if (text.dataType() instanceof NullType) {
      return Literal.create(null, DataTypes.StringType);
    }
    if (!text.dataType().sameType(DataTypes.StringType)) {
      throw error(index, "must be a string, but %s is %s", text.sql(), text.dataType().simpleString());
    }
    return text;
  }

  private List<String> labels(int index) {
    ArrayData array = (ArrayData) constant(index, DataTypes.createArrayType(DataTypes.StringType));
    List<String> labels = new ArrayList<>();
    for (int i = 0; array != null && i < array.numElements(); i++) {
      if (array.isNullAt(i)) {
        throw error(index, "holds a null label");
      }
      labels.add(array.getUTF8String(i).toString());
    }
    if (labels.isEmpty()) {
      throw error(index, "must hold at least one label");
    }
    return labels;
  }

  private String model(int index) {
    Object value = constant(index, DataTypes.StringType);
    if (value == null || value.toString().isBlank()) {
      throw error(index, "must not be null or empty");
    }
    String name = value.toString().trim();
    String aliased = SQLConf.get().getConfString(ALIAS_PREFIX + name, null);
    if (aliased != null) {
      return aliased;
    }
    boolean plainName = name.matches("[A-Za-z0-9_.-]+");
    if (plainName && !ModelLocator.embeddedNames().contains(name) && !Files.isDirectory(Path.of(name))) {
      throw error(index, "'%s' is not a model alias (%s%s is not set), an embedded model (%s) or a model directory",
          name, ALIAS_PREFIX, name, String.join(", ", ModelLocator.embeddedNames()));
    }
    return name;
  }

  private Map<String, String> options(int index) {
    MapData map = (MapData) constant(index, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));
    Map<String, String> options = new TreeMap<>();
    for (int i = 0; map != null && i < map.numElements(); i++) {
      if (map.valueArray().isNullAt(i)) {
        throw error(index, "option '%s' is null", map.keyArray().getUTF8String(i));
      }
      options.put(map.keyArray().getUTF8String(i).toString(), map.valueArray().getUTF8String(i).toString());
    }
    return options;
  }

  /** The constant value of argument {@code index}, of {@code type} (or null). */
  private Object constant(int index, DataType type) {
    Expression arg = args.get(index);
    if (!arg.foldable()) {
      throw error(index, "must be a constant, but %s is not", arg.sql());
    }
    DataType actual = arg.dataType();
    if (actual instanceof NullType) {
      return null;
    }
    boolean matches = type instanceof ArrayType array
        ? actual instanceof ArrayType a && a.elementType().sameType(array.elementType())
        : type instanceof MapType map
            ? actual instanceof MapType m && m.keyType().sameType(map.keyType()) && m.valueType().sameType(map.valueType())
            : actual.sameType(type);
    if (!matches) {
      throw error(index, "must be a constant %s, but %s is %s", type.simpleString(), arg.sql(), actual.simpleString());
    }
    return arg.eval(null);
  }

  private SparkScoreException error(int index, String format, Object... values) {
    return SparkScoreException.user("%s: argument %d (%s) %s", function.sqlName(), index + 1,
        function.arguments().get(index), String.format(format, values));
  }
}
