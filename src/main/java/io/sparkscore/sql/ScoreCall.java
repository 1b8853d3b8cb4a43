package io.sparkscore.sql;

import io.sparkscore.compat.JavaExpression;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.function.Function;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.Unevaluable;
import org.apache.spark.sql.catalyst.expressions.codegen.CodegenContext;
import org.apache.spark.sql.catalyst.expressions.codegen.ExprCode;
import org.apache.spark.sql.types.DataType;

/**
 * A SparkScore function call in a plan. It is never evaluated row by row: {@link ExtractScoreCalls}
 * moves it into a {@link ScoreEval} node, whose operator scores whole partitions. Its children are
 * the text arguments; the constant arguments live in the {@link ScoreSpec}.
 */
// Unevaluable: optimizer rules that evaluate expressions early (ConvertToLocalRelation) leave it alone.
public final class ScoreCall extends JavaExpression implements Unevaluable {
  private static final long serialVersionUID = 1L;
  private final List<Expression> texts;
  private final ScoreSpec spec;
  private final DataType dataType;
  /** The constant arguments as the caller wrote them, for the column name and EXPLAIN. */
  private final String argumentsSql;

  public ScoreCall(List<Expression> texts, ScoreSpec spec, DataType dataType, String argumentsSql) {
    this.texts = List.copyOf(texts);
    this.spec = spec;
    this.dataType = dataType;
    this.argumentsSql = argumentsSql;
  }

  ScoreSpec spec() {
    return spec;
  }

  /** The text arguments, in the order of the spec's {@link SqlFunction#input} columns. */
  @Override
  public List<Expression> inputs() {
    return texts;
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
    return render(Expression::sql);
  }

  @Override
  public String toString() {
    return render(Expression::toString);
  }

  private String render(Function<Expression, String> text) {
    StringJoiner call = new StringJoiner(", ", prettyName() + "(", argumentsSql + ")");
    texts.forEach(t -> call.add(text.apply(t)));
    return call.toString();
  }

  @Override
  public Expression withNewInputs(List<Expression> newInputs) {
    return new ScoreCall(newInputs, spec, dataType, argumentsSql);
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
      case 0 -> texts;
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
    return other instanceof ScoreCall call && call.texts.equals(texts) && call.spec.equals(spec);
  }

  @Override
  public int hashCode() {
    return Objects.hash(texts, spec);
  }
}
