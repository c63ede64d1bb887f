package dev.auditdesk.sync;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link SyncEngine} on demand and, when an interval is set, periodically in the background;
 * never two runs at once. Off by default (interval zero), as on metered connections. An
 * authentication failure stops the periodic runs until {@link #setInterval} is called again (after
 * the user signed in again): retrying would only repeat the same refusal.
 */
public final class SyncScheduler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SyncScheduler.class);

  private final SyncEngine engine;
  private final SyncListener listener;
  private final Consumer<SyncResult> onSuccess;
  private final Consumer<SyncException> onFailure;
  private final ScheduledExecutorService executor;
  private final AtomicBoolean cancel = new AtomicBoolean();
  private ScheduledFuture<?> periodic;
  private CompletableFuture<SyncResult> running;
  private Duration interval = Duration.ZERO;

  public SyncScheduler(
      SyncEngine engine,
      SyncListener listener,
      Consumer<SyncResult> onSuccess,
      Consumer<SyncException> onFailure) {
    this.engine = engine;
    this.listener = listener == null ? SyncListener.NONE : listener;
    this.onSuccess = onSuccess == null ? r -> {} : onSuccess;
    this.onFailure = onFailure == null ? e -> {} : onFailure;
    ScheduledThreadPoolExecutor ex =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "audit-sync");
              t.setDaemon(true);
              return t;
            });
    ex.setRemoveOnCancelPolicy(true);
    this.executor = ex;
    setInterval(engine.settings().interval());
  }

  /** Syncs now unless a sync is already running, in which case that run is returned. */
  public synchronized CompletableFuture<SyncResult> syncNow() {
    if (running != null && !running.isDone()) {
      return running;
    }
    CompletableFuture<SyncResult> f = new CompletableFuture<>();
    running = f;
    cancel.set(false);
    executor.execute(() -> runOnce(f));
    return f;
  }

  /** Changes how often background syncs run; zero or negative turns them off. */
  public synchronized void setInterval(Duration every) {
    interval = every == null || every.isNegative() ? Duration.ZERO : every;
    if (periodic != null) {
      periodic.cancel(false);
      periodic = null;
    }
    if (!interval.isZero()) {
      long ms = interval.toMillis();
      periodic = executor.scheduleWithFixedDelay(this::syncNow, ms, ms, TimeUnit.MILLISECONDS);
    }
  }

  public synchronized Duration interval() {
    return interval;
  }

  public synchronized boolean isRunning() {
    return running != null && !running.isDone();
  }

  /** Asks the running sync to stop after the page it is writing. */
  public void cancel() {
    cancel.set(true);
  }

  private void runOnce(CompletableFuture<SyncResult> f) {
    try {
      SyncResult r = engine.run(listener, cancel::get);
      f.complete(r);
      onSuccess.accept(r);
    } catch (SyncException e) {
      if (e.kind() == SyncException.Kind.AUTH) {
        LOG.info("Background sync paused: {}", e.getMessage());
        synchronized (this) {
          if (periodic != null) {
            periodic.cancel(false);
            periodic = null;
          }
        }
      }
      f.completeExceptionally(e);
      onFailure.accept(e);
    } catch (RuntimeException e) {
      LOG.error("Sync failed unexpectedly", e);
      f.completeExceptionally(e);
    }
  }

  @Override
  public void close() {
    cancel();
    synchronized (this) {
      if (periodic != null) {
        periodic.cancel(false);
      }
    }
    executor.shutdown();
    try {
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
