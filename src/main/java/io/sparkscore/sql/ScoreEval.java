package io.sparkscore.sql;

import io.sparkscore.compat.JavaUnaryNode;
import io.sparkscore.compat.ScalaSeqs;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.AttributeSet;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

/**
 * Scores its child's rows with one SparkScore call and appends the result as {@code result}, as
 * Spark's {@code BatchEvalPython} appends a Python UDF's. {@link ScoreStrategy} plans it as {@link
 * ScoreEvalExec}.
 */
public final class ScoreEval extends JavaUnaryNode {
  private static final long serialVersionUID = 1L;
  private final ScoreCall call;
  private final Attribute result;
  private final LogicalPlan child;

  /** Expression-typed, so that Catalyst's reflective copy after an expression rewrite finds it. */
  public ScoreEval(Expression call, Expression result, LogicalPlan child) {
    this.call = (ScoreCall) call;
    this.result = (Attribute) result;
    this.child = child;
  }

  ScoreCall call() {
    return call;
  }

  Attribute result() {
    return result;
  }

  @Override
  public LogicalPlan child() {
    return child;
  }

  @Override
  public scala.collection.immutable.Seq<Attribute> output() {
    List<Attribute> output = new ArrayList<>(ScalaSeqs.toJava(child.output()));
    output.add(result);
    return ScalaSeqs.toScala(output);
  }

  @Override
  public AttributeSet producedAttributes() {
    return AttributeSet.apply(result);
  }

  @Override
  public LogicalPlan withNewChildInternal(LogicalPlan newChild) {
    return new ScoreEval(call, result, newChild);
  }

  @Override
  public int productArity() {
    return 3;
  }

  @Override
  public Object productElement(int n) {
    return switch (n) {
      case 0 -> call;
      case 1 -> result;
      case 2 -> child;
      default -> throw new IndexOutOfBoundsException(n);
    };
  }

  @Override
  public boolean canEqual(Object other) {
    return other instanceof ScoreEval;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ScoreEval e && e.call.equals(call) && e.result.equals(result) && e.child.equals(child);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(call, result, child);
  }
}
