package io.sparkscore.run;

import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/**
 * Passes rows through unchanged, counting them into an accumulator. Spark ships running tasks'
 * accumulator values to the driver with executor heartbeats, so progress sees rows before tasks end.
 */
final class CountingPartition implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  private final LongAccumulator rows;

  CountingPartition(LongAccumulator rows) {
    this.rows = rows;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> input) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return input.hasNext();
      }

      @Override
      public Row next() {
        Row row = input.next();
        rows.add(1);
        return row;
      }
    };
  }
}
