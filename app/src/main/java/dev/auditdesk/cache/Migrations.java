package dev.auditdesk.cache;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The cache schema as numbered steps, applied in order and recorded in {@code schema_migration}, so
 * a cache made by an older AuditDesk opens in a newer one. A small table instead of Flyway: the
 * schema is a handful of tables, Flyway would add a dependency and its own startup scan to every
 * open, and we need exactly "apply the steps above the recorded number, in one transaction each".
 * Never edit a step once released; add a new one. H2 commits DDL on its own, so every statement is
 * written to be re-runnable (IF NOT EXISTS): a step interrupted half-way simply runs again.
 */
final class Migrations {

  /** Work of a step that SQL alone cannot do; runs after the step's SQL, in its transaction. */
  interface Code {
    void run(Connection c) throws SQLException;
  }

  record Step(int version, String description, List<String> sql, Code code) {
    Step(int version, String description, List<String> sql) {
      this(version, description, sql, c -> {});
    }
  }

  static final List<Step> STEPS =
      List.of(
          new Step(
              1,
              "events, dictionaries, meta",
              List.of(
                  "CREATE TABLE IF NOT EXISTS meta(k VARCHAR PRIMARY KEY, v VARCHAR NOT NULL)",
                  // Strings of the filter columns, numbered; events store the numbers.
                  "CREATE TABLE IF NOT EXISTS dict(kind INT NOT NULL, code INT NOT NULL, v VARCHAR NOT NULL,"
                      + " PRIMARY KEY(kind, code))",
                  "CREATE TABLE IF NOT EXISTS event("
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
                      + " resource_id INT NOT NULL,"
                      + " description INT NOT NULL,"
                      + " content_hash BIGINT NOT NULL,"
                      + " raw VARCHAR NOT NULL)",
                  "CREATE UNIQUE INDEX IF NOT EXISTS event_id ON event(id)")),
          new Step(
              2,
              "a readable view for people inspecting the file with H2's tools",
              List.of(
                  "CREATE OR REPLACE VIEW event_readable AS SELECT e.rk, e.id,"
                      + " DATEADD(MICROSECOND, MOD(e.time_us, 1000000),"
                      + " DATEADD(SECOND, e.time_us / 1000000,"
                      + " TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00Z')) AS event_time,"
                      + " a.v AS action, t.v AS resource_type, g.v AS resource_target,"
                      + " u.v AS actor, e.status, e.raw"
                      + " FROM event e"
                      + " LEFT JOIN dict a ON a.kind = 0 AND a.code = e.action"
                      + " LEFT JOIN dict t ON t.kind = 1 AND t.code = e.resource_type"
                      + " LEFT JOIN dict g ON g.kind = 2 AND g.code = e.resource_target"
                      + " LEFT JOIN dict u ON u.kind = 3 AND u.code = e.actor")),
          new Step(
              3,
              "no index on the event id: ids are found through the in-memory id keys",
              // Random UUIDs spread every sync page over the whole index, so each commit rewrote
              // most of its pages: it cost more than the rows themselves (docs/CACHE.md).
              List.of("DROP INDEX IF EXISTS event_id")),
          new Step(
              4,
              "resource ids as 64-bit hashes instead of a dictionary entry per resource",
              List.of(
                  "ALTER TABLE event ADD COLUMN IF NOT EXISTS resource_key BIGINT NOT NULL"
                      + " DEFAULT 0",
                  "ALTER TABLE event ALTER COLUMN resource_id SET DEFAULT 0",
                  "CREATE TABLE IF NOT EXISTS resource_key_map(code INT PRIMARY KEY,"
                      + " k BIGINT NOT NULL)"),
              Migrations::resourceKeys),
          new Step(
              5,
              "the completeness record: per UTC day, the server's count against the cache's",
              List.of(
                  "CREATE TABLE IF NOT EXISTS day_check(utc_day BIGINT PRIMARY KEY,"
                      + " state VARCHAR NOT NULL, server_count BIGINT NOT NULL,"
                      + " cache_count BIGINT NOT NULL, window_count BIGINT NOT NULL,"
                      + " seam_count BIGINT NOT NULL, next_older BIGINT NOT NULL,"
                      + " checked_at TIMESTAMP WITH TIME ZONE NOT NULL, note VARCHAR NOT NULL)")),
          new Step(
              6,
              "the connection log: its rows, keyed by id, and its own completeness record",
              List.of(
                  // A row changes when its session ends, so it is keyed by id and updated in place;
                  // the log is orders smaller than the audit log, so the id index is affordable.
                  "CREATE TABLE IF NOT EXISTS connection(id VARCHAR PRIMARY KEY,"
                      + " connect_us BIGINT NOT NULL, disconnect_us BIGINT NOT NULL,"
                      + " type VARCHAR NOT NULL, family VARCHAR NOT NULL, status VARCHAR NOT NULL,"
                      + " owner VARCHAR NOT NULL, username VARCHAR NOT NULL,"
                      + " workspace VARCHAR NOT NULL, workspace_id VARCHAR NOT NULL,"
                      + " org VARCHAR NOT NULL, http_status INT NOT NULL,"
                      + " content_hash BIGINT NOT NULL, raw VARCHAR NOT NULL)",
                  "CREATE INDEX IF NOT EXISTS connection_time ON connection(connect_us DESC, id DESC)",
                  // The sync re-reads the sessions it holds as open: found without a scan.
                  "CREATE INDEX IF NOT EXISTS connection_status ON connection(status, connect_us)",
                  "CREATE TABLE IF NOT EXISTS connection_check(utc_day BIGINT PRIMARY KEY,"
                      + " state VARCHAR NOT NULL, server_count BIGINT NOT NULL,"
                      + " cache_count BIGINT NOT NULL, next_older BIGINT NOT NULL,"
                      + " checked_at TIMESTAMP WITH TIME ZONE NOT NULL, note VARCHAR NOT NULL)")),
          new Step(
              7,
              "the hash chain over every stored event and its checkpoints",
              List.of(
                  // replaced_raw: the JSON a changed event had before, so every version stays
                  // provable (docs/CACHE.md, "The hash chain").
                  "CREATE TABLE IF NOT EXISTS chain_link(pos BIGINT PRIMARY KEY,"
                      + " kind INT NOT NULL, rk BIGINT NOT NULL, ref_id VARCHAR NOT NULL,"
                      + " replaced_raw VARCHAR, link BINARY(32) NOT NULL)",
                  "CREATE TABLE IF NOT EXISTS chain_checkpoint(pos BIGINT PRIMARY KEY,"
                      + " links BIGINT NOT NULL, events BIGINT NOT NULL, head BINARY(32) NOT NULL,"
                      + " made_at TIMESTAMP WITH TIME ZONE NOT NULL, days_verified INT NOT NULL,"
                      + " days_unverified INT NOT NULL, days_cache_only INT NOT NULL,"
                      + " note VARCHAR NOT NULL)",
                  // A step interrupted half-way runs again from an empty chain.
                  "DELETE FROM chain_link",
                  "DELETE FROM chain_checkpoint"),
              HashChain::buildOverStoredEvents),
          new Step(
              8,
              "the connection log's own hash chain; audit-log links without the event id",
              List.of(
                  // The event id is in the event row; a link of a removed event is reported by its
                  // position (PERFORMANCE.md, "Hash chain": 17 % of a 1M sync's file was chain).
                  "ALTER TABLE chain_link DROP COLUMN IF EXISTS ref_id",
                  "ALTER TABLE chain_link DROP COLUMN IF EXISTS kind",
                  "CREATE TABLE IF NOT EXISTS connection_link(pos BIGINT PRIMARY KEY,"
                      + " id VARCHAR NOT NULL, replaced_raw VARCHAR, link BINARY(32) NOT NULL)",
                  "CREATE TABLE IF NOT EXISTS connection_checkpoint(pos BIGINT PRIMARY KEY,"
                      + " links BIGINT NOT NULL, connections BIGINT NOT NULL,"
                      + " head BINARY(32) NOT NULL, made_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                      + " days_verified INT NOT NULL, days_unverified INT NOT NULL,"
                      + " days_cache_only INT NOT NULL, note VARCHAR NOT NULL)",
                  // A step interrupted half-way runs again from an empty chain.
                  "DELETE FROM connection_link",
                  "DELETE FROM connection_checkpoint",
                  "DELETE FROM meta WHERE k LIKE 'chain.connections.%'"),
              HashChain::buildOverStoredConnections),
          new Step(
              EventMarks.SINCE,
              "marks of the events whose diff grants a role or changes a secret",
              List.of(
                  // Derived from the events, not evidence: outside the hash chain (CACHE.md).
                  "CREATE TABLE IF NOT EXISTS event_mark(rk BIGINT PRIMARY KEY, marks INT NOT NULL)",
                  "DELETE FROM event_mark",
                  "DELETE FROM meta WHERE k = '" + EventMarks.META_BUILT + "'"),
              EventMarks::backfill),
          new Step(
              JsonPacking.SINCE,
              "events' JSON packed with zstd and a dictionary of the cache's own events;"
                  + " UUID ids kept as two 64-bit numbers",
              List.of(
                  // ~1,120 bytes of JSON an event took ~480 in H2's LZF pages and takes ~190 here
                  // (docs/CACHE.md, "Event bodies"); the id, 36 characters, 8 bytes more.
                  "ALTER TABLE event ALTER COLUMN raw SET NULL",
                  "CREATE TABLE IF NOT EXISTS json_dict(id INT PRIMARY KEY,"
                      + " dict VARBINARY NOT NULL, samples INT NOT NULL,"
                      + " made_at TIMESTAMP WITH TIME ZONE NOT NULL)"),
              Migrations::packedBodies));

