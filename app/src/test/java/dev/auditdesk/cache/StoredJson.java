package dev.auditdesk.cache;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The events' JSON as the file holds it (packed since migration 10), for tests that edit a cache
 * file behind AuditDesk's back or turn it back into an older format.
 */
public final class StoredJson {

  private StoredJson() {}

  /** The JSON of the event rows {@code where} selects (SQL over table {@code event}), by row. */
  public static Map<Long, String> read(Connection c, String where) throws SQLException {
    Map<Long, String> out = new LinkedHashMap<>();
    try (JsonPacking packing = JsonPacking.of(c);
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery("SELECT rk, body FROM event WHERE " + where + " ORDER BY rk")) {
      while (r.next()) {
        out.put(r.getLong(1), packing.unpack(r.getBytes(2)));
      }
    }
    return out;
  }

  /**
   * Changes the JSON of the rows {@code where} selects, packed again as AuditDesk packs it, as
   * someone editing the file with H2's tools could; returns how many rows changed.
   */
  public static int edit(Connection c, String where, UnaryOperator<String> change)
      throws SQLException {
    int n = 0;
    try (JsonPacking packing = JsonPacking.of(c);
        PreparedStatement p = c.prepareStatement("UPDATE event SET body = ? WHERE rk = ?")) {
      for (Map.Entry<Long, String> e : read(c, where).entrySet()) {
        p.setBytes(1, packing.pack(change.apply(e.getValue()).getBytes(StandardCharsets.UTF_8)));
        p.setLong(2, e.getKey());
        n += p.executeUpdate();
      }
    }
    return n;
  }

  /**
   * Turns a current file back into what AuditDesk wrote before migration 10 (JSON as text, ids
   * whole, step 2's view) and removes the record of step 10; callers then undo earlier steps. The
   * table is written again in one pass, as migration 10 does the other way.
   */
  public static void unpackAll(Connection c) throws SQLException {
    String kept = String.join(", ", PackingMigration.KEPT);
    try (Statement s = c.createStatement()) {
      s.execute("SET RETENTION_TIME 0");
      s.execute(
          "CREATE TABLE event_text(rk BIGINT PRIMARY KEY, id VARCHAR NOT NULL,"
              + " time_us BIGINT NOT NULL, id_key BIGINT NOT NULL, request_key BIGINT NOT NULL,"
              + " status INT NOT NULL, action INT NOT NULL, resource_type INT NOT NULL,"
              + " resource_target INT NOT NULL, actor INT NOT NULL, org INT NOT NULL,"
              + " ip INT NOT NULL, build_reason INT NOT NULL, resource_id INT NOT NULL DEFAULT 0,"
              + " description INT NOT NULL, content_hash BIGINT NOT NULL, raw VARCHAR NOT NULL,"
              + " resource_key BIGINT NOT NULL DEFAULT 0)");
      try (JsonPacking packing = JsonPacking.of(c);
          ResultSet r =
              s.executeQuery(
                  "SELECT " + kept + ", id, id_key, id_low, body FROM event ORDER BY rk");
          PreparedStatement p =
              c.prepareStatement(
                  "INSERT INTO event_text("
                      + kept
                      + ", id, raw) VALUES("
                      + "?, ".repeat(PackingMigration.KEPT.size())
                      + "?, ?)")) {
        int n = PackingMigration.KEPT.size();
        while (r.next()) {
          for (int i = 1; i <= n; i++) {
            p.setLong(i, r.getLong(i));
          }
          p.setString(n + 1, EventTable.id(r, n + 1));
          p.setString(n + 2, packing.unpack(r.getBytes(n + 4)));
          p.addBatch();
        }
        p.executeBatch();
      }
      s.execute("DROP VIEW event_readable");
      s.execute("DROP TABLE event");
      s.execute("ALTER TABLE event_text RENAME TO event");
      s.execute("DROP TABLE json_dict");
      s.execute("DELETE FROM schema_migration WHERE version >= " + JsonPacking.SINCE);
      for (String sql : Migrations.STEPS.get(1).sql()) {
        s.execute(sql);
      }
    }
  }
}
