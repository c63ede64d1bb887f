package dev.auditdesk.cache;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migration 10 on a file whose events hold their JSON as text: the {@code event} table is written
 * again, in row order, with each JSON packed ({@link JsonPacking}) and each UUID id as two numbers,
 * then takes the old table's place. One pass over the rows: adding the columns and updating every
 * row took twice as long (H2 copies a table for an added column, then rewrites each row).
 *
 * <p>Commits every {@link #BATCH} rows, so ten million events never make one transaction. A run
 * killed before the swap starts over from the old table, which is untouched until then; the swap's
 * three statements are covered by the upgrade copy of the file ({@link UpgradeBackup}).
 */
final class PackingMigration {

  private static final Logger LOG = LoggerFactory.getLogger(PackingMigration.class);

  static final int BATCH = 5_000;

  /** The columns copied as they are (those every event write sets, but the id and the JSON). */
  static final List<String> KEPT =
      List.of(
          "rk",
          "time_us",
          "id_key",
          "request_key",
          "resource_key",
          "status",
          "action",
          "resource_type",
          "resource_target",
          "actor",
          "org",
          "ip",
          "build_reason",
          "description",
          "resource_id",
          "content_hash");

  /** The event table of format 10: format 9's with {@code id_low} and {@code body}. */
  private static final String CREATE =
      "CREATE TABLE event_packed("
          + " rk BIGINT PRIMARY KEY,"
          + " id VARCHAR NOT NULL,"
          + " time_us BIGINT NOT NULL,"
          + " id_key BIGINT NOT NULL,"
          + " request_key BIGINT NOT NULL,"
          + " status INT NOT NULL,"
          + " action INT NOT NULL,"
          + " resource_type INT NOT NULL,"
          + " resource_target INT NOT NULL,"
          + " actor INT NOT NULL,"
          + " org INT NOT NULL,"
          + " ip INT NOT NULL,"
          + " build_reason INT NOT NULL,"
          + " resource_id INT NOT NULL DEFAULT 0,"
          + " description INT NOT NULL,"
          + " content_hash BIGINT NOT NULL,"
          + " raw VARCHAR,"
          + " resource_key BIGINT NOT NULL DEFAULT 0,"
          + " body VARBINARY,"
          + " id_low BIGINT NOT NULL DEFAULT 0)";

  private PackingMigration() {}

  static void run(Connection c) throws SQLException {
    long started = System.nanoTime();
    long count;
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS event_packed");
      s.execute(CREATE);
      try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM event")) {
        r.next();
        count = r.getLong(1);
      }
    }
    try (JsonPacking packing = JsonPacking.of(c)) {
      packing.trainFromText(c, count);
      copy(c, packing);
    }
    try (Statement s = c.createStatement()) {
      s.execute("DROP VIEW IF EXISTS event_readable");
      s.execute("DROP TABLE event");
      s.execute("ALTER TABLE event_packed RENAME TO event");
    }
    if (count > 0) {
      LOG.info(
          "Packed the JSON of {} events in {} s",
          count,
          (System.nanoTime() - started) / 1_000_000_000);
    }
  }

  private static void copy(Connection c, JsonPacking packing) throws SQLException {
    String kept = String.join(", ", KEPT);
    try (PreparedStatement read =
            c.prepareStatement(
                "SELECT " + kept + ", id, raw FROM event WHERE rk > ? ORDER BY rk LIMIT " + BATCH);
        PreparedStatement write =
            c.prepareStatement(
                "INSERT INTO event_packed("
                    + kept
                    + ", id, id_low, body) VALUES("
                    + "?, ".repeat(KEPT.size())
                    + "?, ?, ?)")) {
      long after = -1;
      while (true) {
        read.setLong(1, after);
        int n = 0;
        try (ResultSet r = read.executeQuery()) {
          while (r.next()) {
            n++;
            after = r.getLong(1);
            for (int i = 1; i <= KEPT.size(); i++) {
              write.setLong(i, r.getLong(i));
            }
            String id = r.getString(KEPT.size() + 1);
            write.setString(KEPT.size() + 1, EventCodec.storedId(id));
            write.setLong(KEPT.size() + 2, EventCodec.idLow(id));
            write.setBytes(
                KEPT.size() + 3,
                packing.pack(r.getString(KEPT.size() + 2).getBytes(StandardCharsets.UTF_8)));
            write.addBatch();
          }
        }
        if (n == 0) {
          return;
        }
        write.executeBatch();
        c.commit();
      }
    }
  }
}
