package io.sparkscore.sql;

import io.sparkscore.compat.ScalaSeqs;
import java.util.List;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.SparkStrategy;

/** Plans {@link ScoreEval} as {@link ScoreEvalExec}. */
final class ScoreStrategy extends SparkStrategy {
  @Override
  public scala.collection.immutable.Seq<SparkPlan> apply(LogicalPlan plan) {
    if (plan instanceof ScoreEval eval) {
      return ScalaSeqs.toScala(List.of(new ScoreEvalExec(eval.column(), planLater(eval.child()))));
    }
    return ScalaSeqs.toScala(List.of());
  }
}
