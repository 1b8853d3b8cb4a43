package io.sparkscore.sql;

import io.sparkscore.compat.ScalaSeqs;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.JoinedRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import scala.Function1;

/**
 * One partition of {@link ScoreEvalExec}: each input row's texts go through the stage's partition
 * function while the row waits in a queue; the function emits in input order, so each scored row
 * is joined back to the head of the queue. A null text makes the result null.
 */
final class ScoredRows implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {
  private static final long serialVersionUID = 1L;
  private final MapPartitionsFunction<Row, Row> scoring;
  private final List<Expression> texts;
  private final scala.collection.immutable.Seq<Attribute> input;
  private final DataType resultType;
  private final StructType outputSchema;

  ScoredRows(MapPartitionsFunction<Row, Row> scoring, List<Expression> texts, scala.collection.immutable.Seq<Attribute> input,
      DataType resultType, StructType outputSchema) {
    this.scoring = scoring;
    this.texts = texts;
    this.input = input;
    this.resultType = resultType;
    this.outputSchema = outputSchema;
  }

  @Override
  public Iterator<InternalRow> call(Iterator<InternalRow> rows) throws Exception {
    UnsafeProjection textsOf = UnsafeProjection.create(ScalaSeqs.toScala(texts), input);
    int count = texts.size();
    UnsafeProjection out = UnsafeProjection.create(outputSchema);
    Function1<Object, Object> toCatalyst = CatalystTypeConverters.createToCatalystConverter(resultType);
    ArrayDeque<InternalRow> waiting = new ArrayDeque<>();
    Iterator<Row> texts = new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        InternalRow row = rows.next();
        waiting.add(row.copy());
        UnsafeRow values = textsOf.apply(row);
        Object[] strings = new Object[count];
        for (int i = 0; i < count; i++) {
          strings[i] = values.isNullAt(i) ? null : values.getUTF8String(i).toString();
        }
        return RowFactory.create(strings);
      }
    };
    Iterator<Row> scored = scoring.call(texts);
    JoinedRow joined = new JoinedRow();
    GenericInternalRow value = new GenericInternalRow(1);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return scored.hasNext();
      }

      @Override
      public InternalRow next() {
        Row row = scored.next();
        Object result = null;
        if (!anyNull(row, count)) {
          Object[] added = new Object[row.size() - count];
          for (int i = 0; i < added.length; i++) {
            added[i] = row.get(i + count);
          }
          // As ScoreSpec#dataType types it: one added column is the result, several a struct of them.
          result = toCatalyst.apply(added.length == 1 ? added[0] : RowFactory.create(added));
        }
        value.update(0, result);
        return out.apply(joined.apply(waiting.poll(), value));
      }
    };
  }

  private static boolean anyNull(Row row, int count) {
    for (int i = 0; i < count; i++) {
      if (row.isNullAt(i)) {
        return true;
      }
    }
    return false;
  }
}
