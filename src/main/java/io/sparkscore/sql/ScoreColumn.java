package io.sparkscore.sql;

import io.sparkscore.compat.ScalaSeqs;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.expressions.Attribute;

/** What {@link ScoreEval} and {@link ScoreEvalExec} add to their child's rows: one call's result column. */
record ScoreColumn(ScoreCall call, Attribute result) implements Serializable {

  /** The child's columns, then the result. */
  scala.collection.immutable.Seq<Attribute> after(scala.collection.Seq<Attribute> childOutput) {
    List<Attribute> output = new ArrayList<>(ScalaSeqs.toJava(childOutput));
    output.add(result);
    return ScalaSeqs.toScala(output);
  }

  /** A node's Catalyst product elements: call, result, child (its constructor's order). */
  Object element(int n, Object child) {
    return switch (n) {
      case 0 -> call;
      case 1 -> result;
      case 2 -> child;
      default -> throw new IndexOutOfBoundsException(n);
    };
  }
}
