package io.sparkscore.stages.params;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import scala.runtime.AbstractFunction1;

/**
 * A string Param with a closed set of values, which it exposes ({@link #allowed()}) so that help, job-file
 * schemas and the Python and SQL front ends list them. An allowed value ending in {@code :N} stands for
 * that prefix and a non-negative whole number ({@code cuda:N} accepts {@code cuda:1}). It persists like
 * any string Param.
 */
public final class ChoiceParam extends Param<String> {
  private static final long serialVersionUID = 1L;
  private final List<String> allowed;

  public ChoiceParam(Params parent, String name, String doc, List<String> allowed) {
    super(parent, name, doc, new Allowed(List.copyOf(allowed)));
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

  /** The Param's validator: Spark calls it in every setter. */
  private static final class Allowed extends AbstractFunction1<String, Object> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final List<String> allowed;

    Allowed(List<String> allowed) {
      this.allowed = allowed;
    }

    @Override
    public Object apply(String value) {
      return accepts(allowed, value);
    }
  }
}
