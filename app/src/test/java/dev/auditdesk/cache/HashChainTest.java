package dev.auditdesk.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.DayCheck;
import dev.auditdesk.model.Deployment;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hash chain kept by a real H2 file: re-reads, changed events, an upgraded older cache. */
class HashChainTest {

  static final Deployment D = Deployment.parse("https://coder.example.com");

  @TempDir Path root;

  private H2AuditCache open() throws CacheException {
    return CacheStore.open(root, D, CacheStore.OpenMode.READ_WRITE);
  }

  private Connection h2() throws Exception {
    return DriverManager.getConnection(
        "jdbc:h2:" + CacheStore.folderFor(root, D).resolve("cache").toAbsolutePath(), "sa", "");
  }

  private static long count(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  @Test
  void aChangedEventAddsALinkThatKeepsTheVersionItReplaced() throws Exception {
    List<AuditEvent> events = TestEvents.random(50, 7, Instant.parse("2026-11-01T00:00:00Z"));
    AuditEvent first = events.get(10);
    String changedJson = first.rawJson().replace("\"status_code\":", "\"status_code\": ");
    try (H2AuditCache c = open()) {
      c.upsert(events);
      c.upsert(events); // a re-read of the same events: no new link
      assertEquals(50, c.evidence().links());
      c.upsert(List.of(AuditEventJson.parse(changedJson)));
      assertEquals(51, c.evidence().links());
      ChainReport r = c.evidence().verify().auditLog();
      assertTrue(r.whole(), r.lines().toString());
      assertEquals(50, r.events());
      assertEquals(51, r.links());
    }
    try (Connection c = h2()) {
      assertEquals(
          1,
          count(c, "SELECT COUNT(*) FROM chain_link WHERE pos = 50 AND replaced_raw IS NOT NULL"));
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT replaced_raw, rk FROM chain_link WHERE pos = 50")) {
        r.next();
        assertEquals(first.rawJson(), r.getString(1));
        assertEquals(10, r.getLong(2));
      }
      // Someone puts the old version back behind AuditDesk's back: the newest link no longer fits.
      assertEquals(1, StoredJson.edit(c, "rk = 10", now -> first.rawJson()));
    }
    try (H2AuditCache c = open()) {
      ChainReport r = c.evidence().verify().auditLog();
      assertFalse(r.whole());
      assertEquals(50, r.firstBadPosition());
      assertTrue(
          r.problems().get(0).contains("(position 50) was changed"), r.problems().toString());
    }
  }

  @Test
  void anOlderCacheGetsItsChainOnceWhenUpgradedAndSaysSo() throws Exception {
    try (H2AuditCache c = open()) {
      c.upsert(TestEvents.random(120, 3, Instant.parse("2026-11-01T00:00:00Z")));
    }
    // Make the file what AuditDesk before migration 7 left: no chain tables, version 6.
    try (Connection c = h2();
        Statement s = c.createStatement()) {
      StoredJson.unpackAll(c);
      s.execute("DROP TABLE chain_link");
      s.execute("DROP TABLE chain_checkpoint");
      s.execute("DROP TABLE connection_link");
      s.execute("DROP TABLE connection_checkpoint");
      s.execute("DELETE FROM meta WHERE k LIKE 'chain.%'");
      s.execute("DELETE FROM schema_migration WHERE version >= 7");
    }
    try (H2AuditCache c = CacheStore.open(root, D, CacheStore.OpenMode.READ_ONLY)) {
      ChainReport r = c.evidence().verify().auditLog();
      assertFalse(r.present());
      assertTrue(r.lines().get(0).contains("open it once read-write"), r.lines().toString());
    }
    try (H2AuditCache c = open()) {
      assertEquals(120, c.evidence().builtOnThisOpen().orElseThrow().events());
      ChainReport r = c.evidence().verify().auditLog();
      assertTrue(r.whole(), r.lines().toString());
      assertEquals(120, r.links());
      assertTrue(
          String.join("\n", r.lines()).contains("over the 120 events this cache already held"),
          r.lines().toString());
    }
    try (H2AuditCache c = open()) {
      assertTrue(c.evidence().builtOnThisOpen().isEmpty(), "said once, not on every open");
      c.upsert(TestEvents.random(5, 4, Instant.parse("2026-11-02T00:00:00Z")));
      assertTrue(c.evidence().verify().whole());
      assertEquals(125, c.evidence().links());
    }
    try (Connection c = h2()) {
      assertEquals(
          0,
          count(
              c,
              "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'CHAIN_LINK'"
                  + " AND column_name IN ('REF_ID', 'KIND')"),
          "migration 8 dropped the event id a link kept");
    }
  }

  @Test
  void aRewrittenLinkIsCaughtByTheCheckpointThatRecordedIt() throws Exception {
    try (H2AuditCache c = open()) {
      c.upsert(TestEvents.random(30, 5, Instant.parse("2026-11-01T00:00:00Z")));
      c.saveDayChecks( // reconciling days checkpoints the chain's end
          List.of(
              new DayCheck(
                  LocalDate.parse("2026-11-01"),
                  DayCheck.State.VERIFIED,
                  30,
                  30,
                  30,
                  0,
                  DayCheck.END,
                  Instant.now(),
                  "")));
      c.upsert(TestEvents.random(30, 6, Instant.parse("2026-11-03T00:00:00Z")));
    }
    try (Connection c = h2();
        Statement s = c.createStatement()) {
      assertEquals(1, count(c, "SELECT COUNT(*) FROM chain_checkpoint WHERE pos = 29"));
      s.executeUpdate("UPDATE chain_link SET link = X'" + "00".repeat(32) + "' WHERE pos = 29");
    }
    try (H2AuditCache c = open()) {
      ChainReport r = c.evidence().verify().auditLog();
      assertEquals(29, r.firstBadPosition());
      assertTrue(
          r.problems().stream().anyMatch(p -> p.contains("checkpoint at position 29")),
          r.problems().toString());
    }
  }
}
