package dev.auditdesk.ui.insights;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.insights.Finding;
import dev.auditdesk.insights.InsightSettings;
import dev.auditdesk.insights.Insights;
import dev.auditdesk.insights.Severity;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.ui.common.Messages;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Insights panel's state: the findings of the last run (newest first), a summary line, and the
 * chosen finding. Runs the rules on the background executor and publishes through the FX
 * dispatcher; choosing a finding hands it to whoever shows its events.
 */
public final class InsightsViewModel {

  private static final Logger LOG = LoggerFactory.getLogger(InsightsViewModel.class);

  private final Supplier<AuditCache> cache;
  private final InsightSettings settings;
  private final Executor background;
  private final Executor fx;
  private final ReadOnlyListWrapper<Finding> findings =
      new ReadOnlyListWrapper<>(FXCollections.observableArrayList());
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper exported = new ReadOnlyStringWrapper("");
  private final BooleanProperty running = new SimpleBooleanProperty();
  private final ObjectProperty<Finding> shown = new SimpleObjectProperty<>();
  private Consumer<Finding> onShow = f -> {};
  private long generation;

  public InsightsViewModel(
      Supplier<AuditCache> cache, InsightSettings settings, Executor background, Executor fx) {
    this.cache = cache;
    this.settings = settings;
    this.background = background;
    this.fx = fx;
  }

  /** Runs every rule over the whole cache again; a newer run's answer replaces an older one's. */
  public void run() {
    long g = ++generation;
    running.set(true);
    summary.set(Messages.get("insights.running"));
    AuditCache c = cache.get();
    background.execute(
        () -> {
          List<Finding> found;
          try {
            found = Insights.run(c, settings, DateRange.ALL, Instant.now());
          } catch (RuntimeException e) {
            LOG.warn("The insight rules failed", e);
            fx.execute(
                () -> {
                  if (g == generation) {
                    running.set(false);
                    summary.set(Messages.get("insights.failed", String.valueOf(e.getMessage())));
                  }
                });
            return;
          }
          fx.execute(
              () -> {
                if (g == generation) {
                  findings.setAll(found);
                  summary.set(summaryOf(found));
                  running.set(false);
                }
              });
        });
  }

  /** Shows the events of {@code f} (the main table filtered to them, or the connection log). */
  public void show(Finding f) {
    if (f == null) {
      return;
    }
    shown.set(f);
    onShow.accept(f);
  }

  public void setOnShow(Consumer<Finding> onShow) {
    this.onShow = onShow == null ? f -> {} : onShow;
  }

  static String summaryOf(List<Finding> found) {
    if (found.isEmpty()) {
      return Messages.get("insights.summary.none");
    }
    long high = found.stream().filter(f -> f.severity() == Severity.HIGH).count();
    long medium = found.stream().filter(f -> f.severity() == Severity.MEDIUM).count();
    return Messages.get(
        "insights.summary", found.size(), high, medium, found.size() - high - medium);
  }

  public ReadOnlyListProperty<Finding> findingsProperty() {
    return findings.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty runningProperty() {
    return running;
  }

  /** The finding whose events are shown. */
  public ObjectProperty<Finding> shownProperty() {
    return shown;
  }

  /** Writes the findings to {@code file} (CSV, or HTML for .html) with a manifest beside it. */
  public void export(java.nio.file.Path file) {
    List<Finding> now = List.copyOf(findings);
    AuditCache c = cache.get();
    background.execute(
        () -> {
          String message;
          try {
            FindingsExport.write(now, file, c);
            message = Messages.get("insights.exported", now.size(), file.toString());
          } catch (java.io.IOException | RuntimeException e) {
            LOG.warn("Could not export the findings to {}", file, e);
            message = Messages.get("insights.exportFailed", file.toString(), e.getMessage());
          }
          String m = message;
          fx.execute(() -> exported.set(m));
        });
  }

  /** What the last export did, in a sentence; empty before the first. */
  public ReadOnlyStringProperty exportedProperty() {
    return exported.getReadOnlyProperty();
  }

  public InsightSettings settings() {
    return settings;
  }
}
