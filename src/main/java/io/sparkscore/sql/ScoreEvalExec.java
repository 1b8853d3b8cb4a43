package io.sparkscore.sql;

import io.sparkscore.compat.JavaUnaryExec;
import io.sparkscore.compat.ScalaSeqs;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.types.StructType;

/**
 * Scores each partition of its child with one SparkScore call, through the stage's own partition
 * function (its windows, length-sorted batches and JVM-wide sessions), and appends the result to
 * each row in input order, as Spark's {@code BatchEvalPythonExec} does for Python UDFs.
 */
public final class ScoreEvalExec extends JavaUnaryExec {
  private static final long serialVersionUID = 1L;
  private final ScoreCall call;
  private final Attribute result;
  private final SparkPlan child;

  public ScoreEvalExec(ScoreCall call, Attribute result, SparkPlan child) {
    this.call = call;
    this.result = result;
    this.child = child;
  }

  @Override
  public SparkPlan child() {
    return child;
  }

  @Override
  public scala.collection.immutable.Seq<Attribute> output() {
    List<Attribute> output = new ArrayList<>(ScalaSeqs.toJava(child.output()));
    output.add(result);
    return ScalaSeqs.toScala(output);
  }

  @Override
  public RDD<InternalRow> doExecute() {
    // Built on the driver, as the stage's transform builds it: the model loads here first.
    MapPartitionsFunction<Row, Row> scoring = call.spec().stage().partitionFunction(ScoreSpec.INPUT);
    List<Attribute> input = ScalaSeqs.toJava(child.output());
    StructType schema = new StructType();
    for (Attribute column : ScalaSeqs.toJava(output())) {
      schema = schema.add(column.name(), column.dataType(), column.nullable());
    }
    ScoredRows rows = new ScoredRows(scoring, call.child(), ScalaSeqs.toScala(new ArrayList<>(input)), call.dataType(), schema);
    return child.execute().toJavaRDD().mapPartitions(rows, true).rdd();
  }

  @Override
  public SparkPlan withNewChildInternal(SparkPlan newChild) {
    return new ScoreEvalExec(call, result, newChild);
  }

  @Override
  public String simpleString(int maxFields) {
    return nodeName() + " " + call + " AS " + result;
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
    return other instanceof ScoreEvalExec;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ScoreEvalExec e && e.call.equals(call) && e.result.equals(result) && e.child.equals(child);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(call, result, child);
  }
}
