package dev.auditdesk.ui.app;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.EventCount;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.FacetValue;
import dev.auditdesk.model.SortOrder;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.common.Workers;
import dev.auditdesk.ui.filters.FacetPickerModel;
import dev.auditdesk.ui.filters.FilterSource;
import dev.auditdesk.ui.filters.QueryModel;
import dev.auditdesk.ui.filters.QueryText;
import dev.auditdesk.ui.session.Session;
import dev.auditdesk.ui.table.EventRows;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main window's state: the query model, the rows of the current result, the counts and the
 * choices of each filter. Every change of the query model runs count + first page on the session's
 * background executor; a newer query makes an older one stale (cancelled, its result ignored).
 * Results arrive through the {@code fx} executor (the FX thread in the app, the caller in tests).
 */
public final class MainViewModel implements FilterSource {

  private static final Logger LOG = LoggerFactory.getLogger(MainViewModel.class);

  /** The filters shown as combo boxes, in Coder's order. */
  public static final List<Facet> FILTERS = FilterSource.FACETS;

  private final Session session;
  private final AuditCache cache;
  private final QueryModel queryModel = new QueryModel();

  private final ReadOnlyObjectWrapper<EventRows> rows = new ReadOnlyObjectWrapper<>();
  private final LongProperty matching = new SimpleLongProperty(-1);
  private final LongProperty total = new SimpleLongProperty(-1);
  private final ReadOnlyStringWrapper countText = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper countEstimated = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper counting = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper estimateText = new ReadOnlyStringWrapper("");
  private final BooleanProperty querying = new SimpleBooleanProperty(false);
  private final ReadOnlyStringWrapper queryError = new ReadOnlyStringWrapper("");
  private final StringProperty lastError = new SimpleStringProperty("");
  private final Map<Facet, ReadOnlyObjectWrapper<List<FacetValue>>> facetValues =
      new EnumMap<>(Facet.class);
  private final Map<Facet, FacetPickerModel> pickers = new EnumMap<>(Facet.class);
  private final ObjectProperty<AuditEvent> selectedEvent = new SimpleObjectProperty<>();
  private final BooleanProperty facetsCurrent = new SimpleBooleanProperty(false);
  private final ReadOnlyStringWrapper auditLogNotice = new ReadOnlyStringWrapper("");

  private final Executor fx;
  private final Executor queryLane;
  private final Executor facetLane;
  private final Executor pageLane;
  private final Executor countLane;

  // Written on the FX thread; read by the background count to skip a superseded one.
  private volatile long generation;
  private FutureTask<?> running;
  private FutureTask<?> runningFacets;

  /** The query generation whose result the table shows (FX thread). */
  private long shownGeneration = -1;

  /** Work held until the current query's rows and filter lists are in (FX thread). */
  private final List<Runnable> heldForLists = new ArrayList<>();

  /**
   * True from a query's start until its filter lists are in or failed (FX thread); true before the
   * first query, which nothing should compete with.
   */
  private boolean listsPending = true;

  private boolean keepPosition;
  private boolean queryPending;
  private boolean pendingRefreshOnly;
  private boolean disposed;
  private volatile boolean exactTotal;

  /**
   * @param background the session's executor (queries, filter counts and pages run there)
   * @param fx where results are published: the FX thread
   */
  public MainViewModel(Session session, Executor background, Executor fx) {
    this.session = session;
    this.cache = session.cache();
    this.fx = fx;
    this.queryLane = Workers.serial(background);
    this.facetLane = Workers.serial(background);
    this.pageLane = Workers.latestFirst(background);
    this.countLane = Workers.serial(background);
    if (!session.recordsAuditEvents()) {
      auditLogNotice.set(Messages.get("main.notice.noAuditLog"));
    }
    Executor pickerLane = Workers.latestFirst(background);
    for (Facet f : FILTERS) {
      facetValues.put(f, new ReadOnlyObjectWrapper<>(List.of()));
      pickers.put(
          f,
          new FacetPickerModel(
              f, queryModel, facetValues.get(f).getReadOnlyProperty(), pickerLane, fx));
    }
    queryModel.queryProperty().addListener((o, a, b) -> scheduleQuery(false));
    queryModel.sortProperty().addListener((o, a, b) -> scheduleQuery(false));
  }

  /** Runs the first query; call once the window shows. */
  public void start() {
    runQuery();
  }

  public Session session() {
    return session;
  }

  public AuditCache cache() {
    return cache;
  }

  @Override
  public QueryModel queryModel() {
    return queryModel;
  }

  /** Why this deployment's audit log shows no new events; "" when it records them. */
  public ReadOnlyStringProperty auditLogNoticeProperty() {
    return auditLogNotice.getReadOnlyProperty();
  }

