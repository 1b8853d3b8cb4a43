package io.sparkscore.stages;

import ai.djl.huggingface.tokenizers.Encoding;
import io.sparkscore.SparkScoreException;
import io.sparkscore.runtime.BatchPlanner;
import io.sparkscore.runtime.BatchSettings;
import io.sparkscore.runtime.FloatTensor;
import io.sparkscore.runtime.LoadedModel;
import io.sparkscore.runtime.ModelCache;
import io.sparkscore.runtime.ModelSpec;
import io.sparkscore.runtime.OnnxModel;
import io.sparkscore.runtime.ScoringMetrics;
import io.sparkscore.runtime.TokenBatch;
import io.sparkscore.spark.DeviceUsage;
import io.sparkscore.spark.DuplicateRows;
import io.sparkscore.text.HfTokenizer;
import io.sparkscore.text.TokenizerSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The partition function behind every stage. It pulls a window of rows, encodes all their texts in
 * one tokenizer call, groups the sequences into length-sorted batches under a row and token budget,
 * runs each batch once, and emits the window's rows in their input order with the stage's values
 * appended. The model comes from the JVM-wide {@link ModelCache}; nothing heavy is shipped.
 */
final class ScoringPartition implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  /**
   * A window also closes once its texts reach this many characters, so that a run of huge
   * documents (and, when chunked, their thousands of windows) is held a few at a time.
   */
  static final long WINDOW_CHARS = 1 << 20;

  private final ModelSpec spec;
  private final TokenizerSettings tokenizerSettings;
  private final BatchSettings batching;
  private final RowScorer scorer;
  private final boolean status;
  private final boolean dedupe;
  /** Registered on the driver when the stage builds this function; tasks report their devices to it. */
  private final DeviceUsage devices;
  /** Registered alongside {@link #devices}; tasks count the rows their windows served from a duplicate. */
  private final DuplicateRows duplicates;

  ScoringPartition(ModelSpec spec, TokenizerSettings tokenizerSettings, BatchSettings batching, RowScorer scorer) {
    this(spec, tokenizerSettings, batching, scorer, false, false, DeviceUsage.register(), DuplicateRows.register());
  }

  private ScoringPartition(ModelSpec spec, TokenizerSettings tokenizerSettings, BatchSettings batching,
      RowScorer scorer, boolean status, boolean dedupe, DeviceUsage devices, DuplicateRows duplicates) {
    this.spec = spec;
    this.tokenizerSettings = tokenizerSettings;
    this.batching = batching;
    this.scorer = scorer;
    this.status = status;
    this.dedupe = dedupe;
    this.devices = devices;
    this.duplicates = duplicates;
  }

  /**
   * With {@code on}, each row also gets its {@link RowStatus}, and a row the model refuses gets null
   * values and an error status instead of failing the task.
   */
  ScoringPartition withStatus(boolean on) {
    return new ScoringPartition(spec, tokenizerSettings, batching, scorer, on, dedupe, devices, duplicates);
  }

  /**
   * With {@code on}, a text repeated within a window is tokenized once, and sequences the model would
   * see identically (equal token ids after the tokenizer's normalisation) run once; the others copy
   * the values, so outputs are those of a run without dedupe.
   */
  ScoringPartition withDedupe(boolean on) {
    return new ScoringPartition(spec, tokenizerSettings, batching, scorer, status, on, devices, duplicates);
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    LoadedModel model = ModelCache.get(spec);
    HfTokenizer tokenizer = model.tokenizer(tokenizerSettings);
    return new Iterator<>() {
      private final Window window = new Window(model, tokenizer, scorer.forPartition());
      private List<Row> ready = List.of();
      private int next;

      @Override
      public boolean hasNext() {
        while (next >= ready.size() && rows.hasNext()) {
          ready = window.score(rows);
          next = 0;
        }
        return next < ready.size();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return ready.get(next++);
      }
    };
  }

  /** Scores windows of rows; holds the reusable input buffers and the scorer of one partition. */
  private final class Window {
    private final LoadedModel model;
    private final HfTokenizer tokenizer;
    private final RowScorer scorer;
    private final TokenBatch batch = new TokenBatch();
    private OnnxModel session;

    Window(LoadedModel model, HfTokenizer tokenizer, RowScorer scorer) {
      this.model = model;
      this.tokenizer = tokenizer;
      this.scorer = scorer;
    }

    List<Row> score(Iterator<Row> rows) {
      List<Row> input = new ArrayList<>(batching.window());
      WindowTexts texts = new WindowTexts(dedupe);
      // owners[k] = {row index, input index within the row} of the k-th input; textOf[k] its distinct text.
      List<int[]> owners = new ArrayList<>();
      List<Integer> textOf = new ArrayList<>();
      int[] inputsPerRow = new int[batching.window()];
      boolean[] blank = new boolean[batching.window()];
      String[] refusals = new String[batching.window()];
      long[] chars = {0};
      while (input.size() < batching.window() && chars[0] < WINDOW_CHARS && rows.hasNext()) {
        Row row = rows.next();
        int rowIndex = input.size();
        input.add(row);
        scorer.addInputs(row, new RowScorer.Inputs() {
          @Override
          public void text(String text) {
            add(text, null);
          }

          @Override
          public void pair(String text, String pair) {
            add(text, pair);
          }

          @Override
          public void refuse(String reason) {
            if (!status) {
              throw SparkScoreException.user("%s", reason);
            }
            refusals[rowIndex] = RowStatus.ERROR_PREFIX + reason;
          }

          @Override
          public void empty() {
            blank[rowIndex] = true;
          }

          private void add(String text, String pair) {
            chars[0] += text.length() + (pair == null ? 0 : pair.length());
            blank[rowIndex] |= status && (RowStatus.blank(text) || (pair != null && RowStatus.blank(pair)));
            textOf.add(texts.add(text, pair == null || pair.isEmpty() ? null : pair));
            owners.add(new int[] {rowIndex, inputsPerRow[rowIndex]++});
          }
        });
      }
      Encoding[] encoded = encode(texts.firsts(), texts.seconds());
      // Long texts split into windows: every window is a sequence of its own.
      List<Encoding> sequences = new ArrayList<>(encoded.length);
      int[] firstSequence = new int[encoded.length + 1];
      for (int i = 0; i < encoded.length; i++) {
        firstSequence[i] = sequences.size();
        sequences.add(encoded[i]);
        if (tokenizerSettings.windows()) {
          sequences.addAll(Arrays.asList(encoded[i].getOverflowing()));
        }
      }
      firstSequence[encoded.length] = sequences.size();
      int[] source = dedupe ? SequenceKey.firstOccurrences(sequences) : SequenceKey.identity(sequences.size());
      String[] failures = new String[sequences.size()];
      float[][] values = run(sequences, source, failures);
      String[] rowFailures = Arrays.copyOf(refusals, input.size());
      List<List<List<RowScorer.Scored>>> perRow = new ArrayList<>(input.size());
      for (int r = 0; r < input.size(); r++) {
        List<List<RowScorer.Scored>> slots = new ArrayList<>(inputsPerRow[r]);
        for (int k = 0; k < inputsPerRow[r]; k++) {
          slots.add(new ArrayList<>(1));
        }
        perRow.add(slots);
      }
      // A row is served from the window when each of its inputs repeats an earlier input's text or sequences.
      boolean[] copies = new boolean[input.size()];
      boolean[] fresh = new boolean[input.size()];
      boolean[] textSeen = new boolean[encoded.length];
      for (int k = 0; k < owners.size(); k++) {
        int[] owner = owners.get(k);
        int text = textOf.get(k);
        boolean copied = textSeen[text];
        textSeen[text] = true;
        List<RowScorer.Scored> slot = perRow.get(owner[0]).get(owner[1]);
        boolean sequencesCopied = true;
        for (int s = firstSequence[text]; s < firstSequence[text + 1]; s++) {
          slot.add(new RowScorer.Scored(sequences.get(s), values[s]));
          if (failures[s] != null) {
            rowFailures[owner[0]] = failures[s];
          }
          sequencesCopied &= source[s] != s;
        }
        boolean copy = copied || sequencesCopied;
        copies[owner[0]] = copy && !fresh[owner[0]];
        fresh[owner[0]] |= !copy;
      }
      List<Row> out = new ArrayList<>(input.size());
      long served = 0;
      for (int r = 0; r < input.size(); r++) {
        Row row = input.get(r);
        Object[] extra = rowFailures[r] == null
            ? scorer.combine(row, perRow.get(r), model)
            : scorer.refused(row, perRow.get(r), model);
        if (status) {
          extra = Arrays.copyOf(extra, extra.length + 1);
          String own = rowFailures[r] == null ? scorer.status(row, perRow.get(r)) : null;
          extra[extra.length - 1] = rowFailures[r] != null ? rowFailures[r]
              : own != null ? own : RowStatus.of(perRow.get(r), blank[r]);
        }
        out.add(RowFactory.create(appended(row, extra)));
        served += copies[r] ? 1 : 0;
      }
      ScoringMetrics.rows(input.size());
      if (served > 0) {
        duplicates.add(served);
      }
      return out;
    }

    /** Single texts and pairs (a null second text) in one window, each kind in one tokenizer call. */
    private Encoding[] encode(List<String> firsts, List<String> seconds) {
      List<Integer> paired = new ArrayList<>();
      List<Integer> single = new ArrayList<>();
      for (int i = 0; i < seconds.size(); i++) {
        (seconds.get(i) == null ? single : paired).add(i);
      }
      Encoding[] out = new Encoding[firsts.size()];
      if (!single.isEmpty()) {
        Encoding[] encoded = tokenizer.encode(single.size() == firsts.size() ? firsts : pick(firsts, single));
        for (int k = 0; k < encoded.length; k++) {
          out[single.get(k)] = encoded[k];
        }
      }
      if (!paired.isEmpty()) {
        Encoding[] encoded = tokenizer.encodePairs(pick(firsts, paired), pick(seconds, paired));
        for (int k = 0; k < encoded.length; k++) {
          out[paired.get(k)] = encoded[k];
        }
      }
      return out;
    }

    private static List<String> pick(List<String> values, List<Integer> indices) {
      List<String> out = new ArrayList<>(indices.size());
      for (int i : indices) {
        out.add(values.get(i));
      }
      return out;
    }

    /**
     * Each sequence's value; with status on, a sequence the model refuses gets its error in
     * {@code failures}. Only sequences that are their own {@code source} run; the others copy it.
     */
    private float[][] run(List<Encoding> sequences, int[] source, String[] failures) {
      float[][] values = new float[sequences.size()][];
      if (sequences.isEmpty() || !scorer.runsModel()) {
        return values;
      }
      if (session == null) {
        session = model.sessionForTask(spec.session());
      }
      Set<String> outputs = scorer.outputNames(session);
      int[] distinct = SequenceKey.sources(source);
      int[] lengths = new int[distinct.length];
      for (int i = 0; i < lengths.length; i++) {
        lengths[i] = sequences.get(distinct[i]).getIds().length;
      }
      List<int[]> plan =
          BatchPlanner.plan(lengths, batching.rowsPerRun(session), batching.tokenBudget(session.device()),
              batching.sortByLength(), batching.batchCost(session.device()));
      List<Encoding> members = new ArrayList<>(batching.batchSize());
      for (int[] planned : plan) {
        int[] indices = new int[planned.length];
        members.clear();
        for (int b = 0; b < planned.length; b++) {
          indices[b] = distinct[planned[b]];
          members.add(sequences.get(indices[b]));
        }
        batch.fill(members, tokenizer.padId());
        Map<String, FloatTensor> result;
        try {
          result = session.run(batch, outputs);
        } catch (RuntimeException e) {
          if (!status || !RowStatus.rowLevel(e)) {
            throw e;
          }
          runOneByOne(indices, sequences, outputs, values, failures);
          continue;
        }
        for (int b = 0; b < indices.length; b++) {
          values[indices[b]] = scorer.reduce(result, b, members.get(b), session);
        }
        ScoringMetrics.batch(session.device(), batch.realTokens(), batch.paddedTokens());
        devices.add(session.deviceLabel());
      }
      for (int s = 0; s < source.length; s++) {
        values[s] = values[source[s]];
        failures[s] = failures[source[s]];
      }
      return values;
    }

    /** Reruns a refused batch a sequence at a time, so only the sequences the model refuses fail. */
    private void runOneByOne(
        int[] indices, List<Encoding> sequences, Set<String> outputs, float[][] values, String[] failures) {
      for (int i : indices) {
        batch.fill(List.of(sequences.get(i)), tokenizer.padId());
        try {
          values[i] = scorer.reduce(session.run(batch, outputs), 0, sequences.get(i), session);
          ScoringMetrics.batch(session.device(), batch.realTokens(), batch.paddedTokens());
          devices.add(session.deviceLabel());
        } catch (RuntimeException e) {
          if (!RowStatus.rowLevel(e)) {
            throw e;
          }
          failures[i] = RowStatus.error(e);
        }
      }
    }
  }

  /** The row's values followed by {@code extra}, filled into one array. */
  private static Object[] appended(Row row, Object[] extra) {
    int size = row.size();
    Object[] values = new Object[size + extra.length];
    for (int i = 0; i < size; i++) {
      values[i] = row.get(i);
    }
    System.arraycopy(extra, 0, values, size, extra.length);
    return values;
  }
}
