package io.sparkscore.sql;

import io.sparkscore.compat.JavaUnaryExpression;
import java.util.Objects;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.Unevaluable;
import org.apache.spark.sql.catalyst.expressions.codegen.CodegenContext;
import org.apache.spark.sql.catalyst.expressions.codegen.ExprCode;
import org.apache.spark.sql.types.DataType;

/**
 * A SparkScore function call in a plan. It is never evaluated row by row: {@link ExtractScoreCalls}
 * moves it into a {@link ScoreEval} node, whose operator scores whole partitions. Its child is the
 * text; the constant arguments live in the {@link ScoreSpec}.
 */
// Unevaluable: optimizer rules that evaluate expressions early (ConvertToLocalRelation) leave it alone.
public final class ScoreCall extends JavaUnaryExpression implements Unevaluable {
  private static final long serialVersionUID = 1L;
  private final Expression text;
  private final ScoreSpec spec;
  private final DataType dataType;
  /** The constant arguments as the caller wrote them, for the column name and EXPLAIN. */
  private final String argumentsSql;

  public ScoreCall(Expression text, ScoreSpec spec, DataType dataType, String argumentsSql) {
    this.text = text;
    this.spec = spec;
    this.dataType = dataType;
    this.argumentsSql = argumentsSql;
  }

  ScoreSpec spec() {
    return spec;
  }

  @Override
  public Expression child() {
    return text;
  }

  @Override
  public DataType dataType() {
    return dataType;
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public String prettyName() {
    return spec.function().sqlName();
  }

  @Override
  public String sql() {
    return prettyName() + "(" + text.sql() + argumentsSql + ")";
  }

  @Override
  public String toString() {
    return prettyName() + "(" + text + argumentsSql + ")";
  }

  @Override
  public Expression withNewChildInternal(Expression newChild) {
    return new ScoreCall(newChild, spec, dataType, argumentsSql);
  }

  @Override
  public Object eval(InternalRow input) {
    throw new IllegalStateException(prettyName() + " is evaluated by the ScoreEval operator, never row by row");
  }

  @Override
  public ExprCode doGenCode(CodegenContext ctx, ExprCode ev) {
    throw new IllegalStateException(prettyName() + " is evaluated by the ScoreEval operator, never in generated code");
  }

  @Override
  public int productArity() {
    return 2;
  }

  @Override
  public Object productElement(int n) {
    return switch (n) {
      case 0 -> text;
      case 1 -> spec;
      default -> throw new IndexOutOfBoundsException(n);
    };
  }

  @Override
  public boolean canEqual(Object other) {
    return other instanceof ScoreCall;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ScoreCall call && call.text.equals(text) && call.spec.equals(spec);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, spec);
  }
}
