package dev.auditdesk.sync;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.coder.CoderApi;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every part of one sync run shares: the reader, the writer, counters and progress. */
abstract class RunContext implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RunContext.class);

  /** Events stamped further ahead of the server's clock than this are flagged as future-dated. */
  static final Duration FUTURE_SLACK = Duration.ofMinutes(5);

  final AuditCache cache;
  final SyncSettings settings;
  final RunStats stats = new RunStats();
  final SyncListener listener;
  final BooleanSupplier cancelled;
  final PageReader pages;
  final CacheWriter writer;
  final DayReader reader;
  final Reconciler reconciler;
  final PageReader.Stop stop = this::checkCancelled;
  int days;
  private volatile boolean stopRequested;
  private volatile SyncProgress.Phase phase = SyncProgress.Phase.NEWEST;
  private volatile String message = "";

  RunContext(
      CoderApi api,
      AuditCache cache,
      SyncSettings settings,
      SyncListener listener,
      BooleanSupplier cancelled) {
    this.cache = cache;
    this.settings = settings;
    this.listener = listener == null ? SyncListener.NONE : listener;
    this.cancelled = cancelled == null ? () -> false : cancelled;
    this.pages = new PageReader(api, settings, stats, stop, this::waiting);
    this.writer = new CacheWriter(cache, stats, settings.pipeline(), () -> report(null));
    this.reader = new DayReader(pages, writer, cache);
    this.reconciler = new Reconciler(reader, writer, settings.rereads());
  }

  void checkCancelled() throws SyncException {
    if (stopRequested
        || writer.interrupted()
        || cancelled.getAsBoolean()
        || Thread.currentThread().isInterrupted()) {
      stopRequested = true;
      throw new SyncException(SyncException.Kind.CANCELLED, cancelledMessage(), null, null);
    }
  }

  String cancelledMessage() {
    return "Sync cancelled. The "
        + stats.added()
        + " new events fetched so far are saved; the next sync continues from there.";
  }

  /** The server's clock, or this computer's when the server sends no {@code Date} header. */
  Instant serverNow() {
    Instant t = pages.serverTime();
    return t.isAfter(Instant.EPOCH) ? t : Instant.now();
  }

  void phase(SyncProgress.Phase p, String text) {
    phase = p;
    message = text;
    report(null);
  }

  private void waiting(String text) {
    SyncProgress.Phase before = phase;
    phase = SyncProgress.Phase.WAITING;
    report(text);
    phase = before;
  }

  void report(String text) {
    double secs = (System.nanoTime() - stats.started) / 1e9;
    try {
      synchronized (stats) {
        listener.progress(
            new SyncProgress(
                phase,
                stats.fetched,
                stats.added,
                stats.pages,
                secs > 0 ? stats.fetched / secs : 0,
                stats.estimatedTotal,
                stats.totalCapped,
                text != null ? text : message));
      }
    } catch (RuntimeException e) {
      LOG.warn("A sync progress listener failed", e);
    }
  }

  SyncResult result(boolean windowed) {
    long future =
        cache.count(AuditQuery.ALL.withRange(new DateRange(serverNow().plus(FUTURE_SLACK), null)));
    synchronized (stats) {
      return new SyncResult(
          stats.fetched,
          stats.added,
          stats.pages,
          stats.requests,
          stats.retries,
          Duration.ofNanos(System.nanoTime() - stats.started),
          cache.syncState().historyComplete(),
          cache.total(),
          pages.pageSize(),
          stats.malformed,
          stats.samples,
          stats.offsetRows,
          windowed,
          days,
          cache.completeness(),
          future);
    }
  }

  @Override
  public void close() {
    reader.close();
    writer.close();
  }
}
