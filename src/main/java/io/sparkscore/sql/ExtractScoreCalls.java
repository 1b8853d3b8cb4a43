package io.sparkscore.sql;

import io.sparkscore.SparkScoreException;
import io.sparkscore.compat.ScalaSeqs;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.catalyst.rules.Rule;
import org.apache.spark.sql.types.Metadata;

/**
 * Moves SparkScore calls out of projections and filters into {@link ScoreEval} nodes below them, as
 * Spark's {@code ExtractPythonUDFs} moves Python UDFs into {@code BatchEvalPython}. Equal calls of
 * one node (same function, text, model, options) become one node, so one scoring pass; a call whose
 * text holds another call is scored after it. A call anywhere else is refused with the place named.
 */
final class ExtractScoreCalls extends Rule<LogicalPlan> {

  @Override
  public LogicalPlan apply(LogicalPlan plan) {
    LogicalPlan rewritten = rewrite(plan);
    refuseLeftovers(rewritten);
    return rewritten;
  }

  private LogicalPlan rewrite(LogicalPlan plan) {
    List<LogicalPlan> children = new ArrayList<>();
    boolean changed = false;
    for (LogicalPlan child : ScalaSeqs.toJava(plan.children())) {
      LogicalPlan next = rewrite(child);
      changed |= next != child;
      children.add(next);
    }
    LogicalPlan node = changed ? plan.withNewChildren(ScalaSeqs.toScala(children)) : plan;
    return node instanceof Project || node instanceof Filter ? extract(node) : node;
  }

  /** {@code node} (a Project or Filter) over one ScoreEval per distinct call, innermost calls first. */
  private static LogicalPlan extract(LogicalPlan node) {
    LogicalPlan original = node.children().head();
    LogicalPlan input = original;
    List<Expression> expressions = new ArrayList<>(ScalaSeqs.toJava(node.expressions()));
    ScoreCall call;
    while ((call = innermost(expressions)) != null) {
      Attribute result = new AttributeReference(call.prettyName(), call.dataType(), true, Metadata.empty(),
          NamedExpression.newExprId(), ScalaSeqs.toScala(List.<String>of()));
      input = new ScoreEval(call, result, input);
      Expression canonical = call.canonicalized();
      expressions.replaceAll(e -> replace(e, canonical, result));
    }
    if (input == original) {
      return node;
    }
    if (node instanceof Filter) {
      List<NamedExpression> columns = new ArrayList<>(ScalaSeqs.toJava(original.output()));
      return new Project(ScalaSeqs.toScala(columns), new Filter(expressions.get(0), input));
    }
    List<NamedExpression> projections = new ArrayList<>();
    expressions.forEach(e -> projections.add((NamedExpression) e));
    return new Project(ScalaSeqs.toScala(projections), input);
  }

  /** The first call whose text holds no call, or null. */
  private static ScoreCall innermost(List<Expression> expressions) {
    for (Expression e : expressions) {
      ScoreCall found = innermost(e);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static ScoreCall innermost(Expression e) {
    for (Expression child : ScalaSeqs.toJava(e.children())) {
      ScoreCall found = innermost(child);
      if (found != null) {
        return found;
      }
    }
    return e instanceof ScoreCall call ? call : null;
  }

  private static Expression replace(Expression e, Expression canonicalCall, Attribute result) {
    if (e instanceof ScoreCall && e.canonicalized().equals(canonicalCall)) {
      return result;
    }
    List<Expression> children = new ArrayList<>();
    boolean changed = false;
    for (Expression child : ScalaSeqs.toJava(e.children())) {
      Expression next = replace(child, canonicalCall, result);
      changed |= next != child;
      children.add(next);
    }
    return changed ? e.withNewChildren(ScalaSeqs.toScala(children)) : e;
  }

  private static void refuseLeftovers(LogicalPlan plan) {
    for (Expression e : ScalaSeqs.toJava(plan.expressions())) {
      ScoreCall call = innermost(e);
      if (call != null && !(plan instanceof ScoreEval)) {
        throw SparkScoreException.user(
            "%s can be used in a SELECT list or a WHERE clause, not in %s; compute it in a subquery first: %s",
            call.prettyName(), plan.nodeName(), call.sql());
      }
    }
    ScalaSeqs.toJava(plan.children()).forEach(ExtractScoreCalls::refuseLeftovers);
  }
}
