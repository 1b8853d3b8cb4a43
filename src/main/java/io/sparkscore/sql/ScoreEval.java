package io.sparkscore.sql;

import io.sparkscore.compat.JavaUnaryNode;
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
  private final ScoreColumn column;
  private final LogicalPlan child;

  /** Expression-typed, so that Catalyst's reflective copy after an expression rewrite finds it. */
  public ScoreEval(Expression call, Expression result, LogicalPlan child) {
    this.column = new ScoreColumn((ScoreCall) call, (Attribute) result);
    this.child = child;
  }

  ScoreColumn column() {
    return column;
  }

  @Override
  public LogicalPlan child() {
    return child;
  }

  @Override
  public scala.collection.immutable.Seq<Attribute> output() {
    return column.after(child.output());
  }

  @Override
  public AttributeSet producedAttributes() {
    return AttributeSet.apply(column.result());
  }

  @Override
  public LogicalPlan withNewChildInternal(LogicalPlan newChild) {
    return new ScoreEval(column.call(), column.result(), newChild);
  }

  @Override
  public int productArity() {
    return 3;
  }

  @Override
  public Object productElement(int n) {
    return column.element(n, child);
  }

  @Override
  public boolean canEqual(Object other) {
    return other instanceof ScoreEval;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ScoreEval e && e.column.equals(column) && e.child.equals(child);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(column, child);
  }
}
