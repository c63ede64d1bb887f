package dev.auditdesk.ui.table;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.SortOrder;
import dev.auditdesk.ui.common.Messages;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event table's items: a fixed-size list over one query result in the cache. {@link #get(int)}
 * never blocks — it answers from a small LRU of pages and, for a page not loaded yet, hands out
 * placeholder rows and asks the cache for the page off the FX thread. The list never holds more
 * than {@link #MAX_PAGES} pages, whatever the number of matching events. A page that fails to load
 * keeps its placeholder rows and is named in {@link #failureProperty()} until {@link #retry()}.
 */
public final class EventRows extends RowList {

  private static final Logger LOG = LoggerFactory.getLogger(EventRows.class);

  public static final int PAGE_SIZE = 100;
  public static final int MAX_PAGES = 40;

  private final AuditCache cache;
  private final AuditQuery query;
  private final SortOrder order;
  private final int size;
  private final Executor loader;
  private final Executor fx;
  private volatile boolean disposed;

  /** Pages whose last load failed, by page number: what Retry asks for again. */
  private final TreeMap<Integer, EventRow[]> failed = new TreeMap<>();

  private final ReadOnlyStringWrapper failure = new ReadOnlyStringWrapper(this, "failure", "");

  // Pages still in the LRU, readable from the loader thread (arrays compare by identity).
  private final Set<EventRow[]> live = ConcurrentHashMap.newKeySet();

  private final Map<Integer, EventRow[]> pages =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, EventRow[]> eldest) {
          boolean evict = size() > MAX_PAGES;
          if (evict) {
            live.remove(eldest.getValue());
          }
          return evict;
        }
      };

  /**
   * @param firstPage the first rows of the result, already fetched with the count
   * @param loader runs page fetches off the FX thread (latest request first)
   * @param fx runs a loaded page's rows on the FX thread
   */
  public EventRows(
      AuditCache cache,
      AuditQuery query,
      SortOrder order,
      long count,
      List<AuditEvent> firstPage,
      Executor loader,
      Executor fx) {
    this.fx = fx;
    this.cache = cache;
    this.query = query;
    this.order = order;
    this.size = (int) Math.min(count, Integer.MAX_VALUE);
    this.loader = loader;
    if (size > 0 && firstPage != null && !firstPage.isEmpty()) {
      EventRow[] rows = newPage(0);
      for (int i = 0; i < rows.length && i < firstPage.size(); i++) {
        rows[i].fill(firstPage.get(i));
      }
      pages.put(0, rows);
      live.add(rows);
    }
  }

  public AuditQuery query() {
    return query;
  }

  public SortOrder order() {
    return order;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public EventRow get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(index);
    }
    int page = index / PAGE_SIZE;
    EventRow[] rows = pages.get(page);
    if (rows == null) {
      rows = newPage(page);
      pages.put(page, rows);
      live.add(rows);
      request(page, rows);
    }
    return rows[index % PAGE_SIZE];
  }

  @Override
  public int indexOf(Object o) {
    return o instanceof EventRow r && r.owner() == this ? r.index() : -1;
  }

  /** How many pages are held right now (for tests and the benchmark). */
  public int pagesHeld() {
    return pages.size();
  }

  /** The event at {@code index} when its page is loaded; never starts a load. */
  public Optional<AuditEvent> peek(int index) {
    EventRow[] rows = index < 0 || index >= size ? null : pages.get(index / PAGE_SIZE);
    return rows == null ? Optional.empty() : Optional.ofNullable(rows[index % PAGE_SIZE].event());
  }

  /**
   * Finds the row of the event {@code id} among rows {@code [from, to)}: at once when those pages
   * are loaded, else from the cache off the FX thread. {@code found} runs on the FX thread, with -1
   * when the event is not there.
   */
  public void locate(String id, int from, int to, IntConsumer found) {
    int lo = Math.max(0, from);
    int hi = Math.min(size, to);
    boolean allLoaded = true;
    for (int i = lo; i < hi; i++) {
      Optional<AuditEvent> e = peek(i);
      if (e.isEmpty()) {
        allLoaded = false;
      } else if (e.get().id().equals(id)) {
        found.accept(i);
        return;
      }
    }
    if (allLoaded || disposed) {
      found.accept(-1);
      return;
    }
    loader.execute(
        () -> {
          int at = -1;
          try {
            List<AuditEvent> events = cache.page(query, order, lo, hi - lo);
            for (int i = 0; i < events.size() && at < 0; i++) {
              at = events.get(i).id().equals(id) ? lo + i : -1;
            }
          } catch (RuntimeException e) {
            LOG.warn("Could not look for event {} in rows {}-{}: {}", id, lo, hi, e.toString());
          }
          int row = at;
          fx.execute(() -> found.accept(row));
        });
  }

  /**
   * One sentence naming the rows that could not be loaded and why; empty while every page asked for
   * loaded.
   */
  public ReadOnlyStringProperty failureProperty() {
    return failure.getReadOnlyProperty();
  }

  /** Asks the cache again for every page that failed to load. */
  public void retry() {
    Map<Integer, EventRow[]> again = new TreeMap<>(failed);
    failed.clear();
    failure.set("");
    again.forEach(
        (page, rows) -> {
          if (pages.get(page) == rows) {
            request(page, rows);
          }
        });
  }

  /** Stops loading pages for this result; called when a newer result replaces it. */
  public void dispose() {
    disposed = true;
  }

  private void failed(int page, EventRow[] rows, RuntimeException e) {
    if (disposed || pages.get(page) != rows) {
      return;
    }
    failed.put(page, rows);
    int first = failed.firstKey() * PAGE_SIZE + 1;
    int last = failed.lastKey() * PAGE_SIZE + failed.lastEntry().getValue().length;
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    failure.set(Messages.get("table.loadFailed", first, last, why));
  }

  private EventRow[] newPage(int page) {
    int from = page * PAGE_SIZE;
    int n = Math.min(PAGE_SIZE, size - from);
    EventRow[] rows = new EventRow[n];
    for (int i = 0; i < n; i++) {
      rows[i] = new EventRow(this, from + i);
    }
    return rows;
  }

  private void request(int page, EventRow[] rows) {
    if (disposed) {
      return;
    }
    loader.execute(
        () -> {
          // Skipped when the user scrolled on and the page fell out of the LRU, or a new query ran.
          if (disposed || !live.contains(rows)) {
            return;
          }
          List<AuditEvent> events;
          try {
            events = cache.page(query, order, (long) page * PAGE_SIZE, rows.length);
          } catch (RuntimeException e) {
            // The rows stay placeholders until Retry; the window says which ones and why.
            LOG.warn(
                "Could not load rows {}-{}: {}",
                page * PAGE_SIZE,
                page * PAGE_SIZE + rows.length,
                e.toString());
            fx.execute(() -> failed(page, rows, e));
            return;
          }
          fx.execute(
              () -> {
                for (int i = 0; i < rows.length && i < events.size(); i++) {
                  rows[i].fill(events.get(i));
                }
              });
        });
  }
}
