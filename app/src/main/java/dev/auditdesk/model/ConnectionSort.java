package dev.auditdesk.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Function;

/**
 * How a connection-log result is ordered. Ties are broken by connect time, then id, newest first,
 * so the order is total and paging is stable; rows without a value (a web request's duration) come
 * last either way.
 */
public record ConnectionSort(Column column, boolean ascending) {

  /** The columns the cache can sort every matching connection by. */
  public enum Column {
    TIME,
    TYPE,
    OWNER,
    USER,
    WORKSPACE,
    STATUS,
    DURATION,
    HTTP_STATUS
  }

  /** Coder's own order: newest first. */
  public static final ConnectionSort NEWEST_FIRST = new ConnectionSort(Column.TIME, false);

  public ConnectionSort {
    if (column == null) {
      throw new IllegalArgumentException("A sort needs a column.");
    }
  }

  /** A header's first click: ascending, but newest first for time. */
  public static ConnectionSort firstClick(Column c) {
    return new ConnectionSort(c, c != Column.TIME);
  }

  /** The next click on {@code c}'s header: the other direction, or that column's first click. */
  public ConnectionSort clicked(Column c) {
    return c == column ? new ConnectionSort(c, !ascending) : firstClick(c);
  }

  /** The order as a comparator (the slow reference the cache's SQL must agree with). */
  public Comparator<ConnectionRow> comparator(Instant now) {
    Comparator<ConnectionRow> byValue =
        switch (column) {
          case TIME -> Comparator.comparing(ConnectionRow::connectTime);
          case TYPE -> text(r -> r.type());
          case OWNER -> text(ConnectionRow::workspaceOwnerUsername);
          case USER -> text(ConnectionRow::username);
          case WORKSPACE -> text(ConnectionRow::workspaceName);
          case STATUS -> Comparator.comparing(r -> r.status().name());
          case DURATION ->
              Comparator.comparing(
                  (ConnectionRow r) -> r.duration(now).map(Duration::toNanos).orElse(null),
                  Comparator.nullsLast(Comparator.naturalOrder()));
          case HTTP_STATUS -> Comparator.comparingInt(r -> r.webInfo().statusCode());
        };
    Comparator<ConnectionRow> valued = ascending ? byValue : reversedKeepingNullsLast(byValue, now);
    return valued
        .thenComparing(ConnectionRow::connectTime, Comparator.reverseOrder())
        .thenComparing(ConnectionRow::id, Comparator.reverseOrder());
  }

  private Comparator<ConnectionRow> reversedKeepingNullsLast(
      Comparator<ConnectionRow> c, Instant now) {
    if (column != Column.DURATION) {
      return c.reversed();
    }
    return Comparator.comparing(
        (ConnectionRow r) -> r.duration(now).map(Duration::toNanos).orElse(null),
        Comparator.nullsLast(Comparator.<Long>reverseOrder()));
  }

  private static Comparator<ConnectionRow> text(Function<ConnectionRow, String> f) {
    return Comparator.comparing(r -> f.apply(r).toLowerCase(Locale.ROOT));
  }
}
