package dev.auditdesk.sync;

import java.time.Duration;

/**
 * How a sync behaves.
 *
 * @param pageSize events asked for per request; shrunk automatically when the server rejects it
 * @param maxAttempts tries per request before a transient failure (429, 5xx, timeout, cut-off
 *     answer) ends the sync
 * @param firstBackoff the pause after the first failure; it doubles per retry up to {@code
 *     maxBackoff}
 * @param maxBackoff the longest pause between retries
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a longer one ends the sync
 * @param pipeline fetch the next page while the previous one is written
 * @param compactAfter compact the cache file after a sync that added at least this many events (0 =
 *     never, the default: the cache compacts itself at close instead, so no query waits
 *     mid-session)
 * @param interval how often {@link SyncScheduler} syncs in the background; zero = only on demand
 * @param recheckDays how many days back from the server's today every sync re-checks by count, to
 *     find late events (older days are re-checked by {@code sync --verify})
 * @param rereads how often a day that does not reconcile is read again before it is recorded as
 *     unverified (a reshuffled tie group larger than a page needs a few)
 */
public record SyncSettings(
    int pageSize,
    int maxAttempts,
    Duration firstBackoff,
    Duration maxBackoff,
    Duration maxRetryAfter,
    boolean pipeline,
    long compactAfter,
    Duration interval,
    int recheckDays,
    int rereads) {

  public SyncSettings {
    if (pageSize < 1) {
      throw new IllegalArgumentException("The page size must be at least 1.");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("A sync needs at least one attempt per request.");
    }
    firstBackoff = nonNegative(firstBackoff);
    maxBackoff = nonNegative(maxBackoff);
    maxRetryAfter = nonNegative(maxRetryAfter);
    interval = nonNegative(interval);
    if (recheckDays < 0) {
      throw new IllegalArgumentException("The days to re-check cannot be negative.");
    }
    if (rereads < 1) {
      throw new IllegalArgumentException("A day needs at least one read.");
    }
  }

  public static SyncSettings defaults() {
    return new SyncSettings(
        1_000,
        8,
        Duration.ofMillis(500),
        Duration.ofSeconds(30),
        Duration.ofMinutes(5),
        true,
        0,
        Duration.ZERO,
        7,
        12);
  }

  public SyncSettings withPageSize(int n) {
    return with(c -> c.pageSize = n);
  }

  public SyncSettings withRetries(int attempts, Duration first, Duration max) {
    return with(
        c -> {
          c.maxAttempts = attempts;
          c.firstBackoff = first;
          c.maxBackoff = max;
        });
  }

  public SyncSettings withMaxRetryAfter(Duration d) {
    return with(c -> c.maxRetryAfter = d);
  }

  public SyncSettings withPipeline(boolean on) {
    return with(c -> c.pipeline = on);
  }

  public SyncSettings withCompactAfter(long events) {
    return with(c -> c.compactAfter = events);
  }

  public SyncSettings withInterval(Duration d) {
    return with(c -> c.interval = d);
  }

  public SyncSettings withRecheckDays(int days) {
    return with(c -> c.recheckDays = days);
  }

  public SyncSettings withRereads(int n) {
    return with(c -> c.rereads = n);
  }

  /** A copy of these settings with the values {@code change} sets. */
  private SyncSettings with(java.util.function.Consumer<Copy> change) {
    Copy c = new Copy(this);
    change.accept(c);
    return new SyncSettings(
        c.pageSize,
        c.maxAttempts,
        c.firstBackoff,
        c.maxBackoff,
        c.maxRetryAfter,
        c.pipeline,
        c.compactAfter,
        c.interval,
        c.recheckDays,
        c.rereads);
  }

  /** These settings' values, to change a few before building new ones. */
  private static final class Copy {
    int pageSize;
    int maxAttempts;
    Duration firstBackoff;
    Duration maxBackoff;
    Duration maxRetryAfter;
    boolean pipeline;
    long compactAfter;
    Duration interval;
    int recheckDays;
    int rereads;

    Copy(SyncSettings s) {
      pageSize = s.pageSize;
      maxAttempts = s.maxAttempts;
      firstBackoff = s.firstBackoff;
      maxBackoff = s.maxBackoff;
      maxRetryAfter = s.maxRetryAfter;
      pipeline = s.pipeline;
      compactAfter = s.compactAfter;
      interval = s.interval;
      recheckDays = s.recheckDays;
      rereads = s.rereads;
    }
  }

  private static Duration nonNegative(Duration d) {
    return d == null || d.isNegative() ? Duration.ZERO : d;
  }
}
