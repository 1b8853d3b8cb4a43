package io.sparkscore.jobs;

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

  /** Passes the scored rows through, counting the values of {@code statusCol}. */
  Dataset<Row> countStatuses(Dataset<Row> scored, String statusCol) {
    return scored.mapPartitions(
        new StatusTap(tallies, scored.schema().fieldIndex(statusCol)), Encoders.row(scored.schema()));
  }

  /** Totals over every partition counted so far. */
  public Totals totals() {
    Map<String, Long> malformed = new TreeMap<>();
    Map<String, Long> statuses = new TreeMap<>();
    List<Malformed> samples = new ArrayList<>();
    for (Tally tally : tallies.value().values()) {
      Map<String, Long> target = tally.key().startsWith(InputTap.NAME) ? malformed : statuses;
      tally.counts().forEach((k, v) -> target.merge(k, v, Long::sum));
      samples.addAll(tally.samples());
    }
    return new Totals(malformed, statuses, samples);
  }

  /**
   * What the summary says about rows: the status counts, then what was not scored and why, with each
   * malformed input record located by file and line (up to {@value #SAMPLES_PER_PARTITION} per partition).
   */
  public List<String> report(SparkSession spark, String task) {
    Totals totals = totals();
    List<String> lines = new ArrayList<>();
    Map<String, Long> kinds = new TreeMap<>();
    totals.statuses().forEach((status, count) -> kinds.merge(RowStatus.kind(status), count, Long::sum));
    lines.add(task + ": row statuses: " + describe(kinds));
    lines.add(String.format("%s: not scored: %d rows written without a value (null_text %d, error %d), "
            + "%d input records not read", task, totals.notScored(), totals.rows(RowStatus.NULL_TEXT),
        totals.rows("error"), totals.malformedRecords()));
    totals.malformed().forEach((reason, count) -> lines.add(task + ": " + count + " input records not read: " + reason));
    totals.statuses().forEach((status, count) -> {
      if (status.startsWith(RowStatus.ERROR_PREFIX)) {
        lines.add(task + ": " + count + " rows: " + status);
      }
    });
    List<Malformed> records = totals.samples().stream().filter(m -> m.record() != null).toList();
    MalformedInput.locate(spark, records).forEach(p -> lines.add(task + ": malformed input: " + p));
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
   * @param statuses scored rows by status (each error message apart)
   * @param samples examples of the malformed records
   */
  public record Totals(Map<String, Long> malformed, Map<String, Long> statuses, List<Malformed> samples) {
    public long malformedRecords() {
      return malformed.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Scored rows of a status kind ({@code ok}, {@code null_text} …, {@code error}). */
    public long rows(String kind) {
      return statuses.entrySet().stream()
          .filter(e -> RowStatus.kind(e.getKey()).equals(kind))
          .mapToLong(Map.Entry::getValue)
          .sum();
    }

    /** Rows written without a value: null text and rows the model refused. */
    public long notScored() {
      return rows(RowStatus.NULL_TEXT) + rows("error");
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

  /** Passes a partition through, counting its rows; the tally is added once the partition is exhausted. */
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
      String key = name + TaskContext.getPartitionId();
      return new Iterator<>() {
        private Row next;
        private boolean done;

        @Override
        public boolean hasNext() {
          while (next == null && !done) {
            if (rows.hasNext()) {
              Row row = rows.next();
              next = keep(row, counts, samples) ? row : null;
            } else {
              done = true;
              tallies.add(new Tally(key, counts, samples));
            }
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

  /** Counts scored rows by status, each error message apart up to a bound. */
  private static final class StatusTap extends Tap {
    private static final long serialVersionUID = 1L;
    private final int status;

    StatusTap(Tallies tallies, int status) {
      super(tallies, "scored#");
      this.status = status;
    }

    @Override
    boolean keep(Row row, Map<String, Long> counts, List<Malformed> samples) {
      String value = row.getString(status);
      if (value.startsWith(RowStatus.ERROR_PREFIX) && !counts.containsKey(value)
          && counts.keySet().stream().filter(k -> k.startsWith(RowStatus.ERROR_PREFIX)).count()
              >= ERROR_MESSAGES_PER_PARTITION) {
        value = OTHER_ERRORS;
      }
      counts.merge(value, 1L, Long::sum);
      return true;
    }
  }
}
