package dev.auditdesk.sync;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheException;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.cache.SyncState;
import dev.auditdesk.coder.AuditPage;
import dev.auditdesk.coder.CoderApi;
import dev.auditdesk.coder.CoderException;
import dev.auditdesk.model.AuditEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a deployment's audit log into its cache: the headless core of the GUI's background sync
 * and of the {@code sync} command.
 *
 * <p>The server lists events newest first by offset; its {@code count} is capped, so a pass ends
 * only at a short or empty page. A first sync reads the whole history, remembering after every page
 * (in the same transaction as the page's events) where it got to, so a sync killed at any moment
 * resumes there. Later syncs read from the newest event down to the newest cached one minus an
 * overlap window (late events with older times land in that window), so a few new events cost one
 * or two requests. Events arriving while paging push older ones down: pages then repeat events,
 * which the cache's upsert by id makes harmless, and nothing is skipped.
 */
public final class SyncEngine {

  private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);
  private static final Pattern MAX_LIMIT =
      Pattern.compile("(?:less than or equal to|<=|at most)\\s*(\\d+)");

  private final CoderApi api;
  private final AuditCache cache;
  private final SyncSettings settings;
  private volatile int pageSize;

  public SyncEngine(CoderApi api, AuditCache cache, SyncSettings settings) {
    this.api = api;
    this.cache = cache;
    this.settings = settings;
    this.pageSize = settings.pageSize();
  }

  public AuditCache cache() {
    return cache;
  }

  public SyncSettings settings() {
    return settings;
  }

  /**
   * Syncs once. Blocks; call it off the JavaFX thread. {@code cancelled} is polled between pages
   * and while waiting to retry; interrupting the thread cancels too. Whatever was fetched before a
   * failure or cancel stays in the cache and the next run continues from there.
   */
  public SyncResult run(SyncListener listener, BooleanSupplier cancelled) throws SyncException {
    Run run = new Run(listener == null ? SyncListener.NONE : listener, cancelled);
    try {
      return run.execute();
    } finally {
      run.close();
    }
  }

  /** A page as fetched, with the limit it was asked with. */
  private record Fetched(AuditPage page, long offset, int limit) {}

  private final class Run {
    private final SyncListener listener;
    private final BooleanSupplier cancelled;
    private final long started = System.nanoTime();
    private final ExecutorService fetcher = daemonThread("audit-sync-fetch");
    // Cache writes run on their own thread, so interrupting the caller (a cancelled UI task) never
    // interrupts H2 mid-write; the page being written is committed, then the run stops.
    private final ExecutorService writer = daemonThread("audit-sync-write");
    private volatile boolean stopRequested;
    private long fetched;
    private long added;
    private int pages;
    private int requests;
    private int retries;
    private int malformed;
    private final List<String> samples = new ArrayList<>();
    private long estimatedTotal = -1;
    private boolean totalCapped;
    private boolean limitConfirmed;
    private SyncProgress.Phase phase = SyncProgress.Phase.NEWEST;

    Run(SyncListener listener, BooleanSupplier cancelled) {
      this.listener = listener;
      this.cancelled = cancelled == null ? () -> false : cancelled;
    }

    SyncResult execute() throws SyncException {
      try {
        SyncState state = cache.syncState();
        boolean fresh =
            cache.total() == 0 && !state.historyComplete() && state.historyOffset() == 0;
        if (fresh) {
          Instant newestSeen = historyPass(0);
          if (newestSeen != null) {
            // Events that happened while the history was read sit above it now.
            topPass(newestSeen.minus(settings.overlap()));
          }
        } else {
          Instant newest = cache.stats().newest();
          Instant boundary =
              newest.equals(Instant.EPOCH) ? Instant.EPOCH : newest.minus(settings.overlap());
          if (state.hasPendingBoundary() && state.pendingBoundary().isBefore(boundary)) {
            boundary = state.pendingBoundary(); // an earlier pass was stopped before reaching it
          }
          topPass(boundary);
          SyncState after = cache.syncState();
          if (!after.historyComplete()) {
            historyPass(after.historyOffset());
          }
        }
        write(() -> cache.saveSyncState(cache.syncState().withLastSync(Instant.now())));
        if (settings.compactAfter() > 0
            && added >= settings.compactAfter()
            && cache instanceof H2AuditCache h2) {
          phase = SyncProgress.Phase.COMPACTING;
          report("Compacting the cache file");
          write(h2::compact);
        }
        phase = SyncProgress.Phase.DONE;
        report("Up to date");
        SyncResult r = result();
        LOG.info(
            "Sync of {} done: {} fetched, {} new, {} requests in {} ms",
            cache.deployment().label(),
            r.fetched(),
            r.newEvents(),
            r.requests(),
            r.took().toMillis());
        return r;
      } catch (CacheException e) {
        throw new SyncException(SyncException.Kind.CACHE, e.getMessage(), result(), e);
      }
    }

    /**
     * Reads from the newest event down until a page reaches back past {@code boundary} or the end
     * of the log.
     */
    private void topPass(Instant boundary) throws SyncException, CacheException {
      phase = SyncProgress.Phase.NEWEST;
      SyncState state = cache.syncState();
      if (!state.pendingBoundary().equals(boundary)) {
        SyncState pending = state.withPendingBoundary(boundary);
        write(() -> cache.saveSyncState(pending));
      }
      long offset = 0;
      Instant lastOldest = null;
      Future<Fetched> next = null;
      try {
        while (true) {
          Fetched f = await(next != null ? next : prefetch(offset));
          next = null;
          AuditPage page = f.page();
          int received = page.received();
          Instant oldest = oldest(page.events());
          if (oldest != null) {
            lastOldest = oldest;
          }
          boolean passed = oldest != null && oldest.isBefore(boundary);
          boolean end = false;
          if (!passed) {
            Ending ending = ending(f);
            end = ending.end();
            next = ending.next();
            if (!end && next == null && settings.pipeline()) {
              next = prefetch(offset + received);
            }
          }
          boolean done = end || passed;
          SyncState after = cache.syncState();
          if (done) {
            after = after.withPendingBoundary(Instant.EPOCH);
          }
          if (end) {
            after = after.withHistory(true, offset + received);
            if (lastOldest != null) {
              after = after.withServerOldest(lastOldest);
            }
          }
          store(page, after);
          offset += received;
          if (done) {
            return;
          }
          if (next == null) {
            checkCancelled();
          }
        }
      } finally {
        if (next != null) {
          next.cancel(true);
        }
      }
    }

    /** Reads older history from {@code offset} to the end; returns the newest time it saw. */
    private Instant historyPass(long offset) throws SyncException, CacheException {
      phase = SyncProgress.Phase.HISTORY;
      Instant newestSeen = null;
      Instant lastOldest = null;
      Future<Fetched> next = null;
      try {
        while (true) {
          Fetched f = await(next != null ? next : prefetch(offset));
          next = null;
          AuditPage page = f.page();
          int received = page.received();
          if (newestSeen == null) {
            newestSeen = newest(page.events());
          }
          Instant oldest = oldest(page.events());
          if (oldest != null) {
            lastOldest = oldest;
          }
          Ending ending = ending(f);
          boolean end = ending.end();
          next = ending.next();
          if (!end && next == null && settings.pipeline()) {
            next = prefetch(offset + received);
          }
          SyncState after = cache.syncState().withHistory(end, offset + received);
          if (end && lastOldest != null) {
            after = after.withServerOldest(lastOldest);
          }
          store(page, after);
          offset += received;
          if (end) {
            return newestSeen;
          }
          if (next == null) {
            checkCancelled();
          }
        }
      } finally {
        if (next != null) {
          next.cancel(true);
        }
      }
    }

    /** Whether a page ends the log, and the next page when checking that already fetched it. */
    private record Ending(boolean end, Future<Fetched> next) {}

    /**
     * A short page ends a pass, unless the server simply pages smaller than asked: until a full
     * page has shown that it honours our limit, one more request checks that nothing follows. When
     * something does, the server's page size is adopted and that answer is the next page.
     */
    private Ending ending(Fetched f) throws SyncException {
      int received = f.page().received();
      if (received >= f.limit()) {
        limitConfirmed = true;
        return new Ending(false, null);
      }
      if (limitConfirmed || received == 0) {
        return new Ending(true, null);
      }
      Fetched probe = await(prefetch(f.offset() + received));
      limitConfirmed = true;
      if (probe.page().received() == 0) {
        return new Ending(true, null);
      }
      LOG.info("The server answers pages of {} events when asked for {}", received, f.limit());
      pageSize = received;
      return new Ending(false, CompletableFuture.completedFuture(probe));
    }

    private void store(AuditPage page, SyncState after) throws CacheException, SyncException {
      List<AuditEvent> events = page.events();
      int n = written(() -> cache.upsert(events, after));
      pages++;
      fetched += events.size();
      added += n;
      if (!page.malformed().isEmpty()) {
        malformed += page.malformed().size();
        for (String m : page.malformed()) {
          if (samples.size() < 5) {
            samples.add(m);
          }
        }
        LOG.warn(
            "{} elements of an audit page were not readable events, e.g. {}",
            page.malformed().size(),
            page.malformed().get(0));
      }
      report(null);
    }

    private Future<Fetched> prefetch(long offset) {
      return fetcher.submit(() -> fetchNow(offset));
    }

    private Fetched await(Future<Fetched> f) throws SyncException {
      try {
        return f.get();
      } catch (InterruptedException e) {
        stopRequested = true;
        f.cancel(true);
        Thread.currentThread().interrupt();
        throw cancelledException();
      } catch (CancellationException e) {
        throw cancelledException();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof SyncException s) {
          throw s;
        }
        throw new IllegalStateException("Fetching an audit page failed unexpectedly", e.getCause());
      }
    }

    /** One page, with retries for transient failures and page-size adaptation. */
    private Fetched fetchNow(long offset) throws SyncException {
      Duration backoff = settings.firstBackoff();
      int attempt = 0;
      while (true) {
        checkCancelled();
        int limit = pageSize;
        attempt++;
        synchronized (this) {
          requests++;
        }
        try {
          AuditPage page = api.auditPage("", limit, offset);
          if (offset == 0 && page.count() > 0) {
            estimatedTotal = page.count();
            totalCapped = page.countCapped();
          }
          return new Fetched(page, offset, limit);
        } catch (CoderException e) {
          CoderException.Kind kind = e.kind();
          if (kind.authFailure()) {
            throw new SyncException(SyncException.Kind.AUTH, e.userMessage(), result(), e);
          }
          if (kind == CoderException.Kind.BAD_QUERY && rejectsLimit(e)) {
            int smaller = smallerLimit(e, limit);
            if (smaller >= limit || smaller < 1) {
              throw new SyncException(
                  SyncException.Kind.NETWORK,
                  "The server refuses every page size AuditDesk tried: " + e.userMessage(),
                  result(),
                  e);
            }
            LOG.info("The server refused {} events per page; using {}", limit, smaller);
            pageSize = smaller;
            attempt--;
            continue;
          }
          if (!kind.transientFailure()) {
            throw new SyncException(SyncException.Kind.NETWORK, e.userMessage(), result(), e);
          }
          if (attempt >= settings.maxAttempts()) {
            throw new SyncException(
                SyncException.Kind.NETWORK,
                e.userMessage()
                    + " AuditDesk tried "
                    + attempt
                    + " times; everything fetched so far is saved and the next sync continues"
                    + " from there.",
                result(),
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
                  result(),
                  e);
            }
            wait = e.retryAfter();
          } else {
            long jitter =
                ThreadLocalRandom.current().nextLong(Math.max(1, wait.toMillis() / 4 + 1));
            wait = wait.plusMillis(jitter);
          }
          synchronized (this) {
            retries++;
          }
          LOG.info(
              "Audit request failed ({}); retrying in {} ms: {}",
              kind,
              wait.toMillis(),
              e.getMessage());
          SyncProgress.Phase before = phase;
          phase = SyncProgress.Phase.WAITING;
          report(e.userMessage() + " Retrying in " + Math.max(1, wait.toSeconds()) + " s.");
          phase = before;
          sleep(wait);
          backoff = min(backoff.multipliedBy(2), settings.maxBackoff());
        }
      }
    }

    private boolean rejectsLimit(CoderException e) {
      return e.validations().stream().anyMatch(v -> "limit".equalsIgnoreCase(v.field()))
          || e.getMessage().toLowerCase().contains("\"limit\"");
    }

    private int smallerLimit(CoderException e, int limit) {
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
        checkCancelled();
        long left = end - System.nanoTime();
        if (left <= 0) {
          return;
        }
        try {
          Thread.sleep(Math.min(100, Math.max(1, left / 1_000_000)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw cancelledException();
        }
      }
    }

    private void checkCancelled() throws SyncException {
      if (stopRequested || cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
        stopRequested = true;
        throw cancelledException();
      }
    }

    private SyncException cancelledException() {
      return new SyncException(
          SyncException.Kind.CANCELLED,
          "Sync cancelled. The "
              + added
              + " new events fetched so far are saved; the next sync continues from there.",
          result(),
          null);
    }

    private synchronized void report(String message) {
      double secs = (System.nanoTime() - started) / 1e9;
      try {
        listener.progress(
            new SyncProgress(
                phase,
                fetched,
                added,
                pages,
                secs > 0 ? fetched / secs : 0,
                estimatedTotal,
                totalCapped,
                message == null ? "" : message));
      } catch (RuntimeException e) {
        LOG.warn("A sync progress listener failed", e);
      }
    }

    private synchronized SyncResult result() {
      return new SyncResult(
          fetched,
          added,
          pages,
          requests,
          retries,
          Duration.ofNanos(System.nanoTime() - started),
          cache.syncState().historyComplete(),
          cache.total(),
          pageSize,
          malformed,
          samples);
    }

    /** Runs a cache operation on the writer thread and waits for it, even when interrupted. */
    private <T> T written(CacheCall<T> call) throws CacheException, SyncException {
      Future<T> f =
          writer.submit(
              () -> {
                try {
                  return call.run();
                } catch (CacheException e) {
                  throw new java.util.concurrent.CompletionException(e);
                }
              });
      boolean interrupted = false;
      try {
        while (true) {
          try {
            return f.get();
          } catch (InterruptedException e) {
            interrupted = true; // let the transaction finish; the run stops after it
            stopRequested = true;
          } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof java.util.concurrent.CompletionException ce
                && ce.getCause() instanceof CacheException cacheException) {
              throw cacheException;
            }
            if (c instanceof RuntimeException re) {
              throw re;
            }
            throw new IllegalStateException(c);
          }
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }

    private void write(CacheAction action) throws CacheException, SyncException {
      written(
          () -> {
            action.run();
            return null;
          });
    }

    void close() {
      fetcher.shutdownNow();
      writer.shutdown();
    }
  }

  private interface CacheCall<T> {
    T run() throws CacheException;
  }

  private interface CacheAction {
    void run() throws CacheException;
  }

  private static ExecutorService daemonThread(String name) {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          return t;
        });
  }

  private static Instant oldest(List<AuditEvent> events) {
    return extreme(events, false);
  }

  private static Instant newest(List<AuditEvent> events) {
    return extreme(events, true);
  }

  /** The newest (or oldest) event time of a page, null for an empty page. */
  private static Instant extreme(List<AuditEvent> events, boolean newest) {
    Instant t = null;
    for (AuditEvent e : events) {
      if (e.time() != null && (t == null || e.time().isAfter(t) == newest)) {
        t = e.time();
      }
    }
    return t;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
