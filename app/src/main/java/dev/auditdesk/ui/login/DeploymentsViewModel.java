package dev.auditdesk.ui.login;

import dev.auditdesk.cache.CacheStats;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.ui.common.Messages;
import java.text.NumberFormat;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every deployment cached on this computer, for the switcher: choosing one opens its cache offline
 * at once (no network needed); signing out forgets the current deployment's token.
 */
public final class DeploymentsViewModel {

  private static final Logger LOG = LoggerFactory.getLogger(DeploymentsViewModel.class);

  /** One cached deployment; {@code problem} is "" when its cache opens. */
  public record Entry(Deployment deployment, CacheStats stats, String problem) {}

  private final ObservableList<Entry> entries = FXCollections.observableArrayList();
  private final ObjectProperty<Deployment> current = new SimpleObjectProperty<>(this, "current");
  private final Supplier<List<Entry>> cached;
  private final Executor background;
  private final Consumer<Deployment> open;
  private final Runnable signOut;

  /**
   * @param cached lists the caches (blocks on disk: called on {@code background})
   * @param open switches the window to a deployment, offline
   * @param signOut forgets the current deployment's token (and revokes it when online)
   */
  public DeploymentsViewModel(
      Supplier<List<Entry>> cached,
      Executor background,
      Consumer<Deployment> open,
      Runnable signOut) {
    this.cached = cached;
    this.background = background;
    this.open = open;
    this.signOut = signOut;
  }

  public ObservableList<Entry> entries() {
    return entries;
  }

  public ObjectProperty<Deployment> currentProperty() {
    return current;
  }

  /** Lists the caches again, off the JavaFX thread. */
  public void refresh() {
    background.execute(
        () -> {
          try {
            List<Entry> list = cached.get();
            Platform.runLater(() -> entries.setAll(list));
          } catch (RuntimeException e) {
            LOG.warn("Could not list the cached deployments", e);
          }
        });
  }

  public void switchTo(Deployment d) {
    if (d != null && !d.equals(current.get())) {
      open.accept(d);
    }
  }

  public void signOut() {
    signOut.run();
  }

  /** "coder.example.com — 12,345 events, last synced 3 Nov 2025". */
  static String describe(Entry e) {
    if (!e.problem().isEmpty()) {
      return Messages.get("deployments.entry.problem", e.deployment().label(), e.problem());
    }
    NumberFormat n = NumberFormat.getIntegerInstance();
    CacheStats s = e.stats();
    if (s == null || s.events() == 0) {
      return Messages.get("deployments.entry.empty", e.deployment().label());
    }
    return s.lastSync().equals(Instant.EPOCH)
        ? Messages.get("deployments.entry", e.deployment().label(), n.format(s.events()))
        : Messages.get(
            "deployments.entry.synced",
            e.deployment().label(),
            n.format(s.events()),
            java.util.Date.from(s.lastSync()));
  }
}
