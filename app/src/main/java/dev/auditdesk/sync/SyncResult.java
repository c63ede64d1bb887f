package dev.auditdesk.sync;

import java.time.Duration;
import java.util.List;

/**
 * What a finished sync did.
 *
 * @param fetched events received (including ones already cached)
 * @param newEvents events added to the cache
 * @param pages pages received
 * @param requests audit requests sent, retries included
 * @param retries requests that were repeated after a transient failure
 * @param took how long it ran
 * @param historyComplete the cache holds everything the server had (its history was read to the end
 *     at least once)
 * @param cachedTotal events in the cache afterwards
 * @param pageSize the page size in use at the end (smaller than asked when the server refused it)
 * @param malformed elements the server sent that are not readable audit events
 * @param malformedSamples up to five of them, described
 * @param offsetRows rows the requests asked the server to skip with OFFSET (its wasted work)
 * @param windowed the server honoured Coder's day windows (false: an older server whose whole log
 *     was read from the top)
 * @param daysChecked days reconciled in this run
 * @param completeness what the completeness record proves after the run
 * @param futureDated cached events stamped more than five minutes after the server's clock
 */
public record SyncResult(
    long fetched,
    long newEvents,
    int pages,
    int requests,
    int retries,
    Duration took,
    boolean historyComplete,
    long cachedTotal,
    int pageSize,
    int malformed,
    List<String> malformedSamples,
    long offsetRows,
    boolean windowed,
    int daysChecked,
    dev.auditdesk.model.Completeness completeness,
    long futureDated) {

  public SyncResult {
    malformedSamples = List.copyOf(malformedSamples);
  }

  public double eventsPerSecond() {
    double s = took.toNanos() / 1e9;
    return s <= 0 ? 0 : fetched / s;
  }
}
