package dev.auditdesk.ui.sync;

import dev.auditdesk.coder.CoderException;
import dev.auditdesk.sync.SyncProgress;
import dev.auditdesk.ui.app.Services;
import dev.auditdesk.ui.app.Session;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.common.TimeText;
import dev.auditdesk.ui.login.LoginViewModel;
import java.text.NumberFormat;
import java.time.Instant;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
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
import javafx.concurrent.Worker;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync as the window sees it: runs the {@link BackgroundSync} service after sign-in, again on a
 * timer and on F5; publishes progress, the last sync time and errors (with Retry) for the status
 * line; and tells the table to refresh while new events arrive. Offline sessions never sync.
 */
public final class SyncViewModel {

  private static final Logger LOG = LoggerFactory.getLogger(SyncViewModel.class);
  static final Duration INTERVAL =
      Duration.seconds(Integer.getInteger("auditdesk.sync.intervalSeconds", 300));

  private final Session session;
  private final BackgroundSync service;
  private final Runnable onNewEvents;
  private final StringProperty connectionText = new SimpleStringProperty("");
  private final StringProperty statusText = new SimpleStringProperty("");
  private final BooleanProperty running = new SimpleBooleanProperty(false);
  private final BooleanProperty failed = new SimpleBooleanProperty(false);
  private final BooleanProperty canSync = new SimpleBooleanProperty(false);
  private final DoubleProperty progress = new SimpleDoubleProperty(-1);
  private final ObjectProperty<Instant> lastSync = new SimpleObjectProperty<>(Instant.EPOCH);
  private final BooleanProperty everCompleted = new SimpleBooleanProperty(false);
  private final LongProperty eventsRead = new SimpleLongProperty(0);
  private final DoubleProperty eventsPerSecond = new SimpleDoubleProperty(0);
  private final StringProperty error = new SimpleStringProperty("");
  private final Timeline timer;
  private final Timeline ticker;
  private long newSinceRefresh;

  public SyncViewModel(Session session, Services services, Runnable onNewEvents) {
    this.session = session;
    this.onNewEvents = onNewEvents;
    this.service = new BackgroundSync(session, services);
    canSync.set(session.online());
    connectionText.set(connection(session));
    statusText.set(session.online() ? Messages.get("sync.never") : Messages.get("sync.offline"));

    service.setOnRunning(
        e -> {
          running.set(true);
          failed.set(false);
          progress.set(-1);
          statusText.set(Messages.get("sync.starting", session.deployment().label()));
        });
    service.progressProperty().addListener((o, a, b) -> progress.set(b.doubleValue()));
    service
        .latestProperty()
        .addListener(
            (o, a, b) -> {
              if (b == null || !running.get()) {
                return;
              }
              eventsRead.set(b.fetched());
              eventsPerSecond.set(b.eventsPerSecond());
              NumberFormat nf = NumberFormat.getIntegerInstance();
              statusText.set(
                  b.phase() == SyncProgress.Phase.WAITING && !b.message().isEmpty()
                      ? b.message()
                      : Messages.get(
                          "sync.running",
                          nf.format(b.fetched()),
                          nf.format(Math.round(b.eventsPerSecond()))));
              newSinceRefresh += b.newEvents() - (a == null ? 0 : a.newEvents());
            });
    service.setOnSucceeded(
        e -> {
          running.set(false);
          lastSync.set(Instant.now());
          everCompleted.set(true);
          showLastSync();
          refreshIfNew(true);
        });
    service.setOnCancelled(
        e -> {
          running.set(false);
          statusText.set(Messages.get("sync.cancelled", lastSyncText()));
          refreshIfNew(true);
        });
    service.setOnFailed(
        e -> {
          running.set(false);
          failed.set(true);
          Throwable t = service.getException();
          String why =
              t instanceof CoderException ce
                  ? LoginViewModel.message(ce)
                  : String.valueOf(t.getMessage());
          LOG.warn("Sync failed: {}", why);
          error.set(why);
          statusText.set(Messages.get("sync.failed", why));
          refreshIfNew(true);
        });

    // While a sync runs, the table picks up new events about once a second.
    ticker =
        new Timeline(
            new KeyFrame(
                Duration.seconds(1),
                e -> {
                  if (running.get()) {
                    refreshIfNew(false);
                  } else if (!failed.get() && session.online() && everCompleted.get()) {
                    showLastSync();
                  }
                }));
    ticker.setCycleCount(Timeline.INDEFINITE);
    timer = new Timeline(new KeyFrame(INTERVAL, e -> syncNow()));
    timer.setCycleCount(Timeline.INDEFINITE);
  }

  /** First sync now (online sessions), then every {@link #INTERVAL}. */
  public void start() {
    Thread t =
        new Thread(
            () -> {
              Instant last = session.cache().stats().lastSync();
              Platform.runLater(
                  () -> {
                    if (!Instant.EPOCH.equals(last) && lastSync.get().equals(Instant.EPOCH)) {
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
                  });
            },
            "auditdesk-sync-stats");
    t.setDaemon(true);
    t.start();
    ticker.play();
    if (canSync.get()) {
      syncNow();
      timer.play();
    }
  }

  /** Syncs now unless a sync is running (F5, Retry, the timer). */
  public void syncNow() {
    if (!canSync.get() || service.isRunning()) {
      return;
    }
    service.restart();
  }

  /**
   * Checks every day the server has against the cache and reads the days that differ (finds late
   * events of any age). Waits for a running sync to end first.
   */
  public void verifyAll() {
    if (!canSync.get()) {
      return;
    }
    if (service.isRunning()) {
      service.cancel();
    }
    service.setMode(dev.auditdesk.sync.SyncEngine.Mode.VERIFY_ALL);
    service.restart();
  }

  public void cancel() {
    if (service.isRunning()) {
      service.cancel();
    }
  }

  public void dispose() {
    timer.stop();
    ticker.stop();
    service.cancel();
  }

  /** True while a sync runs. */
  public ReadOnlyBooleanProperty runningProperty() {
    return running;
  }

  /** True after a failed sync, until the next one starts. */
  public ReadOnlyBooleanProperty failedProperty() {
    return failed;
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

  public Worker.State state() {
    return service.getState();
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
