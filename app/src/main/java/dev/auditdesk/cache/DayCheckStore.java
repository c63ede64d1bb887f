package dev.auditdesk.cache;

import dev.auditdesk.model.DayCheck;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Collection;
import java.util.NavigableMap;
import java.util.TreeMap;

/** The completeness record: table {@code day_check}, one row per UTC day (migration 5). */
final class DayCheckStore {

  private static final long END = Long.MIN_VALUE;
  private static final long UNKNOWN = Long.MAX_VALUE;

  private DayCheckStore() {}

  /** The record, or none in an older file opened read-only (its schema predates the record). */
  static NavigableMap<LocalDate, DayCheck> readIfRecorded(CacheDatabase db) throws SQLException {
    return db.schemaVersion() >= 5 ? read(db.writer()) : new TreeMap<>();
  }

  /** {@code record} with {@code checks} put over it, as a new map. */
  static NavigableMap<LocalDate, DayCheck> merged(
      NavigableMap<LocalDate, DayCheck> record, Collection<DayCheck> checks) {
    NavigableMap<LocalDate, DayCheck> next = new TreeMap<>(record);
    for (DayCheck c : checks) {
      next.put(c.day(), c);
    }
    return next;
  }

  static NavigableMap<LocalDate, DayCheck> read(Connection c) throws SQLException {
    NavigableMap<LocalDate, DayCheck> out = new TreeMap<>();
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT utc_day, state, server_count, cache_count, window_count, seam_count,"
                    + " next_older, checked_at, note FROM day_check")) {
      while (r.next()) {
        LocalDate day = LocalDate.ofEpochDay(r.getLong(1));
        DayCheck.State state;
        try {
          state = DayCheck.State.valueOf(r.getString(2));
        } catch (IllegalArgumentException unknown) {
          state = DayCheck.State.UNVERIFIED; // written by a newer AuditDesk: check it again
        }
        long next = r.getLong(7);
        out.put(
            day,
            new DayCheck(
                day,
                state,
                r.getLong(3),
                r.getLong(4),
                r.getLong(5),
                r.getLong(6),
                next == END
                    ? DayCheck.END
                    : next == UNKNOWN ? DayCheck.UNKNOWN : LocalDate.ofEpochDay(next),
                r.getTimestamp(8).toInstant(),
                r.getString(9)));
      }
    }
    return out;
  }

  static void write(Connection c, Collection<DayCheck> checks) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("MERGE INTO day_check KEY(utc_day) VALUES(?,?,?,?,?,?,?,?,?)")) {
      for (DayCheck d : checks) {
        p.setLong(1, d.day().toEpochDay());
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
        p.setTimestamp(8, Timestamp.from(d.checkedAt()));
        p.setString(9, d.note());
        p.addBatch();
      }
      p.executeBatch();
    }
  }
}
