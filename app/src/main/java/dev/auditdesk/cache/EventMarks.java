package dev.auditdesk.cache;

import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.DiffMarks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code event_mark} table: the rows whose diff grants a role or changes a secret ({@link
 * DiffMarks}), decided when the event is stored. Derived data, not evidence: the hash chain covers
 * the events, and the marks can always be rebuilt from them.
 */
final class EventMarks {

  private static final Logger LOG = LoggerFactory.getLogger(EventMarks.class);

  /** Meta key: when migration 9 marked the events already held, and over how many candidates. */
  static final String META_BUILT = "marks.built";

  /** The schema version that added the table. */
  static final int SINCE = 9;

  static final String MERGE = "MERGE INTO event_mark KEY(rk) VALUES(?, ?)";
  static final String DELETE = "DELETE FROM event_mark WHERE rk = ?";
  static final String ALL = "SELECT rk, marks FROM event_mark";

  /** The candidates of the backfill: the events {@link DiffMarks#candidate} accepts. */
  private static final String CANDIDATES =
      "SELECT e.rk, e.raw FROM event e"
          + " JOIN dict a ON a.kind = 0 AND a.code = e.action"
          + " JOIN dict t ON t.kind = 1 AND t.code = e.resource_type"
          + " WHERE (a.v = 'write' AND ARRAY_CONTAINS(?, t.v))"
          + " OR (a.v = 'create' AND ARRAY_CONTAINS(?, t.v))";

  private EventMarks() {}

  /** The marked rows and their marks, for a reader. */
  static Map<Integer, Integer> rows(Connection c) throws SQLException {
    Map<Integer, Integer> out = new HashMap<>();
    try (PreparedStatement p = c.prepareStatement(ALL);
        ResultSet r = p.executeQuery()) {
      while (r.next()) {
        out.put((int) r.getLong(1), r.getInt(2));
      }
    }
    return out;
  }

  /**
   * Migration 9's data: reads the events that can carry a mark (about 4.5 % of a busy deployment's)
   * once and marks them, so an upgraded cache answers like a new one. Re-runnable.
   */
  static void backfill(Connection c) throws SQLException {
    long started = System.nanoTime();
    int read = 0;
    int marked = 0;
    try (PreparedStatement q = c.prepareStatement(CANDIDATES);
        PreparedStatement m = c.prepareStatement(MERGE)) {
      q.setArray(1, c.createArrayOf("VARCHAR", DiffMarks.writtenTypes().toArray()));
      q.setArray(2, c.createArrayOf("VARCHAR", DiffMarks.createdTypes().toArray()));
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          read++;
          int marks = marks(r.getString(2));
          if (marks != 0) {
            m.setLong(1, r.getLong(1));
            m.setInt(2, marks);
            m.addBatch();
            if (++marked % 1_000 == 0) {
              m.executeBatch();
            }
          }
        }
      }
      m.executeBatch();
    }
    if (read > 0) {
      try (PreparedStatement p = c.prepareStatement("MERGE INTO meta KEY(k) VALUES(?, ?)")) {
        p.setString(1, META_BUILT);
        p.setString(2, Instant.now() + ":" + read);
        p.executeUpdate();
      }
    }
    LOG.info(
        "Marked {} of {} events whose diff may grant a role or change a secret in {} ms (once, on"
            + " upgrading the cache)",
        marked,
        read,
        (System.nanoTime() - started) / 1_000_000);
  }

  /** The marks of stored JSON; none for text that does not read as a Coder event. */
  private static int marks(String raw) {
    try {
      return DiffMarks.of(AuditEventJson.parse(raw));
    } catch (AuditEventJson.MalformedEventException notAnEvent) {
      return 0; // such a row is shown without a diff, so it carries nothing to mark
    }
  }

  /**
   * Adds the marks of one stored event to the writer's batches; a changed event ({@code replaced})
   * loses a mark its new version no longer earns. Returns whether a batch grew.
   */
  static boolean bind(
      PreparedStatement merge, PreparedStatement delete, long rk, AuditEvent e, boolean replaced)
      throws SQLException {
    int marks = DiffMarks.of(e);
    if (marks != 0) {
      merge.setLong(1, rk);
      merge.setInt(2, marks);
      merge.addBatch();
      return true;
    }
    if (replaced) {
      delete.setLong(1, rk);
      delete.addBatch();
      return true;
    }
    return false;
  }
}
