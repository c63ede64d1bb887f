package dev.auditdesk.sync;

import dev.auditdesk.DaemonThreads;
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
 * the user signed in again): retrying would only repeat the same refusal. Runs happen on the
 * scheduler's own thread, and so do the listener and the two callbacks (a UI hands them on to its
 * own thread); {@link #close} stops the thread.
 */
public final class SyncScheduler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SyncScheduler.class);

  private final SyncEngine engine;
  private final SyncListener listener;
  private final Consumer<SyncResult> onSuccess;
  private final Consumer<SyncException> onFailure;
  private final ScheduledExecutorService executor;
  private ScheduledFuture<?> periodic;
  private Run current;
  private Duration interval = Duration.ZERO;

  /** One run: its result, its own cancel flag, and what it checks. */
  private record Run(
      CompletableFuture<SyncResult> result, AtomicBoolean cancel, SyncEngine.Mode mode) {
    boolean active() {
      return !result.isDone();
    }
  }

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
        new ScheduledThreadPoolExecutor(1, DaemonThreads.named("audit-sync"));
    ex.setRemoveOnCancelPolicy(true);
    this.executor = ex;
    setInterval(engine.settings().interval());
  }

  /** Syncs now unless a sync is already running, in which case that run is returned. */
  public synchronized CompletableFuture<SyncResult> syncNow() {
    if (current != null && current.active()) {
      return current.result();
    }
    return start(SyncEngine.Mode.SYNC);
  }

  /**
   * Checks every day the server has against the cache and reads the days that differ ({@link
   * SyncEngine.Mode#VERIFY_ALL}). A sync that is running is cancelled first (it stops after the
   * page it is writing) and the check follows it; a check already running is returned.
   */
  public synchronized CompletableFuture<SyncResult> verifyAll() {
    if (current != null && current.active()) {
      if (current.mode() == SyncEngine.Mode.VERIFY_ALL) {
        return current.result();
      }
      current.cancel().set(true);
    }
    return start(SyncEngine.Mode.VERIFY_ALL);
  }

  /** Queues a run; the single thread starts it once any run before it has ended. */
  private CompletableFuture<SyncResult> start(SyncEngine.Mode mode) {
    Run run = new Run(new CompletableFuture<>(), new AtomicBoolean(), mode);
    current = run;
    executor.execute(() -> runOnce(run));
    return run.result();
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
    return current != null && current.active();
  }

  /** Asks the running sync to stop after the page it is writing. */
  public synchronized void cancel() {
    if (current != null) {
      current.cancel().set(true);
    }
  }

  private void runOnce(Run run) {
    CompletableFuture<SyncResult> f = run.result();
    try {
      SyncResult r = engine.run(listener, run.cancel()::get, run.mode());
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
