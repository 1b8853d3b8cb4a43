package io.sparkscore.compat;

import java.util.List;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.UnaryExecNode;

/**
 * A physical operator with one child, for Java subclasses: Scala classes get these members from
 * {@code UnaryLike}, but Java must write them, and {@code withNewChildrenInternal}'s parameter type
 * is the Scala line's {@code IndexedSeq} (this file is the Scala 2.13 one).
 */
public abstract class JavaUnaryExec extends SparkPlan implements UnaryExecNode {
  private static final long serialVersionUID = 1L;

  @Override
  public scala.collection.immutable.Seq<SparkPlan> children() {
    return ScalaSeqs.toScala(List.of(child()));
  }

  @Override
  public SparkPlan withNewChildrenInternal(scala.collection.immutable.IndexedSeq<SparkPlan> newChildren) {
    return withNewChildInternal(newChildren.head());
  }
}
