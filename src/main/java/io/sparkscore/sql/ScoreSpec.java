package io.sparkscore.sql;

import io.sparkscore.SparkScoreException;
import io.sparkscore.stages.TokenizingStage;
import io.sparkscore.stages.ZeroShotStage;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What one SQL call scores with: the function, the resolved model, its options and (zero-shot) its
 * labels. Calls with equal specs over the same text are one scoring pass.
 */
record ScoreSpec(SqlFunction function, String model, SortedMap<String, String> options, List<String> labels)
    implements Serializable {
  ScoreSpec {
    options = new TreeMap<>(options);
    labels = List.copyOf(labels);
  }

  /** The stage, configured; an unknown option or a bad value is an error naming the option. */
  TokenizingStage<?> stage() {
    Map<String, String> stageOptions = new TreeMap<>(options);
    if (function == SqlFunction.ZERO_SHOT) {
      stageOptions.remove(SqlFunction.METHOD);
    }
    TokenizingStage<?> stage;
    try {
      stage = function.newStage(model, options);
    } catch (SparkScoreException e) {
      throw SparkScoreException.user(e, "%s: %s", function.sqlName(), e.getMessage());
    }
    stage = OptionValues.apply(stage, function.sqlName(), stageOptions, function.paramsFromArguments());
    if (stage instanceof ZeroShotStage<?> zeroShot) {
      zeroShot.setCandidateLabels(labels.toArray(new String[0]));
    }
    return stage;
  }

  /**
   * The function's result type: the column the stage adds, or a struct of its columns when it adds
   * several. The stage's schema checks run here, so bad options fail at analysis.
   */
  DataType dataType() {
    StructType input = function.input();
    StructType out;
    try {
      out = stage().transformSchema(input);
    } catch (SparkScoreException e) {
      if (e.getMessage().startsWith(function.sqlName() + ":")) {
        throw e;
      }
      throw SparkScoreException.user(e, "%s: argument options %s: %s", function.sqlName(), options, e.getMessage());
    }
    StructField[] added = Arrays.copyOfRange(out.fields(), input.size(), out.size());
    return added.length == 1 ? added[0].dataType() : new StructType(added);
  }
}
