package dev.auditdesk.ui.sync;

import dev.auditdesk.coder.CoderException;
import dev.auditdesk.sync.SyncEngine;
import dev.auditdesk.sync.SyncException;
import dev.auditdesk.sync.SyncListener;
import dev.auditdesk.sync.SyncProgress;
import dev.auditdesk.sync.SyncResult;
import dev.auditdesk.ui.app.Session;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.common.TimeText;
import dev.auditdesk.ui.login.LoginViewModel;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync as the window sees it: syncs after sign-in, again every {@link #INTERVAL} and on F5;
 * publishes progress, the last sync time and errors (with Retry) for the status bar; and tells the
 * table to refresh while new events arrive. Offline sessions never sync. A refused session token
 * stops the timer and asks the user to sign in again: retrying would only repeat the refusal.
 */
public final class SyncViewModel {

  private static final Logger LOG = LoggerFactory.getLogger(SyncViewModel.class);
  public static final Duration INTERVAL =
      Duration.ofSeconds(Integer.getInteger("auditdesk.sync.intervalSeconds", 300));

  /** One run of the sync engine over the session (blocking; called on the background executor). */
  @FunctionalInterface
  public interface Runner {
    SyncResult run(SyncListener listener, BooleanSupplier cancelled, SyncEngine.Mode mode)
        throws SyncException;
  }

  private final Session session;
  private final Runner runner;
  private final Runnable onNewEvents;
  private final ScheduledExecutorService background;
  private final Executor fx;
  private final Duration interval;
  private final StringProperty connectionText = new SimpleStringProperty("");
  private final StringProperty statusText = new SimpleStringProperty("");
  private final BooleanProperty running = new SimpleBooleanProperty(false);
  private final BooleanProperty failed = new SimpleBooleanProperty(false);
  private final BooleanProperty signInNeeded = new SimpleBooleanProperty(false);
  private final BooleanProperty canSync = new SimpleBooleanProperty(false);
  private final DoubleProperty progress = new SimpleDoubleProperty(-1);
  private final ObjectProperty<Instant> lastSync = new SimpleObjectProperty<>(Instant.EPOCH);
  private final BooleanProperty everCompleted = new SimpleBooleanProperty(false);
  private final LongProperty eventsRead = new SimpleLongProperty(0);
  private final DoubleProperty eventsPerSecond = new SimpleDoubleProperty(0);
  private final StringProperty error = new SimpleStringProperty("");
  private ScheduledFuture<?> timer;
  private ScheduledFuture<?> ticker;
  private AtomicBoolean cancelRun = new AtomicBoolean();
  private SyncProgress latest;
  private boolean verifyNext;
  private boolean disposed;
  private long newSinceRefresh;

  /**
   * @param runner runs the engine once (the app's: {@code Services.sync})
   * @param onNewEvents refreshes the table; called on the FX thread
   * @param background the session's executor: the sync, its timer and the clock of "2 min ago"
   * @param fx where state changes are published: the FX thread
   * @param interval how often to sync in the background
   */
  public SyncViewModel(
      Session session,
      Runner runner,
      Runnable onNewEvents,
      ScheduledExecutorService background,
      Executor fx,
      Duration interval) {
    this.session = session;
    this.runner = runner;
    this.onNewEvents = onNewEvents;
    this.background = background;
    this.fx = fx;
    this.interval = interval;
    canSync.set(session.online());
    connectionText.set(connection(session));
    statusText.set(session.online() ? Messages.get("sync.never") : Messages.get("sync.offline"));
  }

  /** First sync now (online sessions), then every interval; the clock ticks for "2 min ago". */
  public void start() {
    background.execute(
        () -> {
          Instant last = session.cache().stats().lastSync();
          fx.execute(() -> showStoredLastSync(last));
        });
    // While a sync runs, the table picks up new events about once a second.
    ticker =
        background.scheduleWithFixedDelay(() -> fx.execute(this::tick), 1, 1, TimeUnit.SECONDS);
    if (canSync.get()) {
      syncNow();
      startTimer();
    }
  }

  /** Syncs now unless a sync is running (F5, Retry, the timer). */
  public void syncNow() {
    if (canSync.get() && !running.get() && !disposed) {
      run(SyncEngine.Mode.SYNC);
    }
  }

  /**
   * Checks every day the server has against the cache and reads the days that differ (finds late
   * events of any age). A running sync is cancelled first.
   */
  public void verifyAll() {
    if (!canSync.get() || disposed) {
      return;
    }
    if (running.get()) {
      verifyNext = true;
      cancelRun.set(true);
    } else {
      run(SyncEngine.Mode.VERIFY_ALL);
    }
  }

  public void cancel() {
    cancelRun.set(true);
  }

  /** Stops the timers and asks a running sync to stop; the executor belongs to the window. */
  public void dispose() {
    disposed = true;
    stopTimer();
    if (ticker != null) {
      ticker.cancel(false);
    }
    cancelRun.set(true);
  }

  private void run(SyncEngine.Mode mode) {
    AtomicBoolean cancelled = new AtomicBoolean();
    cancelRun = cancelled;
    latest = null;
    running.set(true);
    failed.set(false);
    progress.set(-1);
    statusText.set(Messages.get("sync.starting", session.deployment().label()));
    background.execute(
        () -> {
          try {
            runner.run(p -> fx.execute(() -> showProgress(p)), cancelled::get, mode);
            fx.execute(this::succeeded);
          } catch (SyncException e) {
            fx.execute(
                () -> {
                  if (e.kind() == SyncException.Kind.CANCELLED) {
                    cancelled();
                  } else {
                    failed(e);
                  }
                });
          } catch (RuntimeException e) {
            fx.execute(() -> failed(e));
          }
        });
  }

  private void showProgress(SyncProgress p) {
    if (!running.get()) {
      return;
    }
    double f = p.fraction();
    progress.set(f < 0 ? -1 : f);
    eventsRead.set(p.fetched());
    eventsPerSecond.set(p.eventsPerSecond());
    NumberFormat nf = NumberFormat.getIntegerInstance();
    statusText.set(
        p.phase() == SyncProgress.Phase.WAITING && !p.message().isEmpty()
            ? p.message()
            : Messages.get(
                "sync.running",
                nf.format(p.fetched()),
                nf.format(Math.round(p.eventsPerSecond()))));
    newSinceRefresh += p.newEvents() - (latest == null ? 0 : latest.newEvents());
    latest = p;
  }

  private void succeeded() {
    running.set(false);
    lastSync.set(Instant.now());
    everCompleted.set(true);
    if (signInNeeded.get()) {
      signInNeeded.set(false);
      startTimer();
    }
    showLastSync();
    refreshIfNew(true);
    afterRun();
  }

  private void cancelled() {
    running.set(false);
    statusText.set(Messages.get("sync.cancelled", lastSyncText()));
    refreshIfNew(true);
    afterRun();
  }

  private void failed(Exception e) {
    running.set(false);
    failed.set(true);
    boolean auth = e instanceof SyncException se && se.kind() == SyncException.Kind.AUTH;
    String why =
        e.getCause() instanceof CoderException ce
            ? LoginViewModel.message(ce)
            : String.valueOf(e.getMessage());
    LOG.warn("Sync failed: {}", why);
    error.set(why);
    if (auth) {
      stopTimer();
      signInNeeded.set(true);
      statusText.set(Messages.get("sync.signInAgain", why));
    } else {
      statusText.set(Messages.get("sync.failed", why));
    }
    refreshIfNew(true);
    afterRun();
  }

  private void afterRun() {
    if (verifyNext && !disposed) {
      verifyNext = false;
      run(SyncEngine.Mode.VERIFY_ALL);
    }
  }

  private void tick() {
    if (running.get()) {
      refreshIfNew(false);
    } else if (!failed.get() && session.online() && everCompleted.get()) {
      showLastSync();
    }
  }

  private void startTimer() {
    if (!interval.isZero() && !disposed) {
      long ms = interval.toMillis();
      timer =
          background.scheduleWithFixedDelay(
              () -> fx.execute(this::syncNow), ms, ms, TimeUnit.MILLISECONDS);
    }
  }

  private void stopTimer() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  private void showStoredLastSync(Instant last) {
    if (Instant.EPOCH.equals(last) || !lastSync.get().equals(Instant.EPOCH)) {
      return;
    }
    lastSync.set(last);
    if (!running.get() && !failed.get()) {
      statusText.set(
          session.online()
              ? Messages.get("sync.last", lastSyncText())
              : Messages.get("sync.offline")
                  + " \u00b7 "
                  + Messages.get("sync.last", lastSyncText()));
    }
  }

  /** True while a sync runs. */
  public ReadOnlyBooleanProperty runningProperty() {
    return running;
  }

  /** True after a failed sync, until the next one starts. */
  public ReadOnlyBooleanProperty failedProperty() {
    return failed;
  }

  /** True when the server refused the session: the timer stopped until a sync works again. */
  public ReadOnlyBooleanProperty signInNeededProperty() {
    return signInNeeded;
  }

  /** True while the background timer is set to sync again. */
  public boolean scheduled() {
    return timer != null && !timer.isDone();
  }

  /** True when this session can sync (signed in, not offline). */
  public ReadOnlyBooleanProperty canSyncProperty() {
    return canSync;
  }

  /** True once a sync finished in this session. */
  public ReadOnlyBooleanProperty completedProperty() {
    return everCompleted;
  }

  /** 0..1 when the sync knows how far it is, -1 otherwise. */
  public ReadOnlyDoubleProperty progressProperty() {
    return progress;
  }

  /** Events read from the server by the running (or last) sync. */
  public ReadOnlyLongProperty eventsReadProperty() {
    return eventsRead;
  }

  /** Read rate of the running sync. */
  public ReadOnlyDoubleProperty eventsPerSecondProperty() {
    return eventsPerSecond;
  }

  /** Why the last sync failed, in plain words; "" when it did not. */
  public ReadOnlyStringProperty errorProperty() {
    return error;
  }

  /** When the last sync finished (EPOCH: never). */
  public ReadOnlyObjectProperty<Instant> lastSyncProperty() {
    return lastSync;
  }

  /** "Synced 2 minutes ago", "Syncing: 12,345 events, 3,400/s", "Sync failed: ...". */
  public ReadOnlyStringProperty statusTextProperty() {
    return statusText;
  }

  /** "Signed in as alice · Coder v2.18.1", or that the window is offline. */
  public ReadOnlyStringProperty connectionTextProperty() {
    return connectionText;
  }

  private void refreshIfNew(boolean always) {
    if (newSinceRefresh > 0 || always) {
      newSinceRefresh = 0;
      onNewEvents.run();
    }
  }

  private void showLastSync() {
    statusText.set(Messages.get("sync.last", lastSyncText()));
  }

  private String lastSyncText() {
    return Instant.EPOCH.equals(lastSync.get())
        ? Messages.get("sync.neverShort")
        : TimeText.ago(lastSync.get(), Instant.now());
  }

  private static String connection(Session s) {
    if (!s.online()) {
      return s.deployment().label();
    }
    String who = Messages.get("sync.signedInAs", s.user());
    String where = s.demo() ? Messages.get("sync.demo") : s.deployment().label();
    return where
        + " \u00b7 "
        + who
        + (s.serverVersion().isEmpty() ? "" : " \u00b7 Coder " + s.serverVersion());
  }
}
