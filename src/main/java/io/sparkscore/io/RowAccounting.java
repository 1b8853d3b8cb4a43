package io.sparkscore.io;

import io.sparkscore.stages.RowStatus;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.AccumulatorV2;

/**
 * Counts what happened to a job's rows as they stream to the sink: the input records that could not
 * be read (and are left out), and each scored row's status. Counts are kept per (tap, partition) and
 * a recomputed partition replaces its earlier count, so retried tasks, re-run stages and sinks that
 * read their source twice (Delta MERGE) count every row exactly once.
 */
public final class RowAccounting {
  /** Column saying why an input record could not be read; null for good records. */
  static final String MALFORMED_COL = "_sparkscore_malformed";
  /** Column with the raw text of a record that could not be read, where the reader kept it. */
  static final String RECORD_COL = "_sparkscore_record";
  /** Column with the input file of a record. */
  static final String FILE_COL = "_sparkscore_file";
  /** Malformed records kept per partition as examples to locate in their files. */
  static final int SAMPLES_PER_PARTITION = 20;
  /** Distinct error messages counted apart per partition; the rest share one bucket. */
  static final int ERROR_MESSAGES_PER_PARTITION = 20;
  static final String OTHER_ERRORS = RowStatus.ERROR_PREFIX + "(further messages)";

  private final Tallies tallies;

  private RowAccounting(Tallies tallies) {
    this.tallies = tallies;
  }

  public static RowAccounting register(SparkSession spark) {
    Tallies tallies = new Tallies();
    spark.sparkContext().register(tallies, "sparkscore rows");
    return new RowAccounting(tallies);
  }

  /**
   * Leaves out the records whose {@value #MALFORMED_COL} is set, counting them by that reason and
   * keeping a few as examples; drops the three helper columns.
   */
  Dataset<Row> dropMalformed(Dataset<Row> input) {
    StructType schema = input.schema();
    InputTap tap = new InputTap(tallies, schema.fieldIndex(MALFORMED_COL), schema.fieldIndex(RECORD_COL),
        schema.fieldIndex(FILE_COL));
    return input.mapPartitions(tap, Encoders.row(schema)).drop(MALFORMED_COL, RECORD_COL, FILE_COL);
  }

  /**
   * Passes the scored rows through, counting the values of each of {@code statusCols}. {@code round}
   * tells apart the scorings of one job (an incremental run's micro-batches).
   */
  public Dataset<Row> countStatuses(Dataset<Row> scored, List<String> statusCols, String round) {
    int[] indexes = statusCols.stream().mapToInt(scored.schema()::fieldIndex).toArray();
    return scored.mapPartitions(new StatusTap(tallies, round, statusCols, indexes), Encoders.row(scored.schema()));
  }

  /** Totals over every partition counted so far. */
  public Totals totals() {
    Map<String, Long> malformed = new TreeMap<>();
    Map<String, Map<String, Long>> statuses = new TreeMap<>();
    List<Malformed> samples = new ArrayList<>();
    for (Tally tally : tallies.value().values()) {
      if (tally.key().startsWith(InputTap.NAME)) {
        tally.counts().forEach((reason, count) -> malformed.merge(reason, count, Long::sum));
      } else {
        tally.counts().forEach((key, count) -> {
          String[] columnAndStatus = key.split(StatusTap.SEPARATOR, 2);
          statuses.computeIfAbsent(columnAndStatus[0], c -> new TreeMap<>())
              .merge(columnAndStatus[1], count, Long::sum);
        });
      }
      samples.addAll(tally.samples());
    }
    return new Totals(malformed, statuses, samples);
  }

  /**
   * What the summary says about rows: each status column's counts, what was not scored and why, and
   * each malformed input record by file and line (up to {@value #SAMPLES_PER_PARTITION} per partition).
   */
  public List<String> report(SparkSession spark, String name) {
    Totals totals = totals();
    List<String> lines = new ArrayList<>();
    List<String> notScored = new ArrayList<>();
    totals.statuses().forEach((column, counts) -> {
      Map<String, Long> kinds = new TreeMap<>();
      counts.forEach((status, count) -> kinds.merge(RowStatus.kind(status), count, Long::sum));
      lines.add(name + ": " + column + ": " + describe(kinds));
      notScored.add(String.format("%s %d (null_text %d, error %d)", column, totals.notScored(column),
          totals.rows(column, RowStatus.NULL_TEXT), totals.rows(column, "error")));
    });
    lines.add(String.format("%s: not scored: %s; %d input records not read", name,
        notScored.isEmpty() ? "no status column" : String.join(", ", notScored), totals.malformedRecords()));
    totals.malformed().forEach((reason, count) -> lines.add(name + ": " + count + " input records not read: " + reason));
    totals.statuses().forEach((column, counts) -> counts.forEach((status, count) -> {
      if (status.startsWith(RowStatus.ERROR_PREFIX)) {
        lines.add(name + ": " + column + ": " + count + " rows: " + status);
      }
    }));
    List<Malformed> records = totals.samples().stream().filter(m -> m.record() != null).toList();
    MalformedInput.locate(spark, records).forEach(p -> lines.add(name + ": malformed input: " + p));
    return lines;
  }

  private static String describe(Map<String, Long> counts) {
    List<String> parts = new ArrayList<>();
    counts.forEach((k, v) -> parts.add(k + " " + v));
    return parts.isEmpty() ? "none" : String.join(", ", parts);
  }

