package io.sparkscore.run;

import io.sparkscore.reports.RunReport;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The console view of a run: on a terminal, one line redrawn four times a second (done / total,
 * percent, rows/s, ETA); elsewhere (CI, log files) the same facts as a plain line every
 * {@code interval}. It also samples the row count once a second for the report's throughput chart.
 */
public final class Progress implements AutoCloseable {
  /** How progress is shown. */
  public enum Mode { BAR, LINES, OFF }

  /** {@code rows} scored {@code seconds} after the run started. */
  private record Sample(double seconds, long rows) {}

  private static final long BAR_TICK_MS = 250;
  private static final long SAMPLE_MS = 1000;
  private static final double RATE_WINDOW_SECONDS = 10;

  private final PrintStream out;
  private final Mode mode;
  private final long intervalMs;
  private final LongSupplier rows;
  private final long startNanos = System.nanoTime();
  private final AtomicLong total = new AtomicLong();
  private final List<Sample> samples = new ArrayList<>();
  private final ScheduledExecutorService ticker;
  private long lastSampleMs = -SAMPLE_MS;
  private long lastLineMs;
  private boolean drawn;

  private Progress(PrintStream out, Mode mode, Duration interval, LongSupplier rows) {
    this.out = out;
    this.mode = mode;
    this.intervalMs = interval.toMillis();
    this.rows = rows;
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "sparkscore-progress");
      thread.setDaemon(true);
      return thread;
    });
    long tick = mode == Mode.BAR ? BAR_TICK_MS : Math.min(SAMPLE_MS, intervalMs);
    ticker.scheduleAtFixedRate(this::tick, 0, tick, TimeUnit.MILLISECONDS);
  }

  /**
   * Starts showing progress of {@code rows}. {@code auto} draws a bar when {@code out} is this
   * process's terminal and prints lines otherwise.
   */
  public static Progress start(PrintStream out, String mode, Duration interval, LongSupplier rows) {
    Mode chosen = switch (mode) {
      case "bar" -> Mode.BAR;
      case "lines" -> Mode.LINES;
      case "off" -> Mode.OFF;
      default -> out == System.out && System.console() != null ? Mode.BAR : Mode.LINES;
    };
    return new Progress(out, chosen, interval, rows);
  }

  /** Adds {@code count} rows to the expected total (incremental runs learn it batch by batch). */
  public void expect(long count) {
    total.addAndGet(count);
  }

  private synchronized void tick() {
    long nowMs = elapsedMs();
    long done = rows.getAsLong();
    if (nowMs - lastSampleMs >= SAMPLE_MS) {
      samples.add(new Sample(nowMs / 1000.0, done));
      lastSampleMs = nowMs;
    }
    if (done == 0 && total.get() == 0) {
      return;
    }
    if (mode == Mode.BAR) {
      out.print("\r" + bar(done, total.get()) + " " + line(done, total.get(), rate(nowMs, done), nowMs / 1000.0) + "\u001b[K");
      out.flush();
      drawn = true;
    } else if (mode == Mode.LINES && nowMs - lastLineMs >= intervalMs) {
      out.println("progress: " + line(done, total.get(), rate(nowMs, done), nowMs / 1000.0));
      lastLineMs = nowMs;
    }
  }

  /** Rows per second over the last few seconds (the whole run when shorter). */
  private double rate(long nowMs, long done) {
    double now = nowMs / 1000.0;
    Sample from = null;
    for (int i = samples.size() - 1; i >= 0; i--) {
      from = samples.get(i);
      if (now - from.seconds() >= RATE_WINDOW_SECONDS) {
        break;
      }
    }
    if (from == null || now - from.seconds() <= 0) {
      return 0;
    }
    return (done - from.rows()) / (now - from.seconds());
  }

  /** {@code 1,200 / 3,000 rows  40% | 85.3 rows/s | ETA 0:21 | 0:42 elapsed}, parts dropped when unknown. */
  static String line(long done, long total, double rate, double elapsedSeconds) {
    StringBuilder text = new StringBuilder();
    if (total > 0) {
      text.append(String.format(Locale.ROOT, "%,d / %,d rows %3d%%", done, total, Math.min(100, done * 100 / total)));
    } else {
      text.append(String.format(Locale.ROOT, "%,d rows", done));
    }
    text.append(String.format(Locale.ROOT, " | %.1f rows/s", rate));
    if (total > done && rate > 0) {
      text.append(" | ETA ").append(clock((total - done) / rate));
    }
    text.append(" | ").append(clock(elapsedSeconds)).append(" elapsed");
    return text.toString();
  }

  private static String bar(long done, long total) {
    int width = 24;
    int filled = total > 0 ? (int) Math.min(width, done * width / total) : 0;
    return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]";
  }

  static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  private long elapsedMs() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /**
   * Rows/s between the once-a-second samples so far (and now), over at most {@code maxPoints}
   * intervals: long runs merge neighbouring samples.
   */
  public synchronized List<RunReport.Throughput> throughput(int maxPoints) {
    List<Sample> all = new ArrayList<>(samples);
    all.add(new Sample(elapsedMs() / 1000.0, rows.getAsLong()));
    List<RunReport.Throughput> out = new ArrayList<>();
    int step = Math.max(1, (all.size() + maxPoints - 1) / maxPoints);
    for (int i = step; i < all.size(); i += step) {
      Sample from = all.get(i - step);
      Sample to = all.get(i);
      if (to.seconds() > from.seconds()) {
        out.add(new RunReport.Throughput(to.seconds(), (to.rows() - from.rows()) / (to.seconds() - from.seconds())));
      }
    }
    return out;
  }

  /** Stops redrawing; ends the bar's line so that what follows starts on a fresh one. */
  @Override
  public void close() {
    ticker.shutdownNow();
    try {
      ticker.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      if (drawn) {
        long nowMs = elapsedMs();
        long done = rows.getAsLong();
        out.println("\r" + bar(done, total.get()) + " " + line(done, total.get(), rate(nowMs, done), nowMs / 1000.0)
            + "\u001b[K");
      }
    }
  }
}
