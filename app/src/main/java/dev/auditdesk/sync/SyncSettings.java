package dev.auditdesk.sync;

import java.time.Duration;

/**
 * How a sync behaves.
 *
 * @param pageSize events asked for per request; shrunk automatically when the server rejects it
 * @param overlap how far behind the newest cached event an incremental sync re-reads, to pick up
 *     events the server wrote late with an older time
 * @param maxAttempts tries per request before a transient failure (429, 5xx, timeout, cut-off
 *     answer) ends the sync
 * @param firstBackoff the pause after the first failure; it doubles per retry up to {@code
 *     maxBackoff}
 * @param maxBackoff the longest pause between retries
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a longer one ends the sync
 * @param pipeline fetch the next page while the previous one is written
 * @param compactAfter compact the cache file after a sync that added at least this many events (0 =
 *     never)
 * @param interval how often {@link SyncScheduler} syncs in the background; zero = only on demand
 */
public record SyncSettings(
    int pageSize,
    Duration overlap,
    int maxAttempts,
    Duration firstBackoff,
    Duration maxBackoff,
    Duration maxRetryAfter,
    boolean pipeline,
    long compactAfter,
    Duration interval) {

  public SyncSettings {
    if (pageSize < 1) {
      throw new IllegalArgumentException("The page size must be at least 1.");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("A sync needs at least one attempt per request.");
    }
    overlap = nonNegative(overlap);
    firstBackoff = nonNegative(firstBackoff);
    maxBackoff = nonNegative(maxBackoff);
    maxRetryAfter = nonNegative(maxRetryAfter);
    interval = nonNegative(interval);
  }

  public static SyncSettings defaults() {
    return new SyncSettings(
        1_000,
        Duration.ofHours(24),
        8,
        Duration.ofMillis(500),
        Duration.ofSeconds(30),
        Duration.ofMinutes(5),
        true,
        200_000,
        Duration.ZERO);
  }

  public SyncSettings withPageSize(int n) {
    return new SyncSettings(
        n,
        overlap,
        maxAttempts,
        firstBackoff,
        maxBackoff,
        maxRetryAfter,
        pipeline,
        compactAfter,
        interval);
  }

  public SyncSettings withOverlap(Duration d) {
    return new SyncSettings(
        pageSize,
        d,
        maxAttempts,
        firstBackoff,
        maxBackoff,
        maxRetryAfter,
        pipeline,
        compactAfter,
        interval);
  }

  public SyncSettings withRetries(int attempts, Duration first, Duration max) {
    return new SyncSettings(
        pageSize, overlap, attempts, first, max, maxRetryAfter, pipeline, compactAfter, interval);
  }

  public SyncSettings withMaxRetryAfter(Duration d) {
    return new SyncSettings(
        pageSize,
        overlap,
        maxAttempts,
        firstBackoff,
        maxBackoff,
        d,
        pipeline,
        compactAfter,
        interval);
  }

  public SyncSettings withPipeline(boolean on) {
    return new SyncSettings(
        pageSize,
        overlap,
        maxAttempts,
        firstBackoff,
        maxBackoff,
        maxRetryAfter,
        on,
        compactAfter,
        interval);
  }

  public SyncSettings withCompactAfter(long events) {
    return new SyncSettings(
        pageSize,
        overlap,
        maxAttempts,
        firstBackoff,
        maxBackoff,
        maxRetryAfter,
        pipeline,
        events,
        interval);
  }

  public SyncSettings withInterval(Duration d) {
    return new SyncSettings(
        pageSize,
        overlap,
        maxAttempts,
        firstBackoff,
        maxBackoff,
        maxRetryAfter,
        pipeline,
        compactAfter,
        d);
  }

  private static Duration nonNegative(Duration d) {
    return d == null || d.isNegative() ? Duration.ZERO : d;
  }
}
