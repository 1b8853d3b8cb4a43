package io.sparkscore.compat;

import java.util.List;
import org.apache.spark.sql.catalyst.expressions.Expression;

/**
 * An expression with one child, for Java subclasses (Catalyst's {@code UnaryExpression} forwarders
 * clash with Java generics); see {@link JavaUnaryExec} for why this is per Scala line.
 */
public abstract class JavaUnaryExpression extends Expression {
  private static final long serialVersionUID = 1L;

  public abstract Expression child();

  public abstract Expression withNewChildInternal(Expression newChild);

  @Override
  public scala.collection.immutable.Seq<Expression> children() {
    return ScalaSeqs.toScala(List.of(child()));
  }

  @Override
  public Expression withNewChildrenInternal(scala.collection.immutable.IndexedSeq<Expression> newChildren) {
    return withNewChildInternal(newChildren.head());
  }
}
