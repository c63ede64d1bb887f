package dev.auditdesk.ui.connections;

import dev.auditdesk.cache.ConnectionLogCache;
import dev.auditdesk.model.ConnectionQuery;
import dev.auditdesk.model.ConnectionRow;
import dev.auditdesk.model.ConnectionSort;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.collections.ObservableListBase;

/**
 * The rows of one connection-log result as pages read from the cache when the table first shows
 * them; a row not read yet is null (the table shows it empty for a moment).
 */
public final class ConnectionRows extends ObservableListBase<ConnectionRow> {

  public static final int PAGE_SIZE = 200;

  private final ConnectionLogCache cache;
  private final ConnectionQuery query;
  private final ConnectionSort sort;
  private final Instant now;
  private final int size;
  private final ConnectionRow[] rows;
  private final boolean[] requested;
  private final Executor background;
  private final Executor fx;
  private volatile boolean disposed;

  ConnectionRows(
      ConnectionLogCache cache,
      ConnectionQuery query,
      ConnectionSort sort,
      Instant now,
      long count,
      List<ConnectionRow> firstPage,
      Executor background,
      Executor fx) {
    this.cache = cache;
    this.query = query;
    this.sort = sort;
    this.now = now;
    this.size = (int) Math.min(count, Integer.MAX_VALUE - 8);
    this.rows = new ConnectionRow[size];
    this.requested = new boolean[(size + PAGE_SIZE - 1) / PAGE_SIZE];
    this.background = background;
    this.fx = fx;
    for (int i = 0; i < firstPage.size() && i < size; i++) {
      rows[i] = firstPage.get(i);
    }
    if (requested.length > 0) {
      requested[0] = true;
    }
  }

  public ConnectionQuery query() {
    return query;
  }

  public ConnectionSort sort() {
    return sort;
  }

  /** The clock the order of open sessions' durations was read at (pages must agree on it). */
  public Instant now() {
    return now;
  }

  @Override
  public ConnectionRow get(int index) {
    ConnectionRow r = rows[index];
    if (r == null) {
      load(index / PAGE_SIZE);
    }
    return r;
  }

  @Override
  public int size() {
    return size;
  }

  /** Whether the row at {@code index} has been read from the cache. */
  public boolean loaded(int index) {
    return rows[index] != null;
  }

  /** Stops loading pages: a newer result replaced this one. */
  void dispose() {
    disposed = true;
  }

  private void load(int page) {
    if (requested[page] || disposed) {
      return;
    }
    requested[page] = true;
    int from = page * PAGE_SIZE;
    int n = Math.min(PAGE_SIZE, size - from);
    background.execute(
        () -> {
          if (disposed) {
            return;
          }
          List<ConnectionRow> got;
          try {
            got = cache.page(query, sort, now, from, n);
          } catch (RuntimeException e) {
            fx.execute(() -> requested[page] = false); // the next look at the page tries again
            return;
          }
          fx.execute(() -> fill(from, got));
        });
  }

  private void fill(int from, List<ConnectionRow> got) {
    if (disposed) {
      return;
    }
    beginChange();
    for (int i = 0; i < got.size() && from + i < size; i++) {
      ConnectionRow old = rows[from + i];
      rows[from + i] = got.get(i);
      nextSet(from + i, old);
    }
    endChange();
  }
}
