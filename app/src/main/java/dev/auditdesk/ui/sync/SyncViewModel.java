package dev.auditdesk.ui.sync;

import dev.auditdesk.coder.CoderException;
import dev.auditdesk.sync.SyncEngine;
import dev.auditdesk.sync.SyncException;
import dev.auditdesk.sync.SyncProgress;
import dev.auditdesk.sync.SyncScheduler;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.common.TimeText;
import dev.auditdesk.ui.session.Session;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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
 * The sync as the window sees it: a {@link SyncScheduler} syncs after sign-in, again every interval
 * and on F5; this publishes its progress, the last sync time and errors (with Retry) for the status
 * bar, and tells the table to refresh while new events arrive. Offline sessions never sync. A
 * refused session token pauses the timer (the scheduler does) and asks the user to sign in again:
 * retrying would only repeat the refusal.
 */
public final class SyncViewModel {

  private static final Logger LOG = LoggerFactory.getLogger(SyncViewModel.class);

  /** How often a signed-in window syncs in the background. */
  public static final Duration INTERVAL =
      Duration.ofSeconds(Integer.getInteger("auditdesk.sync.intervalSeconds", 300));

  private final Session session;
  private final SyncEngine engine;
  private final Runnable onNewEvents;
  private final ScheduledExecutorService background;
  private final Executor fx;
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
  private SyncScheduler scheduler;
  private boolean timerOn;
  private ScheduledFuture<?> ticker;
  private SyncProgress latest;
  private boolean disposed;
  private long newSinceRefresh;

  /**
   * @param engine the session's sync engine (its settings' interval is the timer's); null offline
   * @param onNewEvents refreshes the table; called on the FX thread
   * @param background the session's executor: the cache figures and the clock of "2 min ago"
   * @param fx where state changes are published: the FX thread
   */
  public SyncViewModel(
      Session session,
      SyncEngine engine,
      Runnable onNewEvents,
      ScheduledExecutorService background,
      Executor fx) {
    this.session = session;
    this.engine = engine;
    this.onNewEvents = onNewEvents;
    this.background = background;
    this.fx = fx;
    canSync.set(session.online() && engine != null);
    connectionText.set(connection(session));
    statusText.set(session.online() ? Messages.get("sync.never") : offlineText());
  }

  /** Why nothing syncs here: opened offline, or a window on the team archive. */
  private String offlineText() {
    boolean archive = session.cache() != null && session.cache().sharedArchive();
    return Messages.get(archive ? "sync.archive" : "sync.offline");
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
    if (canSync.get() && !disposed) {
      // The scheduler's thread calls back; everything is handed on to the FX thread.
      scheduler =
          new SyncScheduler(
              engine,
              p -> fx.execute(() -> showProgress(p)),
              r -> fx.execute(this::succeeded),
              e -> fx.execute(() -> ended(e)));
      timerOn = !engine.settings().interval().isZero();
      syncNow();
    }
  }

  /** Syncs now unless a sync is running (F5, Retry, the timer). */
  public void syncNow() {
    if (scheduler != null && !running.get() && !disposed) {
      starting();
      whenBroken(scheduler.syncNow());
    }
  }

  /**
   * Checks every day the server has against the cache and reads the days that differ (finds late
   * events of any age). A running sync is cancelled first.
   */
  public void verifyAll() {
    if (scheduler != null && !disposed) {
      starting();
      whenBroken(scheduler.verifyAll());
    }
  }

  public void cancel() {
    if (scheduler != null) {
      scheduler.cancel();
    }
  }

  /**
   * Stops the timers and the scheduler; a running sync stops after the page it is writing, on a
   * thread of its own so the window never waits for it.
   */
  public void dispose() {
    disposed = true;
    if (ticker != null) {
      ticker.cancel(false);
    }
    SyncScheduler s = scheduler;
    scheduler = null;
    if (s != null) {
      s.setInterval(Duration.ZERO);
      s.cancel();
      Thread closer = new Thread(s::close, "auditdesk-sync-close");
      closer.setDaemon(true);
      closer.start();
    }
  }

  /** A run that failed other than with a SyncException (a bug) still ends in the window. */
  private void whenBroken(CompletableFuture<?> run) {
    run.whenComplete(
        (r, t) -> {
          if (t != null && !(t instanceof SyncException)) {
            fx.execute(
                () ->
                    ended(new SyncException(SyncException.Kind.CACHE, String.valueOf(t), null, t)));
          }
        });
  }

  private void starting() {
    latest = null;
    running.set(true);
    failed.set(false);
    progress.set(-1);
    statusText.set(Messages.get("sync.starting", session.deployment().label()));
  }

  private void showProgress(SyncProgress p) {
    if (disposed) {
      return;
    }
    if (!running.get()) {
      // A run the scheduler's timer started.
      starting();
    }
    if (p.phase() == SyncProgress.Phase.CONNECTIONS) {
      // The audit log is done; these are connection-log rows, not events.
      progress.set(-1);
      statusText.set(
          Messages.get(
              "sync.running.connections",
              NumberFormat.getIntegerInstance().format(p.fetched()),
              NumberFormat.getIntegerInstance().format(Math.round(p.eventsPerSecond()))));
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
    long before = latest == null || p.newEvents() < latest.newEvents() ? 0 : latest.newEvents();
    newSinceRefresh += p.newEvents() - before;
    latest = p;
  }

  private void succeeded() {
    if (disposed) {
      return;
    }
    running.set(false);
    latest = null;
    lastSync.set(Instant.now());
    everCompleted.set(true);
    if (signInNeeded.get()) {
      // The session works again (the refusal was passing): the timer resumes.
      signInNeeded.set(false);
      scheduler.setInterval(engine.settings().interval());
      timerOn = !engine.settings().interval().isZero();
    }
    showLastSync();
    refreshIfNew(true);
  }

  private void ended(SyncException e) {
    if (disposed) {
      return;
    }
    running.set(false);
    latest = null;
    if (e.kind() == SyncException.Kind.CANCELLED) {
      cancelled();
    } else {
      failed(e);
    }
  }

  private void cancelled() {
    statusText.set(Messages.get("sync.cancelled", lastSyncText()));
    refreshIfNew(true);
  }

  private void failed(SyncException e) {
    failed.set(true);
    boolean auth = e.kind() == SyncException.Kind.AUTH;
    String why =
        e.getCause() instanceof CoderException ce
            ? Messages.of(ce)
            : String.valueOf(e.getMessage());
    LOG.warn("Sync failed: {}", why);
    error.set(why);
    if (auth) {
      // The scheduler has paused its timer on the refusal.
      timerOn = false;
      signInNeeded.set(true);
      statusText.set(Messages.get("sync.signInAgain", why));
    } else {
      statusText.set(Messages.get("sync.failed", why));
    }
    refreshIfNew(true);
  }

  private void tick() {
    if (running.get()) {
      refreshIfNew(false);
    } else if (!failed.get() && session.online() && everCompleted.get()) {
      showLastSync();
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
              : offlineText() + " \u00b7 " + Messages.get("sync.last", lastSyncText()));
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
    return scheduler != null && timerOn;
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