  /** A record left out of the input: its file, why, and its raw text (null where the reader kept none). */
  public record Malformed(String file, String reason, String record) implements Serializable {}

  /**
   * @param malformed input records left out, by reason
   * @param statuses scored rows by status column, then by status (each error message apart)
   * @param samples examples of the malformed records
   */
  public record Totals(Map<String, Long> malformed, Map<String, Map<String, Long>> statuses, List<Malformed> samples) {
    public long malformedRecords() {
      return malformed.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Rows whose {@code column} has a status of {@code kind} ({@code ok}, {@code null_text} …, {@code error}). */
    public long rows(String column, String kind) {
      return statuses.getOrDefault(column, Map.of()).entrySet().stream()
          .filter(e -> RowStatus.kind(e.getKey()).equals(kind))
          .mapToLong(Map.Entry::getValue)
          .sum();
    }

    /** Rows written without {@code column}'s task's value: null text and rows the model refused. */
    public long notScored(String column) {
      return rows(column, RowStatus.NULL_TEXT) + rows(column, "error");
    }
  }

  /** One partition's counts, under a key naming the tap and the partition. */
  record Tally(String key, Map<String, Long> counts, List<Malformed> samples) implements Serializable {}

  /** Per-(tap, partition) tallies; a later tally of the same partition replaces the earlier one. */
  static final class Tallies extends AccumulatorV2<Tally, Map<String, Tally>> {
    private static final long serialVersionUID = 1L;
    private final Map<String, Tally> byKey = new HashMap<>();

    @Override
    public boolean isZero() {
      synchronized (byKey) {
        return byKey.isEmpty();
      }
    }

    @Override
    public Tallies copy() {
      Tallies copy = new Tallies();
      synchronized (byKey) {
        copy.byKey.putAll(byKey);
      }
      return copy;
    }

    @Override
    public void reset() {
      synchronized (byKey) {
        byKey.clear();
      }
    }

    @Override
    public void add(Tally tally) {
      synchronized (byKey) {
        byKey.put(tally.key(), tally);
      }
    }

    @Override
    public void merge(AccumulatorV2<Tally, Map<String, Tally>> other) {
      Map<String, Tally> tallies = other.value();
      synchronized (byKey) {
        byKey.putAll(tallies);
      }
    }

    @Override
    public Map<String, Tally> value() {
      synchronized (byKey) {
        return Map.copyOf(byKey);
      }
    }
  }

  /** Passes a partition through, counting its rows into the partition's tally. */
  private abstract static class Tap implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Tallies tallies;
    private final String name;

    Tap(Tallies tallies, String name) {
      this.tallies = tallies;
      this.name = name;
    }

    /** Counts {@code row}; false leaves it out. */
    abstract boolean keep(Row row, Map<String, Long> counts, List<Malformed> samples);

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      Map<String, Long> counts = new HashMap<>();
      List<Malformed> samples = new ArrayList<>();
      // The task's copy of the accumulator is sent to the driver when the task ends, with the counts
      // as they are then, also when a limit stops reading early.
      tallies.add(new Tally(name + TaskContext.getPartitionId(), counts, samples));
      return new Iterator<>() {
        private Row next;

        @Override
        public boolean hasNext() {
          while (next == null && rows.hasNext()) {
            Row row = rows.next();
            next = keep(row, counts, samples) ? row : null;
          }
          return next != null;
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          Row row = next;
          next = null;
          return row;
        }
      };
    }
  }

  /** Leaves out and counts the malformed input records. */
  private static final class InputTap extends Tap {
    private static final long serialVersionUID = 1L;
    static final String NAME = "input#";
    private final int reason;
    private final int record;
    private final int file;

    InputTap(Tallies tallies, int reason, int record, int file) {
      super(tallies, NAME);
      this.reason = reason;
      this.record = record;
      this.file = file;
    }

    @Override
    boolean keep(Row row, Map<String, Long> counts, List<Malformed> samples) {
      if (row.isNullAt(reason)) {
        return true;
      }
      counts.merge(row.getString(reason), 1L, Long::sum);
      if (samples.size() < SAMPLES_PER_PARTITION) {
        samples.add(new Malformed(row.getString(file), row.getString(reason), row.getString(record)));
      }
      return false;
    }
  }

  /** Counts scored rows by status column and status, each error message apart up to a bound. */
  private static final class StatusTap extends Tap {
    private static final long serialVersionUID = 1L;
    static final String SEPARATOR = "\t";
    private final List<String> columns;
    private final int[] indexes;

    StatusTap(Tallies tallies, String round, List<String> columns, int[] indexes) {
      super(tallies, "scored#" + round + "#");
      this.columns = List.copyOf(columns);
      this.indexes = indexes.clone();
    }

    @Override
    boolean keep(Row row, Map<String, Long> counts, List<Malformed> samples) {
      for (int c = 0; c < indexes.length; c++) {
        String prefix = columns.get(c) + SEPARATOR;
        String key = prefix + row.getString(indexes[c]);
        if (key.startsWith(prefix + RowStatus.ERROR_PREFIX) && !counts.containsKey(key)
            && counts.keySet().stream().filter(k -> k.startsWith(prefix + RowStatus.ERROR_PREFIX)).count()
                >= ERROR_MESSAGES_PER_PARTITION) {
          key = prefix + OTHER_ERRORS;
        }
        counts.merge(key, 1L, Long::sum);
      }
      return true;
    }
  }
}