  /** The rows of the current result; replaced as a whole when a query completes. */
  public ReadOnlyObjectProperty<EventRows> rowsProperty() {
    return rows.getReadOnlyProperty();
  }

  /** Matching events of the current result, -1 before the first one. */
  public ReadOnlyLongProperty matchingProperty() {
    return matching;
  }

  /** All events in the cache, -1 before the first query. */
  public ReadOnlyLongProperty totalProperty() {
    return total;
  }

  /** "12,345 of 1,203,001 events". */
  @Override
  public ReadOnlyStringProperty countTextProperty() {
    return countText.getReadOnlyProperty();
  }

  /** True while a query runs (the table keeps showing the previous result meanwhile). */
  @Override
  public ReadOnlyBooleanProperty queryingProperty() {
    return querying;
  }

  /** The parser's message for the last bad query-field text; "" when it parsed. */
  @Override
  public ReadOnlyStringProperty queryErrorProperty() {
    return queryError.getReadOnlyProperty();
  }

  /** A cache failure while querying, in plain words; "" when the last query worked. */
  public ReadOnlyStringProperty lastErrorProperty() {
    return lastError;
  }

  /** Runs the current query again after a failure (the window's Retry). */
  public void retry() {
    scheduleQuery(false);
  }

  /** The choices of one filter with their counts under the other filters, most frequent first. */
  @Override
  public ReadOnlyObjectProperty<List<FacetValue>> facetValuesProperty(Facet facet) {
    return facetValues.get(facet).getReadOnlyProperty();
  }

  @Override
  public FacetPickerModel facetPicker(Facet facet) {
    return pickers.get(facet);
  }

  /** The event selected in the table (for the details pane); null when none or still loading. */
  public ObjectProperty<AuditEvent> selectedEventProperty() {
    return selectedEvent;
  }

  /** True when the last rows change was a refresh of the same query (keep the scroll position). */
  public boolean lastChangeKeptQuery() {
    return keepPosition;
  }

  /** The query field's text; a good text becomes the query, a bad one only shows its message. */
  @Override
  public void applyQueryText(String text) {
    try {
      AuditQuery q = queryFromText(text);
      queryError.set("");
      queryModel.setQuery(q);
    } catch (IllegalArgumentException e) {
      queryError.set(e.getMessage());
    }
  }

  /** Shows the parser's message for a text being typed, without applying it. */
  @Override
  public void checkQueryText(String text) {
    try {
      queryFromText(text);
      queryError.set("");
    } catch (IllegalArgumentException e) {
      queryError.set(e.getMessage());
    }
  }

  /** The query a query-field text means; a bad text throws with the parser's message. */
  @Override
  public AuditQuery queryFromText(String text) {
    return QueryText.parse(text);
  }

  /** The query model in the query language, for the query field. */
  @Override
  public String queryText() {
    return QueryText.render(queryModel.query());
  }

  /** Re-runs the current query (new events arrived); the table keeps its scroll position. */
  public void refresh() {
    scheduleQuery(true);
  }

  private void scheduleQuery(boolean refresh) {
    if (disposed) {
      return;
    }
    // Changes made together (a saved view sets query and sort) run as one query.
    pendingRefreshOnly = queryPending ? pendingRefreshOnly && refresh : refresh;
    if (!queryPending) {
      queryPending = true;
      fx.execute(this::runQuery);
    }
  }

  private void runQuery() {
    queryPending = false;
    if (disposed) {
      return;
    }
    long gen = ++generation;
    listsPending = true;
    AuditQuery q = queryModel.query();
    SortOrder s = queryModel.sort();
    boolean keep = pendingRefreshOnly;
    pendingRefreshOnly = false;
    if (running != null) {
      // Not interrupted: H2 would finish the read anyway (its file access ignores interrupts, see
      // CacheDatabase), the generation check drops the stale result, and the cache answers in tens
      // of milliseconds.
      running.cancel(false);
    }
    querying.set(true);
    running =
        submit(
            queryLane,
            () -> {
              // A large team archive estimates a large count: the first rows come at once and the
              // exact count follows on its own lane. A short first page is the whole result.
              Optional<EventCount> quick = cache.quickCount(q);
              if (quick.isPresent()) {
                List<AuditEvent> first = cache.page(q, s, 0, EventRows.PAGE_SIZE);
                if (first.size() == EventRows.PAGE_SIZE) {
                  long n = Math.max(quick.get().value(), first.size());
                  EventCount all = q.equals(AuditQuery.ALL) ? quick.get() : shownTotal();
                  return new QueryResult(n, true, all, first);
                }
                return new QueryResult(first.size(), false, totalBeside(q, first.size()), first);
              }
              long n = cache.count(q);
              List<AuditEvent> first =
                  n == 0
                      ? List.<AuditEvent>of()
                      : cache.page(q, s, 0, (int) Math.min(n, EventRows.PAGE_SIZE));
              return new QueryResult(n, false, totalBeside(q, n), first);
            },
            r -> {
              if (gen == generation) {
                showResult(r, q, s, keep, gen);
                if (r.countEstimated()) {
                  countInTheBackground(r, q, s, gen);
                }
              }
            },
            t -> {
              if (gen == generation) {
                LOG.warn("Query failed", t);
                lastError.set(Messages.get("main.queryFailed", message(t)));
                querying.set(false);
              }
            });
    // The filter lists are counted as soon as the count and the first page are done, while the FX
    // thread shows the rows; they are shown with those rows, never before. Counted beside the
    // count instead, they slowed it (two cores, and the timeline scans too) and came no sooner.
    loadFacets(gen, q, running);
  }

