package dev.auditdesk.sync;

/**
 * Where a running sync stands, reported after every page.
 *
 * @param phase what it is doing
 * @param fetched events received so far in this run (including ones already cached)
 * @param newEvents events that were not in the cache before
 * @param pages pages received so far
 * @param eventsPerSecond fetched events per second since the run started
 * @param estimatedTotal the server's event count when it gave one, else -1
 * @param totalCapped the server caps its count: the total is at least {@code estimatedTotal}
 * @param message a short sentence for a status line, e.g. while waiting to retry
 */
public record SyncProgress(
    Phase phase,
    long fetched,
    long newEvents,
    int pages,
    double eventsPerSecond,
    long estimatedTotal,
    boolean totalCapped,
    String message) {

  /** The stages of a sync run. */
  public enum Phase {
    /** Reading from the newest events down to what the cache already has. */
    NEWEST,
    /** Reading older history (first sync, or resuming one that was stopped). */
    HISTORY,
    /** Checking every day's count against the cache (Sync ▸ Verify all, {@code sync --verify}). */
    VERIFYING,
    /** Waiting before retrying a failed request. */
    WAITING,
    /** Reading the connection log, after the audit log ({@code fetched} counts its rows). */
    CONNECTIONS,
    /** Compacting the cache file after a large sync. */
    COMPACTING,
    DONE
  }

  /** Progress as a fraction 0..1 when the total is known, else -1 (indeterminate). */
  public double fraction() {
    if (estimatedTotal <= 0 || totalCapped) {
      return -1;
    }
    return Math.min(1.0, (double) fetched / estimatedTotal);
  }
}
