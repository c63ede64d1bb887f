package dev.auditdesk.cache;

import dev.auditdesk.model.DayCheck;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Collection;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The connection log's completeness record: table {@code connection_check} (migration 6), one row
 * per UTC day of connect times, as {@link DayCheck}s (window and seam counts do not apply: the
 * connection log's windows are exact instants, so they are the server count and 0).
 */
final class ConnectionCheckStore {

  private static final long END = Long.MIN_VALUE;
  private static final long UNKNOWN = Long.MAX_VALUE;

  private ConnectionCheckStore() {}

  static NavigableMap<LocalDate, DayCheck> read(Connection c) throws SQLException {
    NavigableMap<LocalDate, DayCheck> out = new TreeMap<>();
    try (NamedSql q =
            new NamedSql(
                c,
                "SELECT utc_day, state, server_count, cache_count, next_older, checked_at, note"
                    + " FROM connection_check");
        ResultSet r = q.statement().executeQuery()) {
      while (r.next()) {
        LocalDate day = LocalDate.ofEpochDay(r.getLong("utc_day"));
        DayCheck.State state;
        try {
          state = DayCheck.State.valueOf(r.getString("state"));
        } catch (IllegalArgumentException unknown) {
          state = DayCheck.State.UNVERIFIED; // written by a newer AuditDesk: check it again
        }
        long next = r.getLong("next_older");
        long server = r.getLong("server_count");
        out.put(
            day,
            new DayCheck(
                day,
                state,
                server,
                r.getLong("cache_count"),
                server,
                0,
                next == END
                    ? DayCheck.END
                    : next == UNKNOWN ? DayCheck.UNKNOWN : LocalDate.ofEpochDay(next),
                r.getTimestamp("checked_at").toInstant(),
                r.getString("note")));
      }
    }
    return out;
  }

  static void write(Connection c, Collection<DayCheck> checks) throws SQLException {
    try (NamedSql m =
        new NamedSql(
            c,
            "MERGE INTO connection_check(utc_day, state, server_count, cache_count, next_older,"
                + " checked_at, note) KEY(utc_day) VALUES(:day, :state, :server, :cache, :next,"
                + " :checked, :note)")) {
      for (DayCheck d : checks) {
        LocalDate n = d.nextOlder();
        m.set("day", d.day().toEpochDay())
            .set("state", d.state().name())
            .set("server", d.serverCount())
            .set("cache", d.cacheCount())
            .set(
                "next",
                n.equals(DayCheck.END)
                    ? END
                    : n.equals(DayCheck.UNKNOWN) ? UNKNOWN : n.toEpochDay())
            .set("checked", Timestamp.from(d.checkedAt()))
            .set("note", d.note());
        m.statement().addBatch();
      }
      m.statement().executeBatch();
    }
  }
}
