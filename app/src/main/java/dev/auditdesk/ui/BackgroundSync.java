package dev.auditdesk.ui;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Service;
import javafx.concurrent.Task;

/**
 * One sync of the session's deployment into its cache, as a restartable JavaFX {@link Service}
 * around the headless sync engine. Progress arrives as {@link Tick}s on the FX thread; cancelling
 * the service cancels the engine, which stops after the page in flight (what it stored stays).
 */
public final class BackgroundSync extends Service<Long> {

  /** What a running sync has done so far. */
  public record Tick(long read, long added, double perSecond) {}

  private final Session session;
  private final Services services;
  private final ReadOnlyObjectWrapper<Tick> tick = new ReadOnlyObjectWrapper<>();

  public BackgroundSync(Session session, Services services) {
    this.session = session;
    this.services = services;
    setExecutor(Workers.single("sync"));
  }

  /** The latest progress of the running sync; null before the first. */
  public ReadOnlyObjectProperty<Tick> tickProperty() {
    return tick.getReadOnlyProperty();
  }

  @Override
  protected Task<Long> createTask() {
    return new Task<>() {
      @Override
      protected Long call() throws Exception {
        long started = System.nanoTime();
        return services.sync(
            session,
            (read, added, fraction) -> {
              double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
              Tick t = new Tick(read, added, read / seconds);
              Platform.runLater(() -> tick.set(t));
              if (fraction >= 0) {
                updateProgress(fraction, 1.0);
              }
            },
            this::isCancelled);
      }
    };
  }
}
