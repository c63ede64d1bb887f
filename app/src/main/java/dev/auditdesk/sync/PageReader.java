package dev.auditdesk.sync;

import dev.auditdesk.coder.AuditPage;
import dev.auditdesk.coder.CoderApi;
import dev.auditdesk.coder.CoderException;
import dev.auditdesk.coder.ConnectionLogPage;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches one page of the audit log, retrying transient failures (429 honouring {@code
 * Retry-After}, 5xx, timeouts, cut-off answers) with backoff and shrinking the page size when the
 * server refuses it.
 */
final class PageReader {

  private static final Logger LOG = LoggerFactory.getLogger(PageReader.class);
  private static final Pattern MAX_LIMIT =
      Pattern.compile("(?:less than or equal to|<=|at most)\\s*(\\d+)");

  /** Polled before every request and while waiting to retry. */
  interface Stop {
    void check() throws SyncException;
  }

  /** Tells a person what is happening while the sync waits to retry. */
  interface Waiting {
    void waiting(String message);
  }

  /** The server refused the search itself (not the page size): a 400 naming a search key. */
  static final class QueryRefused extends Exception {
    final CoderException cause;

    QueryRefused(CoderException cause) {
      super(cause.getMessage(), cause);
      this.cause = cause;
    }

    /** Whether the server named {@code key} (e.g. it does not know {@code date_from}). */
    boolean names(String key) {
      return cause.validations().stream().anyMatch(v -> v.field().contains(key))
          || String.valueOf(cause.getMessage()).contains(key);
    }
  }

  private final CoderApi api;
  private final SyncSettings settings;
  private final RunStats stats;
  private final Stop stop;
  private final Waiting waiting;
  private volatile int pageSize;
  private volatile boolean limitConfirmed;
  private volatile java.time.Instant serverTime = java.time.Instant.EPOCH;

  PageReader(CoderApi api, SyncSettings settings, RunStats stats, Stop stop, Waiting waiting) {
    this.api = api;
    this.settings = settings;
    this.stats = stats;
    this.stop = stop;
    this.waiting = waiting;
    this.pageSize = settings.pageSize();
  }

  int pageSize() {
    return pageSize;
  }

  /** Throws the run's stop (cancel, interrupt) if there is one. */
  void checkStop() throws SyncException {
    stop.check();
  }

  /** The server's clock at its last answer (EPOCH when it sends no {@code Date}). */
  java.time.Instant serverTime() {
    return serverTime;
  }

  /** Keeps the server's count of the whole log for progress ("of more than 2,000"). */
  void noteTotal(AuditPage page) {
    synchronized (stats) {
      stats.estimatedTotal = page.count();
      stats.totalCapped = page.countCapped();
    }
  }

  /** Whether a full page has shown that the server honours the page size asked for. */
  boolean limitConfirmed() {
    return limitConfirmed;
  }

  void confirmLimit() {
    limitConfirmed = true;
  }

  /** The server answers smaller pages than asked: use its size from now on. */
  void adopt(int serverPageSize) {
    LOG.info("The server answers pages of {} events when asked for {}", serverPageSize, pageSize);
    pageSize = serverPageSize;
    limitConfirmed = true;
  }

  /**
   * One page larger than the page size (to read a tie group whole); null when the server refuses
   * that size, which leaves the page size as it was.
   */
  AuditPage fetchLarger(String q, long offset, int limit) throws SyncException, QueryRefused {
    int saved = pageSize;
    pageSize = Math.max(saved, limit);
    try {
      return fetch(q, offset, limit);
    } catch (SyncException e) {
      if (pageSize < limit) {
        return null; // refused: fetch shrank the size
      }
      throw e;
    } finally {
      pageSize = Math.min(saved, pageSize);
    }
  }

  /** One page; {@code limit} 0 asks for the current page size. */
  AuditPage fetch(String q, long offset, int limit) throws SyncException, QueryRefused {
    return call(offset, limit, n -> api.auditPage(q, n, offset), AuditPage::serverTime);
  }

  /** One page of the connection log, with the same retries and page-size handling. */
  ConnectionLogPage fetchConnections(String q, long offset, int limit)
      throws SyncException, QueryRefused {
    return call(offset, limit, n -> api.connectionLog(q, n, offset), ConnectionLogPage::serverTime);
  }

