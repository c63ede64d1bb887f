package dev.auditdesk.sync;

import dev.auditdesk.DaemonThreads;
import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheException;
import dev.auditdesk.coder.AuditPage;
import dev.auditdesk.model.AuditEvent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes fetched pages into the cache on a thread of its own, so the next request is on the wire
 * while H2 commits the last page, and so interrupting the sync never interrupts H2 mid-write: a
 * page being written is committed, then the run stops.
 */
final class CacheWriter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CacheWriter.class);

  /** A cache operation that may fail with a {@link CacheException}. */
  interface Call<T> {
    T run() throws CacheException;
  }

  private final AuditCache cache;
  private final RunStats stats;
  private final boolean pipeline;
  private final Runnable progress;
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(DaemonThreads.named("audit-sync-write"));
  // Pages waiting to be written; the fetching runs this far ahead of H2 (a few MB of events).
  private static final int MAX_PENDING = 16;
  private final Deque<Future<?>> pending = new ArrayDeque<>();
  private volatile boolean interrupted;

  CacheWriter(AuditCache cache, RunStats stats, boolean pipeline, Runnable progress) {
    this.cache = cache;
    this.stats = stats;
    this.pipeline = pipeline;
    this.progress = progress;
  }

  /** Whether the calling thread was interrupted while it waited for a write. */
  boolean interrupted() {
    return interrupted;
  }

  /** Stores a page's events (and counts them); waits for it unless pipelining. */
  void store(AuditPage page) throws CacheException {
    List<String> bad = page.malformed();
    if (!bad.isEmpty()) {
      LOG.warn(
          "{} elements of an audit page were not readable events, e.g. {}", bad.size(), bad.get(0));
    }
    enqueue(page.events(), n -> stats.page(page.received(), n, bad));
  }

  /**
   * Stores a few events already counted as read (a day's seam, from a probe page {@link #count}
   * counted): only the new ones are added to the run's figures.
   */
  void store(List<AuditEvent> events) throws CacheException {
    enqueue(events, stats::added);
  }

  private void enqueue(List<AuditEvent> events, java.util.function.IntConsumer counted)
      throws CacheException {
    pending.add(
        submit(
            () -> {
              // With the unchanged sync state: the cache then puts the commit in the file at once,
              // so a killed sync keeps every page it wrote (docs/CACHE.md).
              int n = events.isEmpty() ? 0 : cache.upsert(events, cache.syncState());
              counted.accept(n);
              progress.run();
              return n;
            }));
    if (!pipeline || pending.size() > MAX_PENDING) {
      waitFor(pending.poll());
    }
  }

  /** Counts a page that is not stored (a probe's), so progress still says what was read. */
  void count(AuditPage page) {
    stats.page(page.received(), 0, page.malformed());
  }

  /**
   * Runs a cache operation after the pages handed over without waiting for it (a day's record: the
   * walk goes on while it is written); {@link #flush()} waits for it.
   */
  void later(Call<?> call) throws CacheException {
    pending.add(submit(call));
    if (pending.size() > MAX_PENDING) {
      waitFor(pending.poll());
    }
  }

  /** Waits until every page handed over is in the cache. */
  void flush() throws CacheException {
    while (!pending.isEmpty()) {
      waitFor(pending.poll());
    }
  }

  /** Runs a cache operation after the pages handed over, and waits for it. */
  <T> T call(Call<T> call) throws CacheException {
    flush();
    return waitFor(submit(call));
  }

  private <T> Future<T> submit(Call<T> call) {
    return thread.submit(
        () -> {
          try {
            return call.run();
          } catch (CacheException e) {
            throw new CompletionException(e);
          }
        });
  }

  private <T> T waitFor(Future<T> f) throws CacheException {
    long t0 = System.nanoTime();
    try {
      return waitForDone(f);
    } finally {
      stats.cacheWaitNanos.addAndGet(System.nanoTime() - t0);
    }
  }

  private <T> T waitForDone(Future<T> f) throws CacheException {
    boolean wasInterrupted = false;
    try {
      while (true) {
        try {
          return f.get();
        } catch (InterruptedException e) {
          wasInterrupted = true; // let the transaction finish; the run stops after it
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable c = e.getCause();
          if (c instanceof CompletionException ce && ce.getCause() instanceof CacheException ex) {
            throw ex;
          }
          if (c instanceof RuntimeException re) {
            throw re;
          }
          throw new IllegalStateException(c);
        }
      }
    } finally {
      if (wasInterrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    thread.shutdown();
  }
}
