package dev.auditdesk.archive;

import dev.auditdesk.cache.SyncState;
import dev.auditdesk.model.DayCheck;
import dev.auditdesk.model.Deployment;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The SQL of {@code day_check} (the completeness record, as the H2 cache keeps it) and {@code
 * archive_meta} (which deployment the archive holds, and the sync state).
 */
final class ArchiveRecord {

  private static final long END = Long.MIN_VALUE;
  private static final long UNKNOWN = Long.MAX_VALUE;

  private ArchiveRecord() {}

  static NavigableMap<LocalDate, DayCheck> dayChecks(Connection c) throws SQLException {
    NavigableMap<LocalDate, DayCheck> out = new TreeMap<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT day, state, server_count, cache_count, window_count, seam_count,"
                    + " next_older, checked_at, note FROM day_check");
        ResultSet r = ps.executeQuery()) {
      while (r.next()) {
        LocalDate day = r.getObject(1, LocalDate.class);
        long next = r.getLong(7);
        out.put(
            day,
            new DayCheck(
                day,
                DayCheck.State.valueOf(r.getString(2)),
                r.getLong(3),
                r.getLong(4),
                r.getLong(5),
                r.getLong(6),
                next == END
                    ? DayCheck.END
                    : next == UNKNOWN ? DayCheck.UNKNOWN : LocalDate.ofEpochDay(next),
                r.getObject(8, OffsetDateTime.class).toInstant(),
                r.getString(9)));
      }
    }
    return out;
  }

  static void saveDayChecks(Connection c, Collection<DayCheck> checks) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO day_check (day, state, server_count, cache_count, window_count,"
                + " seam_count, next_older, checked_at, note) VALUES (?,?,?,?,?,?,?,?,?)"
                + " ON CONFLICT (day) DO UPDATE SET state = EXCLUDED.state,"
                + " server_count = EXCLUDED.server_count, cache_count = EXCLUDED.cache_count,"
                + " window_count = EXCLUDED.window_count, seam_count = EXCLUDED.seam_count,"
                + " next_older = EXCLUDED.next_older, checked_at = EXCLUDED.checked_at,"
                + " note = EXCLUDED.note")) {
      for (DayCheck d : checks) {
        p.setObject(1, d.day());
        p.setString(2, d.state().name());
        p.setLong(3, d.serverCount());
        p.setLong(4, d.cacheCount());
        p.setLong(5, d.windowCount());
        p.setLong(6, d.seamCount());
        p.setLong(
            7,
            d.nextOlder().equals(DayCheck.END)
                ? END
                : d.nextOlder().equals(DayCheck.UNKNOWN) ? UNKNOWN : d.nextOlder().toEpochDay());
        p.setObject(8, ArchiveFilter.timestamp(d.checkedAt()));
        p.setString(9, EventRow.clean(d.note()));
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  /** True once migration 2 added the hash chain's table. */
  static boolean hasChain(Connection c) throws SQLException {
    return ofTable(c, "t IS NOT NULL", "archive_chain");
  }

  /**
   * True when the archive has the table {@code name} and this connection's role may read it: an
   * auditor's role granted SELECT table by table, before a migration added one, may not.
   */
  static boolean readable(Connection c, String name) throws SQLException {
    return ofTable(c, "t IS NOT NULL AND has_table_privilege(t, 'SELECT')", name);
  }

  /** The yes/no {@code test} of {@code t}, the table {@code name} (null when there is none). */
  private static boolean ofTable(Connection c, String test, String name) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + test + " FROM to_regclass(?) AS t")) {
      ps.setString(1, name);
      try (ResultSet r = ps.executeQuery()) {
        return r.next() && r.getBoolean(1);
      }
    }
  }

  static Map<String, String> meta(Connection c) throws SQLException {
    Map<String, String> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT key, value FROM archive_meta");
        ResultSet r = ps.executeQuery()) {
      while (r.next()) {
        out.put(r.getString(1), r.getString(2));
      }
    }
    return out;
  }

  static void putMeta(Connection c, Map<String, String> values) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO archive_meta (key, value) VALUES (?, ?)"
                + " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value")) {
      for (Map.Entry<String, String> e : values.entrySet()) {
        p.setString(1, e.getKey());
        p.setString(2, EventRow.clean(e.getValue()));
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  static SyncState syncState(Map<String, String> m) {
    return new SyncState(
        instant(m.get("last_sync")),
        Boolean.parseBoolean(m.get("history_complete")),
        instant(m.get("server_oldest")),
        m.getOrDefault("server_version", ""),
        instant(m.get("walked_at")));
  }

  static Map<String, String> syncStateMeta(SyncState s) {
    return Map.of(
        "last_sync", s.lastSync().toString(),
        "history_complete", Boolean.toString(s.historyComplete()),
        "server_oldest", s.serverOldest().toString(),
        "server_version", s.serverVersion(),
        "walked_at", s.walkedAt().toString());
  }

  /** The deployment the archive holds; empty before its first sync. */
  static Optional<Deployment> deployment(Map<String, String> m) {
    String url = m.get("deployment_url");
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new Deployment(URI.create(url), m.getOrDefault("deployment_id", "")));
  }

  private static Instant instant(String s) {
    return s == null || s.isBlank() ? Instant.EPOCH : Instant.parse(s);
  }
}
