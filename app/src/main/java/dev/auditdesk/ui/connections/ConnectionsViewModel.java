package dev.auditdesk.ui.connections;

import dev.auditdesk.cache.ConnectionLogCache;
import dev.auditdesk.cache.ConnectionSyncState.Availability;
import dev.auditdesk.model.ConnectionFacet;
import dev.auditdesk.model.ConnectionQuery;
import dev.auditdesk.model.ConnectionRow;
import dev.auditdesk.model.ConnectionSort;
import dev.auditdesk.model.ConnectionStatus;
import dev.auditdesk.model.ConnectionType;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.DayCheck;
import dev.auditdesk.model.FacetValue;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.common.TableCopy;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Connections view's state: the connection-log query, the rows of its result, the counts, the
 * choices of each filter and the selected connection. Every query change runs count, first page and
 * filter counts on the background executor and publishes them through the FX dispatcher.
 */
public final class ConnectionsViewModel {

  /** The filters the view offers, in the order shown. */
  public static final List<ConnectionFacet> FACETS =
      List.of(
          ConnectionFacet.FAMILY,
          ConnectionFacet.OWNER,
          ConnectionFacet.USER,
          ConnectionFacet.WORKSPACE,
          ConnectionFacet.STATUS);

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionsViewModel.class);

  private final ConnectionLogCache cache;
  private final Executor background;
  private final Executor fx;
  private final ObjectProperty<ConnectionQuery> query =
      new SimpleObjectProperty<>(ConnectionQuery.ALL);
  private final ObjectProperty<ConnectionSort> sort =
      new SimpleObjectProperty<>(ConnectionSort.NEWEST_FIRST);
  private final ReadOnlyObjectWrapper<ConnectionRows> rows = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyLongWrapper matching = new ReadOnlyLongWrapper();
  private final ReadOnlyLongWrapper total = new ReadOnlyLongWrapper();
  private final ReadOnlyStringWrapper countText = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<Set<LocalDate>> unverifiedDays =
      new ReadOnlyObjectWrapper<>(Set.of());
  private final ObjectProperty<ConnectionRow> selected = new SimpleObjectProperty<>();
  private final ReadOnlyObjectWrapper<Instant> now = new ReadOnlyObjectWrapper<>(Instant.now());
  private final BooleanProperty shown = new SimpleBooleanProperty(false);
  private final Map<ConnectionFacet, ObservableList<FacetValue>> facets =
      new EnumMap<>(ConnectionFacet.class);
  private Consumer<String> showAuditEvents = w -> {};
  private long generation;
  private boolean started;
  private boolean disposed;

  /**
   * @param background where the cache is read (the session's pool)
   * @param fx runs results on the FX thread ({@code Platform::runLater}; a test passes its own)
   */
  public ConnectionsViewModel(ConnectionLogCache cache, Executor background, Executor fx) {
    this.cache = cache;
    this.background = background;
    this.fx = fx;
    for (ConnectionFacet f : FACETS) {
      facets.put(f, FXCollections.observableArrayList());
    }
    query.addListener((o, was, now) -> run());
    sort.addListener((o, was, now) -> run());
  }

  /** Runs the first query; later ones follow every filter change. */
  public void start() {
    started = true;
    run();
  }

  /** Stops publishing results: the window closes and its executor with it. */
  public void dispose() {
    disposed = true;
    ConnectionRows r = rows.get();
    if (r != null) {
      r.dispose();
    }
  }

  /** Reads the cache again with the same filters (after a sync). */
  public void refresh() {
    if (started) {
      run();
    }
  }

  /** The connection log this view reads (File ▸ Export… writes from it too). */
  public ConnectionLogCache cache() {
    return cache;
  }

  public ObjectProperty<ConnectionQuery> queryProperty() {
    return query;
  }

  /** The order of the rows, kept by the cache over every matching row (a header click sets it). */
  public ObjectProperty<ConnectionSort> sortProperty() {
    return sort;
  }

  /** A click on the header of {@code c}: sort by it, or flip the direction. */
  public void sortBy(ConnectionSort.Column c) {
    sort.set(sort.get().clicked(c));
  }

  public ReadOnlyObjectProperty<ConnectionRows> rowsProperty() {
    return rows.getReadOnlyProperty();
  }

  public ReadOnlyLongProperty matchingProperty() {
    return matching.getReadOnlyProperty();
  }

  public ReadOnlyLongProperty totalProperty() {
    return total.getReadOnlyProperty();
  }

  /** "120 of 1,200 connections". */
  public ReadOnlyStringProperty countTextProperty() {
    return countText.getReadOnlyProperty();
  }

  /** One plain sentence when the deployment has no connection log for us; else empty. */
  public ReadOnlyStringProperty noticeProperty() {
    return notice.getReadOnlyProperty();
  }

  /** Why the last query failed; empty while queries work. */
  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  /** UTC days of the connection log the sync could not verify (the timeline marks them). */
  public ReadOnlyObjectProperty<Set<LocalDate>> unverifiedDaysProperty() {
    return unverifiedDays.getReadOnlyProperty();
  }

  public ObjectProperty<ConnectionRow> selectedProperty() {
    return selected;
  }

  /** The clock durations of open sessions are measured to; {@link #tick} moves it. */
  public ReadOnlyObjectProperty<Instant> nowProperty() {
    return now.getReadOnlyProperty();
  }

  /** Whether the window shows the connection log (true) or the audit log (false). */
  public BooleanProperty shownProperty() {
    return shown;
  }

  /** The choices of one filter with their counts under the other filters, most frequent first. */
  public ObservableList<FacetValue> facetValues(ConnectionFacet f) {
    return facets.get(f);
  }

  public void tick() {
    now.set(Instant.now());
  }

  public void setFamilies(Set<ConnectionType> f) {
    query.set(query.get().withFamilies(f));
  }

  public void setOwner(String o) {
    query.set(query.get().withOwner(o));
  }

  public void setUser(String u) {
    query.set(query.get().withUser(u));
  }

  public void setWorkspace(String w) {
    query.set(query.get().withWorkspace(w));
  }

  public void setStatuses(Set<ConnectionStatus> s) {
    query.set(query.get().withStatuses(s));
  }

  public void setRange(DateRange r) {
    query.set(query.get().withRange(r));
  }

  /**
   * Sets one filter from the values chosen in its picker (facet values as the cache names them).
   */
  public void select(ConnectionFacet f, Set<String> values) {
    String one = values.isEmpty() ? "" : values.iterator().next();
    switch (f) {
      case FAMILY ->
          setFamilies(values.stream().map(ConnectionType::parse).collect(Collectors.toSet()));
      case OWNER -> setOwner(one);
      case USER -> setUser(one);
      case WORKSPACE -> setWorkspace(one);
      case STATUS ->
          setStatuses(values.stream().map(ConnectionStatus::valueOf).collect(Collectors.toSet()));
      case TYPE -> query.set(query.get().withTypes(values));
    }
  }

  /** The values of one filter that the query holds now, as the cache names them. */
  public Set<String> selection(ConnectionFacet f) {
    ConnectionQuery q = query.get();
    return switch (f) {
      case FAMILY -> q.families().stream().map(Enum::name).collect(Collectors.toSet());
      case OWNER -> lower(q.owner());
      case USER -> lower(q.user());
      case WORKSPACE -> lower(q.workspace());
      case STATUS -> q.statuses().stream().map(Enum::name).collect(Collectors.toSet());
      case TYPE -> q.types();
    };
  }

  /** Shows the connection log with these filters and this order (a saved view). */
  public void open(ConnectionQuery q, ConnectionSort order) {
    sort.set(order);
    query.set(q);
    shown.set(true);
  }

  public void clearFilters() {
    query.set(ConnectionQuery.ALL);
  }

  /** Shows the connections to one workspace within a day either side of {@code around}. */
  public void showWorkspace(String workspace, Instant around) {
    Duration day = Duration.ofDays(1);
    query.set(
        ConnectionQuery.ALL
            .withWorkspace(workspace)
            .withRange(new DateRange(around.minus(day), around.plus(day))));
    shown.set(true);
  }

  /** Where "Show audit events of this workspace" goes (the window switches logs). */
  public void setOnShowAuditEvents(Consumer<String> action) {
    showAuditEvents = action == null ? w -> {} : action;
  }

  /** Shows the audit events whose resource target is the selected connection's workspace. */
  public void showAuditEventsOfSelected() {
    ConnectionRow r = selected.get();
    if (r != null && !r.workspaceName().isEmpty()) {
      shown.set(false);
      showAuditEvents.accept(r.workspaceName());
    }
  }

  /**
   * Copies the rows at {@code indices} of the shown result as tab-separated text (the first {@value
   * ConnectionCopy#MAX_ROWS}), reading the ones not loaded yet; {@code done} gets it on the FX
   * thread.
   */
  public void copyRows(
      List<Integer> indices, List<TableCopy.Column<ConnectionRow>> columns, Consumer<String> done) {
    ConnectionRows shown = rows.get();
    if (!indices.isEmpty() && shown != null) {
      ConnectionCopy.copy(cache, shown, indices, columns, background, fx, done);
    }
  }

  private static Set<String> lower(String s) {
    return s.isEmpty() ? Set.of() : Set.of(s.toLowerCase(java.util.Locale.ROOT));
  }

  private record Result(
      long count,
      long total,
      List<ConnectionRow> first,
      Map<ConnectionFacet, List<FacetValue>> facets,
      String notice,
      Set<LocalDate> unverified) {}

  private void run() {
    if (disposed) {
      return;
    }
    long gen = ++generation;
    ConnectionQuery q = query.get();
    ConnectionSort order = sort.get();
    Instant at = now.get();
    background.execute(
        () -> {
          Result r;
          try {
            r = read(q, order, at);
          } catch (RuntimeException e) {
            LOG.warn("Connection log query failed", e);
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            fx.execute(
                () -> {
                  if (gen == generation) {
                    error.set(Messages.get("connections.queryFailed", why));
                  }
                });
            return;
          }
          fx.execute(
              () -> {
                if (gen == generation && !disposed) {
                  show(r, q, order, at);
                }
              });
        });
  }

  private Result read(ConnectionQuery q, ConnectionSort order, Instant at) {
    long n = cache.count(q);
    List<ConnectionRow> first =
        n == 0
            ? List.of()
            : cache.page(q, order, at, 0, (int) Math.min(n, ConnectionRows.PAGE_SIZE));
    Map<ConnectionFacet, List<FacetValue>> f = new EnumMap<>(ConnectionFacet.class);
    for (ConnectionFacet facet : FACETS) {
      f.put(facet, cache.facetValues(facet, q));
    }
    Availability a = cache.syncState().availability();
    String why =
        switch (a) {
          case NOT_SUPPORTED -> Messages.get("connections.notice.notSupported");
          case NOT_PERMITTED -> Messages.get("connections.notice.notPermitted");
          default -> "";
        };
    long all = cache.total();
    Set<LocalDate> bad =
        cache.completeness().unverified().stream().map(DayCheck::day).collect(Collectors.toSet());
    return new Result(n, all, first, f, all == 0 ? why : "", bad);
  }

  private void show(Result r, ConnectionQuery q, ConnectionSort order, Instant at) {
    ConnectionRows old = rows.get();
    rows.set(new ConnectionRows(cache, q, order, at, r.count(), r.first(), background, fx));
    if (old != null) {
      old.dispose();
    }
    matching.set(r.count());
    total.set(r.total());
    NumberFormat nf = NumberFormat.getIntegerInstance();
    countText.set(
        r.count() == r.total()
            ? Messages.get("connections.count.same", nf.format(r.total()))
            : Messages.get("connections.count", nf.format(r.count()), nf.format(r.total())));
    notice.set(r.notice());
    unverifiedDays.set(r.unverified());
    error.set("");
    r.facets().forEach((f, values) -> facets.get(f).setAll(values));
  }
}
