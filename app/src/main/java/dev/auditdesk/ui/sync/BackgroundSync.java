package dev.auditdesk.ui.sync;

import dev.auditdesk.sync.SyncProgress;
import dev.auditdesk.sync.SyncResult;
import dev.auditdesk.ui.app.Services;
import dev.auditdesk.ui.app.Session;
import dev.auditdesk.ui.common.Workers;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Service;
import javafx.concurrent.Task;

/**
 * One sync of the session's deployment into its cache, as a restartable JavaFX {@link Service}
 * around the headless {@link dev.auditdesk.sync.SyncEngine}. Progress arrives on the FX thread;
 * cancelling the service cancels the engine, which stops after the page in flight (what it stored
 * stays, and the next sync resumes there).
 */
public final class BackgroundSync extends Service<SyncResult> {

  private final Session session;
  private final Services services;
  private final ReadOnlyObjectWrapper<SyncProgress> latest = new ReadOnlyObjectWrapper<>();
  private volatile dev.auditdesk.sync.SyncEngine.Mode mode =
      dev.auditdesk.sync.SyncEngine.Mode.SYNC;

  /** What the next run checks: new and recent days, or every day (Sync ▸ Verify all). */
  public void setMode(dev.auditdesk.sync.SyncEngine.Mode m) {
    mode = m;
  }

  public BackgroundSync(Session session, Services services) {
    this.session = session;
    this.services = services;
    setExecutor(Workers.single("sync"));
  }

  /** The latest progress of the running sync; null before its first page. */
  public ReadOnlyObjectProperty<SyncProgress> latestProperty() {
    return latest.getReadOnlyProperty();
  }

  @Override
  protected Task<SyncResult> createTask() {
    Platform.runLater(() -> latest.set(null));
    dev.auditdesk.sync.SyncEngine.Mode runMode = mode;
    mode = dev.auditdesk.sync.SyncEngine.Mode.SYNC;
    return new Task<>() {
      @Override
      protected SyncResult call() throws Exception {
        return services.sync(
            session,
            p -> {
              Platform.runLater(() -> latest.set(p));
              double f = p.fraction();
              updateProgress(f < 0 ? -1 : f, f < 0 ? -1 : 1.0);
            },
            this::isCancelled,
            runMode);
      }
    };
  }
}
