package dev.auditdesk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.ChainReport;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.cache.StoredJson;
import dev.auditdesk.coder.CoderClient;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.ConnectionStatus;
import dev.auditdesk.model.Deployment;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection log's hash chain over a real H2 file synced over HTTP from the demo deployment:
 * sessions that end and are updated by a sync stay provable, while a row edited, deleted or
 * inserted by opening the file directly is found, with its chain position.
 */
class ConnectionChainTest {

  @TempDir Path root;
  private DemoServer server;
  private Deployment d;
  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeEach
  void start() {
    server = DemoServer.start(DemoConfig.defaults().withPort(0).withEvents(300).withSeed(11));
    open.add(server);
    d = new Deployment(server.url(), "");
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private H2AuditCache cache() throws Exception {
    return CacheStore.open(root, d, CacheStore.OpenMode.READ_WRITE);
  }

  private void sync(H2AuditCache cache) throws Exception {
    try (CoderClient c = CoderClient.create(d)) {
      c.login(server.email(), DemoServer.PASSWORD.toCharArray());
      new SyncEngine(c, cache, SyncEngineTest.FAST.withPageSize(100))
          .run(SyncListener.NONE, () -> false);
    }
  }

  /** The cache's H2 file opened directly, as someone editing it behind AuditDesk's back would. */
  private Connection h2() throws Exception {
    return DriverManager.getConnection(
        "jdbc:h2:" + CacheStore.folderFor(root, d).resolve("cache").toAbsolutePath(), "sa", "");
  }

  private static long number(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static String text(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      assertTrue(r.next(), sql);
      return r.getString(1);
    }
  }

  private ChainReport verifyConnections() throws Exception {
    try (H2AuditCache c = cache()) {
      return c.evidence().verify().connectionLog();
    }
  }

  private void syncOnce() throws Exception {
    try (H2AuditCache c = cache()) {
      sync(c);
      assertTrue(c.connections().total() > 100, "the demo has a connection log");
    }
  }

  @Test
  void anHonestSyncThatClosesOpenSessionsStaysWholeAndKeepsTheOpenVersion() throws Exception {
    long rows;
    try (H2AuditCache c = cache()) {
      sync(c);
      rows = c.connections().total();
      assertEquals(rows, c.evidence().connectionLinks());
      List<String> ended = server.endOpenSessions(3);
      assertEquals(3, ended.size());
      sync(c);
      for (String id : ended) {
        assertEquals(
            ConnectionStatus.COMPLETED, c.connections().byId(id).orElseThrow().status(), id);
      }
      assertEquals(rows + 3, c.evidence().connectionLinks(), "one more link per closed session");
      var v = c.evidence().verify();
      assertTrue(v.whole(), v.lines().toString());
      assertEquals(rows + 3, v.connectionLog().links());
      assertEquals(rows, v.connectionLog().events());
      assertTrue(
          v.lines().stream()
              .anyMatch(
                  l ->
                      l.startsWith(
                          "The connection log's chain is whole: "
                              + (rows + 3)
                              + " links account for all "
                              + rows
                              + " connection rows")),
          v.lines().toString());
      sync(c); // nothing new: no link
      assertEquals(rows + 3, c.evidence().connectionLinks());
    }
    try (Connection c = h2()) {
      // Each closing link keeps the row as it was while open.
      assertEquals(
          3,
          number(
              c,
              "SELECT COUNT(*) FROM connection_link WHERE replaced_raw IS NOT NULL"
                  + " AND replaced_raw NOT LIKE '%disconnect_time%'"));
    }
  }

  @Test
  void aConnectionRowEditedInTheFileIsFoundAtItsPosition() throws Exception {
    syncOnce();
    String id;
    long pos;
    try (Connection c = h2();
        Statement s = c.createStatement()) {
      pos = 17;
      id = text(c, "SELECT id FROM connection_link WHERE pos = " + pos);
      // As if someone "closed" a session or changed a name: any byte of the JSON will do.
      assertEquals(
          1, s.executeUpdate("UPDATE connection SET raw = raw || ' ' WHERE id = '" + id + "'"));
    }
    ChainReport r = verifyConnections();
    assertFalse(r.whole());
    assertEquals(pos, r.firstBadPosition());
    assertTrue(
        r.problems()
            .get(0)
            .equals("Connection " + id + " (position 17) was changed after AuditDesk stored it."),
        r.problems().toString());
    assertTrue(
        r.lines().get(0).startsWith("The connection log's chain is broken at position 17"),
        r.lines().toString());
  }

  @Test
  void aConnectionRowDeletedFromTheFileIsReportedAsRemoved() throws Exception {
    syncOnce();
    String id;
    try (Connection c = h2();
        Statement s = c.createStatement()) {
      id = text(c, "SELECT id FROM connection_link WHERE pos = 5");
      assertEquals(1, s.executeUpdate("DELETE FROM connection WHERE id = '" + id + "'"));
    }
    ChainReport r = verifyConnections();
    assertFalse(r.whole());
    assertEquals(5, r.firstBadPosition());
    assertEquals(
        List.of("Connection " + id + " (position 5) was removed from the cache."), r.problems());
  }

  @Test
  void aConnectionRowInsertedIntoTheFileIsReportedAsInserted() throws Exception {
    syncOnce();
    long links;
    try (Connection c = h2();
        Statement s = c.createStatement()) {
      links = number(c, "SELECT COUNT(*) FROM connection_link");
      String one = text(c, "SELECT id FROM connection_link WHERE pos = 3");
      List<String> columns = new ArrayList<>();
      try (ResultSet r =
          s.executeQuery(
              "SELECT column_name FROM information_schema.columns WHERE table_name = 'CONNECTION'"
                  + " ORDER BY ordinal_position")) {
        while (r.next()) {
          columns.add(r.getString(1));
        }
      }
      String copy = String.join(", ", columns).replaceFirst("\\bID\\b", "'forged-session'");
      assertEquals(
          1,
          s.executeUpdate(
              "INSERT INTO connection("
                  + String.join(", ", columns)
                  + ") SELECT "
                  + copy
                  + " FROM connection WHERE id = '"
                  + one
                  + "'"));
    }
    ChainReport r = verifyConnections();
    assertFalse(r.whole());
    assertEquals(links, r.firstBadPosition());
    assertEquals(1, r.problems().size(), r.problems().toString());
    assertTrue(
        r.problems()
            .get(0)
            .startsWith("Connection forged-session was inserted behind AuditDesk's back"),
        r.problems().toString());
  }

  @Test
  void aCacheFromBeforeMigration8GetsItsConnectionChainOnceAndSaysSo() throws Exception {
    long rows;
    try (H2AuditCache c = cache()) {
      sync(c);
      rows = c.connections().total();
    }
    // Make the file what AuditDesk before migration 8 left: no connection chain, version 7 (so
    // no marks either: migration 9 runs again over the events).
    try (Connection c = h2();
        Statement s = c.createStatement()) {
      StoredJson.unpackAll(c);
      s.execute("DROP TABLE connection_link");
      s.execute("DROP TABLE connection_checkpoint");
      s.execute("DELETE FROM meta WHERE k LIKE 'chain.connections.%'");
      s.execute("DELETE FROM schema_migration WHERE version >= 8");
    }
    try (H2AuditCache c = CacheStore.open(root, d, CacheStore.OpenMode.READ_ONLY)) {
      var v = c.evidence().verify();
      assertFalse(v.whole(), "half a proof is not whole");
      assertTrue(v.auditLog().whole(), v.auditLog().lines().toString());
      assertFalse(v.connectionLog().present());
      assertTrue(
          v.connectionLog().lines().get(0).contains("open it once read-write"),
          v.connectionLog().lines().toString());
    }
    try (H2AuditCache c = cache()) {
      assertEquals(rows, c.evidence().connectionsBuiltOnThisOpen().orElseThrow().events());
      assertTrue(c.evidence().builtOnThisOpen().isEmpty(), "the audit log's chain was there");
      var v = c.evidence().verify();
      assertTrue(v.whole(), v.lines().toString());
      assertEquals(rows, v.connectionLog().links());
      assertTrue(
          String.join("\n", v.lines())
              .contains("over the " + rows + " connection rows this cache already held"),
          v.lines().toString());
      server.endOpenSessions(2);
      sync(c);
      assertTrue(c.evidence().verify().whole(), "the upgraded chain goes on");
      assertEquals(rows + 2, c.evidence().connectionLinks());
    }
    try (H2AuditCache c = cache()) {
      assertTrue(c.evidence().connectionsBuiltOnThisOpen().isEmpty(), "said once");
    }
  }
}