  /** Step 10's view: each id whole again; the JSON is packed and no longer in it. */
  private static final String VIEW_10 =
      "CREATE OR REPLACE VIEW event_readable AS SELECT e.rk,"
          + " CASE WHEN e.id <> '' THEN e.id ELSE CAST(CAST(CAST(e.id_key AS BINARY(8))"
          + " || CAST(e.id_low AS BINARY(8)) AS UUID) AS VARCHAR) END AS id,"
          + " DATEADD(MICROSECOND, MOD(e.time_us, 1000000),"
          + " DATEADD(SECOND, e.time_us / 1000000,"
          + " TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00Z')) AS event_time,"
          + " a.v AS action, t.v AS resource_type, g.v AS resource_target,"
          + " u.v AS actor, e.status"
          + " FROM event e"
          + " LEFT JOIN dict a ON a.kind = 0 AND a.code = e.action"
          + " LEFT JOIN dict t ON t.kind = 1 AND t.code = e.resource_type"
          + " LEFT JOIN dict g ON g.kind = 2 AND g.code = e.resource_target"
          + " LEFT JOIN dict u ON u.kind = 3 AND u.code = e.actor";

  /** Step 10's table (unless an earlier run of the step finished it) and view. */
  private static void packedBodies(Connection c) throws SQLException {
    if (!hasColumn(c, "EVENT", "BODY")) {
      PackingMigration.run(c);
    }
    try (Statement s = c.createStatement()) {
      s.execute(VIEW_10);
    }
  }