  /**
   * The total to show beside {@code n} matches: the matches when there is no filter; otherwise an
   * estimate may do (a large archive), unless it was asked to count exactly.
   */
  private EventCount totalBeside(AuditQuery q, long n) {
    return q.equals(AuditQuery.ALL) ? EventCount.exact(n) : shownTotal();
  }

  private EventCount shownTotal() {
    return exactTotal ? EventCount.exact(cache.total()) : cache.totalCount();
  }

  /**
   * Counts the matches of a result shown with an estimated count and puts the exact count in its
   * place, keeping the table's position; skipped when the filters changed before it started.
   */
  private void countInTheBackground(QueryResult shown, AuditQuery q, SortOrder s, long gen) {
    submit(
        countLane,
        () -> {
          if (gen != generation) {
            return null; // superseded while queued: nobody will see this count
          }
          long n = cache.count(q);
          return new QueryResult(n, false, totalBeside(q, n), shown.firstPage());
        },
        r -> {
          if (gen == generation && r != null) {
            counting.set(false);
            showRows(r, q, s, true);
            showCount(r);
          }
        },
        t -> {
          if (gen == generation) {
            counting.set(false);
            LOG.warn("Counting failed", t);
            lastError.set(Messages.get("main.queryFailed", message(t)));
          }
        });
  }

  private void showResult(QueryResult r, AuditQuery q, SortOrder s, boolean keep, long gen) {
    showRows(r, q, s, keep);
    showCount(r);
    counting.set(r.countEstimated()); // a count of an older result still running is dropped
    lastError.set("");
    querying.set(false);
    shownGeneration = gen;
  }

  /** Gives the table rows of {@code r}; {@code keep}: the table keeps its scroll position. */
  private void showRows(QueryResult r, AuditQuery q, SortOrder s, boolean keep) {
    EventRows old = rows.get();
    keepPosition = keep;
    rows.set(new EventRows(cache, q, s, r.count(), r.firstPage(), pageLane, fx));
    if (old != null) {
      old.dispose();
    }
  }

  private void showCount(QueryResult r) {
    total.set(r.total().value());
    matching.set(r.count());
    countText.set(countText(r.count(), r.countEstimated(), r.total()));
    countEstimated.set(r.total().estimated());
    estimateText.set(
        r.total().estimated()
            ? Messages.get(
                "filter.count.estimated.tip",
                NumberFormat.getIntegerInstance().format(r.total().value()))
            : "");
  }

  /**
   * Runs {@code work} on {@code lane}; its result or failure is handed to the FX thread unless the
   * returned task was cancelled first.
   */
  private <T> FutureTask<T> submit(
      Executor lane, Callable<T> work, Consumer<T> done, Consumer<Throwable> failed) {
    FutureTask<T> task =
        new FutureTask<>(
            () -> {
              T value;
              try {
                value = work.call();
              } catch (Exception | Error e) {
                fx.execute(() -> failed.accept(e));
                throw e;
              }
              fx.execute(() -> done.accept(value));
              return value;
            });
    lane.execute(task);
    return task;
  }

