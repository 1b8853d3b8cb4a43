package io.sparkscore.compat;

import java.util.List;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.UnaryNode;

/** A logical node with one child, for Java subclasses; see {@link JavaUnaryExec} for why this is per Scala line. */
public abstract class JavaUnaryNode extends LogicalPlan implements UnaryNode {
  private static final long serialVersionUID = 1L;

  @Override
  public scala.collection.immutable.Seq<LogicalPlan> children() {
    return ScalaSeqs.toScala(List.of(child()));
  }

  @Override
  public LogicalPlan withNewChildrenInternal(scala.collection.immutable.IndexedSeq<LogicalPlan> newChildren) {
    return withNewChildInternal(newChildren.head());
  }
}
