package io.sparkscore.stages.params;

import io.sparkscore.SparkScoreErrors;
import io.sparkscore.SparkScoreException;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import scala.runtime.AbstractFunction1;

/**
 * A string Param with a closed set of values, which it exposes ({@link #allowed()}) so that help, job-file
 * schemas and the Python and SQL front ends list them. An allowed value ending in {@code :N} stands for
 * that prefix and a non-negative whole number ({@code cuda:N} accepts {@code cuda:1}). Another value is
 * refused with the catalogued {@link SparkScoreErrors#INVALID_OPTION_VALUE}, listing the allowed ones,
 * wherever it is set (a setter, a loaded stage, Python, SQL). It persists like any string Param.
 */
public final class ChoiceParam extends Param<String> {
  private static final long serialVersionUID = 1L;
  private final List<String> allowed;

  public ChoiceParam(Params parent, String name, String doc, List<String> allowed) {
    super(parent, name, doc, new Allowed(parent.uid(), name, List.copyOf(allowed)));
    this.allowed = List.copyOf(allowed);
  }

  /** The values it accepts, in the order help lists them. */
  public List<String> allowed() {
    return allowed;
  }

  /** Whether {@code value} is one of {@code allowed} (an {@code x:N} entry matches {@code x:} and digits). */
  static boolean accepts(List<String> allowed, String value) {
    if (value == null) {
      return false;
    }
    for (String choice : allowed) {
      if (choice.equals(value)) {
        return true;
      }
      if (choice.endsWith(":N")) {
        String prefix = choice.substring(0, choice.length() - 1);
        if (value.startsWith(prefix) && value.length() > prefix.length()
            && value.substring(prefix.length()).chars().allMatch(Character::isDigit)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The error for {@code value} of {@code option}, which accepts only {@code allowed}; {@code owner} names the stage or task. */
  static SparkScoreException refusal(String owner, String option, List<String> allowed, Object value) {
    return SparkScoreErrors.INVALID_OPTION_VALUE.error("stage", owner, "option", option,
        "problem", "must be one of " + String.join(", ", allowed), "value", value,
        "allowed", StageParams.suggestion(String.valueOf(value), allowed));
  }

  /**
   * The Param's validator: Spark calls it in every setter. It throws rather than answer false, as
   * Spark's own message for false names neither the allowed values nor an error code.
   */
  private static final class Allowed extends AbstractFunction1<String, Object> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String owner;
    private final String option;
    private final List<String> allowed;

    Allowed(String owner, String option, List<String> allowed) {
      this.owner = owner;
      this.option = option;
      this.allowed = allowed;
    }

    @Override
    public Object apply(String value) {
      if (!accepts(allowed, value)) {
        throw refusal(owner, option, allowed, value);
      }
      return true;
    }
  }
}
