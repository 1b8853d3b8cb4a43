package io.sparkscore.sql;

import io.sparkscore.compat.JavaUnaryExec;
import io.sparkscore.compat.ScalaSeqs;
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
  private final ScoreColumn column;
  private final SparkPlan child;

  public ScoreEvalExec(ScoreColumn column, SparkPlan child) {
    this.column = column;
    this.child = child;
  }

  @Override
  public SparkPlan child() {
    return child;
  }

  @Override
  public scala.collection.immutable.Seq<Attribute> output() {
    return column.after(child.output());
  }

  @Override
  public RDD<InternalRow> doExecute() {
    // Built on the driver, as the stage's transform builds it: the model loads here first.
    ScoreCall call = column.call();
    MapPartitionsFunction<Row, Row> scoring = call.spec().stage().partitionFunction(call.spec().function().input());
    StructType schema = new StructType();
    for (Attribute column : ScalaSeqs.toJava(output())) {
      schema = schema.add(column.name(), column.dataType(), column.nullable());
    }
    ScoredRows rows = new ScoredRows(scoring, call.inputs(), ScalaSeqs.toScala(ScalaSeqs.toJava(child.output())), call.dataType(), schema);
    return child.execute().toJavaRDD().mapPartitions(rows, true).rdd();
  }

  @Override
  public SparkPlan withNewChildInternal(SparkPlan newChild) {
    return new ScoreEvalExec(column, newChild);
  }

  @Override
  public String simpleString(int maxFields) {
    return nodeName() + " " + column.call() + " AS " + column.result();
  }

  @Override
  public int productArity() {
    return 2;
  }

  @Override
  public Object productElement(int n) {
    return switch (n) {
      case 0 -> column;
      case 1 -> child;
      default -> throw new IndexOutOfBoundsException(n);
    };
  }

  @Override
  public boolean canEqual(Object other) {
    return other instanceof ScoreEvalExec;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ScoreEvalExec e && e.column.equals(column) && e.child.equals(child);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(column, child);
  }
}
