package dev.auditdesk.archive;

import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.SortOrder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keyset paging for the time order: where each page served ended, as (time, id) of its last row, so
 * the next page is {@code WHERE (time, id) < (t, id)} over the index instead of {@code OFFSET n},
 * which reads and drops n rows. A jump to a position no page ended at starts from the nearest known
 * key before it and skips only the difference. Other sorts have no index to walk (they sort the
 * matches), so they page with OFFSET over that sort. Forgotten whenever the archive is written.
 */
final class Keyset {

  /** The last row of a page in time order. */
  record Key(Instant time, String id) {}

  /** Where a page begins: after {@code key} (null: from the top), skipping {@code skip} rows. */
  record Start(Key key, long skip) {}

  private record Result(AuditQuery query, SortOrder order) {}

  /** Queries remembered, and positions per query: a long scroll keeps every page's end. */
  private static final int QUERIES = 8;

  private static final int POSITIONS = 100_000;

  private final Map<Result, TreeMap<Long, Key>> known =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Result, TreeMap<Long, Key>> e) {
          return size() > QUERIES;
        }
      };

  static boolean applies(SortOrder order) {
    return order.column() == dev.auditdesk.model.SortColumn.TIME;
  }

  static String orderBy(SortOrder o) {
    String dir = o.ascending() ? "ASC" : "DESC";
    String col =
        switch (o.column()) {
          case TIME -> null;
          case USER -> "actor_key";
          case ACTION -> "action";
          case RESOURCE_TYPE -> "resource_type";
          case RESOURCE_TARGET -> "resource_target";
          case STATUS -> "status";
          case IP -> "ip";
          case ORGANIZATION -> "org_key";
        };
    if (col == null) {
      return "time " + dir + ", id " + dir;
    }
    if (col.equals("status")) {
      return "status " + dir + ", time DESC, id DESC";
    }
    // Case-insensitive first, then exactly, as the H2 cache sorts text; ties newest first.
    return "lower("
        + col
        + ") COLLATE \"C\" "
        + dir
        + ", "
        + col
        + " COLLATE \"C\" "
        + dir
        + ", time DESC, id DESC";
  }

  /** The bound after a key, as a row comparison the (time, id) index answers. */
  static String condition(SortOrder o) {
    return o.ascending() ? "(time, id) > (?, ?)" : "(time, id) < (?, ?)";
  }

  /** Where to start a page at {@code offset}. */
  synchronized Start start(AuditQuery q, SortOrder o, long offset) {
    if (!applies(o) || offset == 0) {
      return new Start(null, offset);
    }
    TreeMap<Long, Key> at = known.get(new Result(q, o));
    Map.Entry<Long, Key> e = at == null ? null : at.floorEntry(offset);
    return e == null ? new Start(null, offset) : new Start(e.getValue(), offset - e.getKey());
  }

  /** Remembers that the row at {@code position} (0-based) of a result has this key. */
  synchronized void remember(AuditQuery q, SortOrder o, long position, Key key) {
    if (!applies(o)) {
      return;
    }
    TreeMap<Long, Key> at = known.computeIfAbsent(new Result(q, o), r -> new TreeMap<>());
    if (at.size() >= POSITIONS) {
      at.pollFirstEntry();
    }
    at.put(position + 1, key);
  }

  synchronized void forget() {
    known.clear();
  }
}