  /** One request of {@code asked} rows to one of the paged endpoints. */
  private interface Call<P> {
    P fetch(int asked) throws CoderException;
  }

  private <P> P call(
      long offset, int limit, Call<P> request, java.util.function.Function<P, Instant> clock)
      throws SyncException, QueryRefused {
    Duration backoff = settings.firstBackoff();
    int attempt = 0;
    while (true) {
      stop.check();
      int asked = limit <= 0 ? pageSize : Math.min(limit, pageSize);
      attempt++;
      stats.request(offset);
      try {
        long t0 = System.nanoTime();
        P page = request.fetch(asked);
        stats.fetchNanos.addAndGet(System.nanoTime() - t0);
        if (clock.apply(page).isAfter(Instant.EPOCH)) {
          serverTime = clock.apply(page);
        }
        return page;
      } catch (CoderException e) {
        CoderException.Kind kind = e.kind();
        if (kind.authFailure()) {
          throw new SyncException(SyncException.Kind.AUTH, e.userMessage(), null, e);
        }
        if (kind == CoderException.Kind.BAD_QUERY) {
          if (!rejectsLimit(e)) {
            throw new QueryRefused(e);
          }
          int smaller = smallerLimit(e, asked);
          if (smaller >= asked || smaller < 1) {
            throw new SyncException(
                SyncException.Kind.NETWORK,
                "The server refuses every page size AuditDesk tried: " + e.userMessage(),
                null,
                e);
          }
          LOG.info("The server refused {} events per page; using {}", asked, smaller);
          pageSize = smaller;
          attempt--;
          continue;
        }
        if (!kind.transientFailure()) {
          throw new SyncException(SyncException.Kind.NETWORK, e.userMessage(), null, e);
        }
        if (attempt >= settings.maxAttempts()) {
          throw new SyncException(
              SyncException.Kind.NETWORK,
              e.userMessage()
                  + " AuditDesk tried "
                  + attempt
                  + " times; everything fetched so far is saved and the next sync continues"
                  + " from there.",
              null,
              e);
        }
        Duration wait = backoff;
        if (kind == CoderException.Kind.RATE_LIMITED && !e.retryAfter().isZero()) {
          if (e.retryAfter().compareTo(settings.maxRetryAfter()) > 0) {
            throw new SyncException(
                SyncException.Kind.NETWORK,
                "The server asks to wait "
                    + e.retryAfter().toMinutes()
                    + " minutes before the next request; try again later.",
                null,
                e);
          }
          wait = e.retryAfter();
        } else {
          long jitter = ThreadLocalRandom.current().nextLong(Math.max(1, wait.toMillis() / 4 + 1));
          wait = wait.plusMillis(jitter);
        }
        stats.retry();
        LOG.info(
            "Request failed ({}); retrying in {} ms: {}", kind, wait.toMillis(), e.getMessage());
        waiting.waiting(e.userMessage() + " Retrying in " + Math.max(1, wait.toSeconds()) + " s.");
        sleep(wait);
        backoff = min(backoff.multipliedBy(2), settings.maxBackoff());
      }
    }
  }

  private static boolean rejectsLimit(CoderException e) {
    return e.validations().stream().anyMatch(v -> "limit".equalsIgnoreCase(v.field()))
        || e.getMessage().toLowerCase().contains("\"limit\"");
  }

  private static int smallerLimit(CoderException e, int limit) {
    for (CoderException.Validation v : e.validations()) {
      Matcher m = MAX_LIMIT.matcher(v.detail());
      if (m.find()) {
        try {
          int max = Integer.parseInt(m.group(1));
          if (max < limit) {
            return max;
          }
        } catch (NumberFormatException ignored) {
          // Fall back to halving.
        }
      }
    }
    return limit / 2;
  }

  private void sleep(Duration d) throws SyncException {
    long end = System.nanoTime() + d.toNanos();
    while (true) {
      stop.check();
      long left = end - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        Thread.sleep(Math.min(100, Math.max(1, left / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stop.check();
        return;
      }
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
