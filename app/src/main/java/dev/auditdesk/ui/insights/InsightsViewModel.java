package dev.auditdesk.ui.insights;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.insights.Finding;
import dev.auditdesk.insights.InsightSettings;
import dev.auditdesk.insights.Insights;
import dev.auditdesk.insights.Rule;
import dev.auditdesk.insights.Severity;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.ui.common.Messages;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;
import javafx.collections.transformation.FilteredList;
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
  private final FilteredList<Finding> visible = new FilteredList<>(findings.get(), f -> true);
  private final ObservableSet<Rule> rules = FXCollections.observableSet(EnumSet.noneOf(Rule.class));
  private final ObservableSet<Severity> severities =
      FXCollections.observableSet(EnumSet.noneOf(Severity.class));
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
    rules.addListener((SetChangeListener<Rule>) c -> refilter());
    severities.addListener((SetChangeListener<Severity>) c -> refilter());
  }

  /** The findings that pass the rule and severity filters, newest first: what the table lists. */
  public ObservableList<Finding> visibleFindings() {
    return FXCollections.unmodifiableObservableList(visible);
  }

  /** The rules whose findings are shown; none chosen shows every rule. */
  public ObservableSet<Rule> chosenRules() {
    return rules;
  }

  /** The severities whose findings are shown; none chosen shows every severity. */
  public ObservableSet<Severity> chosenSeverities() {
    return severities;
  }

  /** Shows or hides one rule's findings (choosing the first rule hides the others). */
  public void chooseRule(Rule r, boolean on) {
    if (on) {
      rules.add(r);
    } else {
      rules.remove(r);
    }
  }

  public void chooseSeverity(Severity s, boolean on) {
    if (on) {
      severities.add(s);
    } else {
      severities.remove(s);
    }
  }

  /** Shows every finding again. */
  public void clearFilters() {
    rules.clear();
    severities.clear();
  }

  /**
   * How many findings each rule has under the severity filter (so a rule's count says what choosing
   * it would show), in the order of {@link Rule}; rules without findings are left out.
   */
  public Map<Rule, Integer> ruleCounts() {
    Map<Rule, Integer> out = new EnumMap<>(Rule.class);
    for (Finding f : findings) {
      if (severities.isEmpty() || severities.contains(f.severity())) {
        out.merge(f.rule(), 1, Integer::sum);
      }
    }
    return out;
  }

  /** How many findings of each severity there are under the rule filter. */
  public Map<Severity, Integer> severityCounts() {
    Map<Severity, Integer> out = new EnumMap<>(Severity.class);
    for (Finding f : findings) {
      if (rules.isEmpty() || rules.contains(f.rule())) {
        out.merge(f.severity(), 1, Integer::sum);
      }
    }
    return out;
  }

  private void refilter() {
    Set<Rule> r = Set.copyOf(rules);
    Set<Severity> s = Set.copyOf(severities);
    visible.setPredicate(
        f -> (r.isEmpty() || r.contains(f.rule())) && (s.isEmpty() || s.contains(f.severity())));
    if (!running.get() && !findings.isEmpty()) {
      summary.set(summaryOf(findings, visible.size()));
    }
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
                  running.set(false);
                  findings.setAll(found);
                  summary.set(summaryOf(found, visible.size()));
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

  /** "25 findings: 3 high, ...", and how many of them the filters show when they hide some. */
  static String summaryOf(List<Finding> found, int shown) {
    if (found.isEmpty()) {
      return Messages.get("insights.summary.none");
    }
    long high = found.stream().filter(f -> f.severity() == Severity.HIGH).count();
    long medium = found.stream().filter(f -> f.severity() == Severity.MEDIUM).count();
    String all =
        Messages.get("insights.summary", found.size(), high, medium, found.size() - high - medium);
    return shown == found.size() ? all : Messages.get("insights.summary.filtered", shown, all);
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
    List<Finding> now = List.copyOf(visible);
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
