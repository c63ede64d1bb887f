package dev.auditdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.auditdesk.DemoDeployments;
import dev.auditdesk.ExitCodes;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.StoredJson;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify --cache DIR --url URL} over a cache synced over HTTP from the demo deployment, then
 * changed behind AuditDesk's back by opening its H2 file directly with JDBC.
 */
class VerifyCacheCommandTest {

  @TempDir Path dir;
  @RegisterExtension final DemoDeployments demos = new DemoDeployments();

  private DemoServer server;

  private Path caches() {
    return dir.resolve("caches");
  }

  private void sync() throws Exception {
    if (server == null) {
      server = demos.start(DemoConfig.defaults().withEvents(300));
    }
    Path pw = dir.resolve("pw");
    Files.writeString(pw, server.password() + "\n");
    CliRun r =
        CliRun.run(
            "sync",
            "--url",
            server.url().toString(),
            "--email",
            server.email(),
            "--password-file",
            pw.toString(),
            "--cache",
            caches().toString());
    assertEquals(ExitCodes.OK, r.exit(), r.err());
  }

  private CliRun verify() {
    return CliRun.run(
        "verify", "--cache", caches().toString(), "--url", server.url().toString(), "--json");
  }

  /** The cache's H2 file opened directly, as someone editing it behind AuditDesk's back would. */
  private Connection h2() throws Exception {
    Path folder = CacheStore.folderFor(caches(), new Deployment(server.url(), ""));
    return DriverManager.getConnection(
        "jdbc:h2:" + folder.resolve("cache").toAbsolutePath(), "sa", "");
  }

  private String idAt(Connection c, long rk) throws Exception {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT id FROM event_readable WHERE rk = " + rk)) {
      assertTrue(r.next());
      return r.getString(1);
    }
  }

  private static JsonNode json(CliRun r) throws Exception {
    return AuditEventJson.mapper().readTree(r.out());
  }

  @Test
  void anUntouchedSyncedCacheIsWholeAndASecondSyncAddsNoLinks() throws Exception {
    sync();
    CliRun r = verify();
    assertEquals(ExitCodes.OK, r.exit(), r.err());
    JsonNode n = json(r);
    assertTrue(n.get("ok").asBoolean());
    assertEquals(300, n.get("events").asLong());
    assertEquals(300, n.get("links").asLong());
    assertTrue(
        r.err()
            .contains("OK: The audit log's chain is whole: 300 links account for all 300 events"),
        r.err());
    assertTrue(r.err().contains("Last checkpoint of the audit log: position 299"), r.err());
    assertTrue(r.err().contains("OK: The connection log's chain is whole"), r.err());
    assertTrue(n.get("connection_log").get("rows").asLong() > 0, r.out());

    sync(); // the same events again: identical JSON joins no chain
    CliRun again = verify();
    assertEquals(ExitCodes.OK, again.exit(), again.err());
    assertEquals(300, json(again).get("links").asLong());
  }

  @Test
  void anEventEditedInTheFileIsReportedWithItsPosition() throws Exception {
    sync();
    String id;
    try (Connection c = h2();
        Statement s = c.createStatement()) {
      id = idAt(c, 41);
      assertEquals(
          1,
          StoredJson.edit(c, "rk = 41", j -> j.replace("\"status_code\":", "\"status_code\": ")));
    }
    CliRun r = verify();
    assertEquals(ExitCodes.VERIFY_FAILED, r.exit(), r.err());
    assertEquals(41, json(r).get("first_bad_position").asLong());
    assertTrue(r.err().contains("FAILED: The audit log's chain is broken at position 41"), r.err());
    assertTrue(
        r.err().contains("Event " + id + " (position 41) was changed after AuditDesk stored it."),
        r.err());
    assertEquals(1, json(r).get("problems").size(), r.out());
  }

  @Test
  void anEventDeletedFromTheFileIsReportedAsRemoved() throws Exception {
    sync();
    String id;
    try (Connection c = h2();
        Statement s = c.createStatement()) {
      id = idAt(c, 7);
      assertEquals(1, s.executeUpdate("DELETE FROM event WHERE rk = 7"));
    }
    CliRun r = verify();
    assertEquals(ExitCodes.VERIFY_FAILED, r.exit(), r.err());
    assertEquals(7, json(r).get("first_bad_position").asLong());
    assertTrue(
        r.err().contains("The event at position 7 (cache row 7) was removed from the cache."),
        r.err());
  }

  @Test
  void anEventInsertedIntoTheFileIsReportedAsInserted() throws Exception {
    sync();
    try (Connection c = h2();
        Statement s = c.createStatement()) {
      List<String> columns = new ArrayList<>();
      try (ResultSet r =
          s.executeQuery(
              "SELECT column_name FROM information_schema.columns WHERE table_name = 'EVENT'"
                  + " ORDER BY ordinal_position")) {
        while (r.next()) {
          columns.add(r.getString(1));
        }
      }
      String copy =
          String.join(", ", columns)
              .replaceFirst("\\bRK\\b", "300")
              .replaceFirst("\\bID\\b", "'forged-event'");
      assertEquals(
          1,
          s.executeUpdate(
              "INSERT INTO event("
                  + String.join(", ", columns)
                  + ") SELECT "
                  + copy
                  + " FROM event WHERE rk = 3"));
    }
    CliRun r = verify();
    assertEquals(ExitCodes.VERIFY_FAILED, r.exit(), r.err());
    assertEquals(300, json(r).get("first_bad_position").asLong());
    assertTrue(
        r.err().contains("Event forged-event (cache row 300) was inserted behind AuditDesk's back"),
        r.err());
  }

  @Test
  void removingTheChainsLastLinksAndTheirEventsIsNoticed() throws Exception {
    sync();
    try (Connection c = h2();
        Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM event WHERE rk >= 295");
      s.executeUpdate("DELETE FROM chain_link WHERE pos >= 295");
    }
    CliRun r = verify();
    assertEquals(ExitCodes.VERIFY_FAILED, r.exit(), r.err());
    assertEquals(295, json(r).get("first_bad_position").asLong());
    assertTrue(r.err().contains("the last 5 were removed"), r.err());
    assertFalse(json(r).get("ok").asBoolean());
  }

  @Test
  void aConnectionRowEditedInTheFileFailsTheVerifyAndNamesTheConnectionLog() throws Exception {
    sync();
    String id;
    try (Connection c = h2();
        Statement s = c.createStatement()) {
      try (ResultSet r = s.executeQuery("SELECT id FROM connection_link WHERE pos = 9")) {
        assertTrue(r.next(), "the sync chained the connection log");
        id = r.getString(1);
      }
      assertEquals(
          1, s.executeUpdate("UPDATE connection SET raw = raw || ' ' WHERE id = '" + id + "'"));
    }
    CliRun r = verify();
    assertEquals(ExitCodes.VERIFY_FAILED, r.exit(), r.err());
    JsonNode n = json(r);
    assertFalse(n.get("ok").asBoolean());
    assertTrue(n.get("chain_whole").asBoolean(), "the audit log is untouched");
    assertEquals(9, n.get("connection_log").get("first_bad_position").asLong());
    assertTrue(r.err().contains("OK: The audit log's chain is whole"), r.err());
    assertTrue(
        r.err().contains("FAILED: The connection log's chain is broken at position 9"), r.err());
    assertTrue(
        r.err()
            .contains("Connection " + id + " (position 9) was changed after AuditDesk stored it."),
        r.err());
  }
}