  private static String message(Throwable t) {
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /** True when the filters' counts belong to the result the table shows. */
  public ReadOnlyBooleanProperty facetsCurrentProperty() {
    return facetsCurrent;
  }

  private void loadFacets(long gen, AuditQuery q, Future<?> after) {
    facetsCurrent.set(false);
    if (runningFacets != null) {
      runningFacets.cancel(false);
    }
    runningFacets =
        submit(
            facetLane,
            () -> {
              awaitQuietly(after);
              if (gen != generation) {
                return null; // the filters changed meanwhile
              }
              // Handed over as they are: the FX thread only sets them (a copy of two million
              // values stalled it for a third of a second).
              Map<Facet, List<FacetValue>> m = new EnumMap<>(Facet.class);
              cache
                  .facetValues(FILTERS, q)
                  .forEach((f, v) -> m.put(f, Collections.unmodifiableList(v)));
              return m;
            },
            m -> {
              // The rows came first (the lists waited for them); a failed query shows no lists.
              if (m != null && gen == generation && shownGeneration == gen) {
                m.forEach((f, v) -> facetValues.get(f).set(v));
                facetsCurrent.set(true);
              }
              if (gen == generation) {
                listsIn();
              }
            },
            t -> {
              LOG.warn("Filter values failed", t);
              if (gen == generation) {
                listsIn();
              }
            });
  }

  /**
   * An executor for work that must not compete with the table: each task goes to {@code pool} once
   * the current query's rows and filter lists are in, at once when they are. A newer query holds
   * the tasks until its own lists are in. The timeline counts through it: on two cores, counting
   * beside the query and the lists slowed both (the lists of ten million events by a third).
   */
  public Executor afterLists(Executor pool) {
    // Decided on the FX thread after the change that asked for the task has reached every
    // listener: the query it belongs to is then pending here too, whichever listener ran first.
    return task ->
        fx.execute(
            () -> {
              if (queryPending || listsPending) {
                heldForLists.add(() -> pool.execute(task));
              } else {
                pool.execute(task);
              }
            });
  }

  private void listsIn() {
    listsPending = false;
    List<Runnable> held = List.copyOf(heldForLists);
    heldForLists.clear();
    held.forEach(Runnable::run);
  }

  /** Waits until {@code f} is done, however it ends. */
  private static void awaitQuietly(Future<?> f) {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | CancellationException e) {
      // reported by its own handler; the lists of a failed query are not shown (see loadFacets)
    }
  }

  static String countText(long count, EventCount all) {
    return countText(count, false, all);
  }

  /** The count line; {@code estimated}: the matches are an estimate still being counted. */
  static String countText(long count, boolean estimated, EventCount all) {
    NumberFormat nf = NumberFormat.getIntegerInstance();
    if (estimated) {
      if (all.value() == count) {
        return Messages.get("filter.count.counting.same", nf.format(count));
      }
      return all.estimated()
          ? Messages.get(
              "filter.count.counting.estimatedTotal", nf.format(count), compact(all.value()))
          : Messages.get("filter.count.counting", nf.format(count), nf.format(all.value()));
    }
    if (all.estimated()) {
      return Messages.get("filter.count.estimated", nf.format(count), compact(all.value()));
    }
    long total = all.value();
    if (count == total) {
      return Messages.get("filter.count.same", nf.format(count));
    }
    return Messages.get("filter.count", nf.format(count), nf.format(total));
  }

  /** An estimated total as it is read: "1.2M". */
  private static String compact(long value) {
    NumberFormat compact =
        NumberFormat.getCompactNumberInstance(Locale.getDefault(), NumberFormat.Style.SHORT);
    compact.setMaximumFractionDigits(1);
    return compact.format(value);
  }

  /** Stops background work; the executor and the session are closed by whoever owns them. */
  public void dispose() {
    disposed = true;
    generation++;
    if (rows.get() != null) {
      rows.get().dispose();
    }
    pickers.values().forEach(FacetPickerModel::dispose);
    heldForLists.clear();
    for (FutureTask<?> t : new FutureTask<?>[] {running, runningFacets}) {
      if (t != null) {
        t.cancel(false);
      }
    }
  }

  /**
   * True while the table is sized by the archive's estimate of the matches and their exact count
   * runs in the background (a large team archive).
   */
  @Override
  public ReadOnlyBooleanProperty countingProperty() {
    return counting.getReadOnlyProperty();
  }

  /** True when the count text's total is the database's estimate (a large team archive). */
  @Override
  public ReadOnlyBooleanProperty countEstimatedProperty() {
    return countEstimated.getReadOnlyProperty();
  }

  /** What the estimate is and how to get the exact count; "" when the count is exact. */
  @Override
  public ReadOnlyStringProperty estimateTextProperty() {
    return estimateText.getReadOnlyProperty();
  }

  /** Counts the total exactly from now on (asked from the count's "exact count" link). */
  @Override
  public void countExactly() {
    exactTotal = true;
    refresh();
  }

  /**
   * A query's answer as shown; {@code countEstimated}: {@code count} is the archive's estimate and
   * the exact count is on its way.
   */
  private record QueryResult(
      long count, boolean countEstimated, EventCount total, List<AuditEvent> firstPage) {}
}
