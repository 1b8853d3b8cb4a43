package io.sparkscore.io;

import io.delta.exceptions.DeltaConcurrentModificationException;
import io.sparkscore.SparkScoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes to a Delta table again when another job committed to it first. Delta commits atomically
 * and checks for conflicts: a write that loses leaves nothing visible (its files are never
 * referenced), so writing again is safe for overwrite (the later job's rows replace the earlier's,
 * as if they had run one after the other), append (the rows are added once) and merge by key.
 */
public final class ConcurrentCommits {
  private static final Logger LOG = LoggerFactory.getLogger(ConcurrentCommits.class);
  /** Tries in all, the first included. */
  public static final int ATTEMPTS = 4;

  private ConcurrentCommits() {}

  /**
   * Runs {@code write}, and again after a Delta concurrency conflict (up to {@value #ATTEMPTS} tries,
   * with a growing pause); {@code beforeRetry} resets what the failed try counted.
   */
  public static void write(String table, Runnable write, Runnable beforeRetry) {
    for (int attempt = 1; ; attempt++) {
      try {
        write.run();
        return;
      } catch (RuntimeException e) {
        DeltaConcurrentModificationException conflict = conflict(e);
        if (conflict == null) {
          throw e;
        }
        String what = conflict.getClass().getSimpleName() + ": " + conflict.getMessage().lines().findFirst().orElse("");
        if (attempt == ATTEMPTS) {
          throw new SparkScoreException(SparkScoreException.Kind.RESOURCES, String.format(
              "another job kept committing to Delta table %s while this one wrote; gave up after %d tries (%s)",
              table, ATTEMPTS, what), e);
        }
        LOG.warn("SparkScore: another job committed to Delta table {} while this one wrote ({}); writing again "
            + "(try {} of {})", table, what, attempt + 1, ATTEMPTS);
        beforeRetry.run();
        pause(attempt);
      }
    }
  }

  private static DeltaConcurrentModificationException conflict(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DeltaConcurrentModificationException c) {
        return c;
      }
    }
    return null;
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(500L * attempt + (long) (Math.random() * 500));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SparkScoreException(SparkScoreException.Kind.RESOURCES, "interrupted while waiting to write again", e);
    }
  }
}