  /**
   * Step 4's data: every row's resource key computed from the resource-id dictionary (kind 7),
   * which is then emptied. Re-runnable: rows keep their key when the dictionary is already gone.
   */
  private static void resourceKeys(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT code, v FROM dict WHERE kind = 7");
        PreparedStatement p = c.prepareStatement("MERGE INTO resource_key_map VALUES(?, ?)")) {
      int batch = 0;
      while (r.next()) {
        String v = r.getString(2);
        p.setInt(1, r.getInt(1));
        p.setLong(2, v.isEmpty() ? 0 : EventCodec.hash64(v));
        p.addBatch();
        if (++batch % 10_000 == 0) {
          p.executeBatch();
        }
      }
      p.executeBatch();
    }
    try (Statement s = c.createStatement()) {
      s.executeUpdate(
          "UPDATE event SET resource_key = COALESCE((SELECT k FROM resource_key_map m"
              + " WHERE m.code = event.resource_id), resource_key), resource_id = 0");
      s.executeUpdate("DELETE FROM dict WHERE kind = 7");
      s.executeUpdate("DELETE FROM resource_key_map");
    }
  }

  static int latest() {
    return STEPS.get(STEPS.size() - 1).version();
  }

  private Migrations() {}

  /** Whether the file has this table (its name as H2 keeps it: upper case). */
  static boolean hasTable(Connection c, String table) throws SQLException {
    return exists(c, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = ?", table);
  }

  /** Whether the file's {@code table} has this column (names upper case, as H2 keeps them). */
  static boolean hasColumn(Connection c, String table, String column) throws SQLException {
    return exists(
        c,
        "SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = ? AND COLUMN_NAME = ?",
        table,
        column);
  }

  private static boolean exists(Connection c, String sql, String... names) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      for (int i = 0; i < names.length; i++) {
        p.setString(i + 1, names[i]);
      }
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return r.getInt(1) > 0;
      }
    }
  }

  /** The version recorded in the file, 0 for a new file. */
  static int current(Connection c) throws SQLException {
    if (!hasTable(c, "SCHEMA_MIGRATION")) {
      return 0;
    }
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_migration")) {
      r.next();
      return r.getInt(1);
    }
  }

  /** Applies every step above the recorded version up to {@code target}, each in a transaction. */
  static void apply(Connection c, int target) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS schema_migration(version INT PRIMARY KEY,"
              + " description VARCHAR NOT NULL, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
      c.commit();
      int from = current(c);
      for (Step step : STEPS) {
        if (step.version() <= from || step.version() > target) {
          continue;
        }
        try {
          for (String sql : step.sql()) {
            s.execute(sql);
          }
          step.code().run(c);
          try (var p =
              c.prepareStatement("INSERT INTO schema_migration VALUES(?, ?, CURRENT_TIMESTAMP)")) {
            p.setInt(1, step.version());
            p.setString(2, step.description());
            p.executeUpdate();
          }
          c.commit();
        } catch (SQLException e) {
          c.rollback();
          throw e;
        }
      }
    } finally {
      c.setAutoCommit(auto);
    }
  }
}
