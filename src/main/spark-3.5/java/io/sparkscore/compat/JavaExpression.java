package io.sparkscore.compat;

import java.util.List;
import org.apache.spark.sql.catalyst.expressions.Expression;

/**
 * An expression with any number of children, for Java subclasses (Catalyst's {@code UnaryExpression}
 * and {@code BinaryExpression} forwarders clash with Java generics); see {@link JavaUnaryExec} for why
 * this is per Scala line.
 */
public abstract class JavaExpression extends Expression {
  private static final long serialVersionUID = 1L;

  public abstract List<Expression> inputs();

  public abstract Expression withNewInputs(List<Expression> newInputs);

  @Override
  public scala.collection.immutable.Seq<Expression> children() {
    return ScalaSeqs.toScala(inputs());
  }

  @Override
  public Expression withNewChildrenInternal(scala.collection.IndexedSeq<Expression> newChildren) {
    return withNewInputs(ScalaSeqs.toJava(newChildren));
  }
}
