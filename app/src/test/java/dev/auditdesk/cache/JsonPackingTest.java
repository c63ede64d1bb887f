package dev.auditdesk.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.SortOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events' JSON packed in a real H2 file (migration 10): read back byte for byte, smaller on disk,
 * ids of every shape kept, damaged bodies reported instead of crashing, older files upgraded.
 */
class JsonPackingTest {

  static final Deployment D = Deployment.parse("https://coder.example.com");
  static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  @TempDir Path root;

  private H2AuditCache open(CacheStore.OpenMode mode) throws CacheException {
    return CacheStore.open(root, D, mode);
  }

  private Path dbBase() {
    return CacheStore.folderFor(root, D).resolve("cache");
  }

  private Connection h2() throws Exception {
    return DriverManager.getConnection("jdbc:h2:" + dbBase().toAbsolutePath(), "sa", "");
  }

  /** Every event's JSON as the cache gives it back, by id. */
  private static Map<String, String> jsonById(H2AuditCache c) {
    Map<String, String> out = new HashMap<>();
    c.forEach(
        AuditQuery.ALL, SortOrder.NEWEST_FIRST, (AuditEvent e) -> out.put(e.id(), e.rawJson()));
    return out;
  }

  private static Map<String, String> jsonById(List<AuditEvent> events) {
    Map<String, String> out = new HashMap<>();
    events.forEach(e -> out.put(e.id(), e.rawJson()));
    return out;
  }

  /** Ids of every shape: Coder's UUIDs, upper-case and brace-less variants, and free text. */
  private static List<AuditEvent> oddIds(Random r) {
    List<String> ids =
        List.of(
            new UUID(r.nextLong(), r.nextLong()).toString().toUpperCase(),
            "00000000-0000-0000-0000-000000000000",
            "imported-42",
            "e5f8fd20-f712-4b79-a50e-36cad041714",
            "e5f8fd20f7124b79a50e36cad041714b0000",
            "zzzzzzzz-f712-4b79-a50e-36cad041714b");
    List<AuditEvent> out = new ArrayList<>();
    for (String id : ids) {
      out.add(TestEvents.event(id, NOW.minusSeconds(out.size()), r));
    }
    return out;
  }

  @Test
  void aCacheOfThousandsReadsBackEveryByteFromBodiesAFifthTheSizeOfTheirJson() throws Exception {
    List<AuditEvent> events = new ArrayList<>(TestEvents.random(3_000, 11, NOW));
    events.addAll(oddIds(new Random(3)));
    try (H2AuditCache c = open(CacheStore.OpenMode.READ_WRITE)) {
      // Pages the size a sync writes: the dictionary is trained once the cache holds 1,000.
      for (int from = 0; from < events.size(); from += 400) {
        c.upsert(events.subList(from, Math.min(events.size(), from + 400)));
      }
      assertEquals(jsonById(events), jsonById(c));
      assertTrue(c.evidence().verify().whole());
    }
    long json = 0;
    long bodies = 0;
    try (Connection c = h2();
        Statement s = c.createStatement()) {
      try (ResultSet r = s.executeQuery("SELECT COUNT(*), MIN(samples) FROM json_dict")) {
        r.next();
        assertEquals(1, r.getInt(1), "one dictionary");
        assertTrue(r.getInt(2) >= JsonPacking.TRAIN_AT, "trained from at least 1,000 events");
      }
      try (ResultSet r =
          s.executeQuery("SELECT COUNT(*) FROM event WHERE raw IS NOT NULL OR body IS NULL")) {
        r.next();
        assertEquals(0, r.getInt(1), "no event kept as text");
      }
      try (ResultSet r = s.executeQuery("SELECT LENGTH(body) FROM event WHERE rk >= 1200")) {
        while (r.next()) {
          bodies += r.getLong(1);
        }
      }
      // Ids as Coder writes them take no text; every other id is kept as it is.
      try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM event WHERE id <> ''")) {
        r.next();
        assertEquals(5, r.getInt(1));
      }
      try (ResultSet r = s.executeQuery("SELECT id FROM event_readable ORDER BY rk")) {
        List<String> ids = new ArrayList<>();
        while (r.next()) {
          ids.add(r.getString(1));
        }
        assertEquals(events.stream().map(AuditEvent::id).toList(), ids);
      }
    }
    for (AuditEvent e : events.subList(1200, events.size())) {
      json += e.rawJson().getBytes(StandardCharsets.UTF_8).length;
    }
    assertTrue(bodies * 4 < json, bodies + " bytes of bodies for " + json + " of JSON");
    try (H2AuditCache c = open(CacheStore.OpenMode.READ_ONLY)) {
      assertEquals(jsonById(events), jsonById(c));
    }
  }

  @Test
  void aSmallCacheIsPackedWithoutADictionaryAndKeepsThoseBodiesOnceOneIsTrained() throws Exception {
    List<AuditEvent> events = TestEvents.random(1_500, 5, NOW);
    try (H2AuditCache c = open(CacheStore.OpenMode.READ_WRITE)) {
      c.upsert(events.subList(0, 300));
    }
    try (Connection c = h2();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM json_dict")) {
      r.next();
      assertEquals(0, r.getInt(1), "300 events train no dictionary");
    }
    try (H2AuditCache c = open(CacheStore.OpenMode.READ_WRITE)) {
      assertEquals(jsonById(events.subList(0, 300)), jsonById(c));
      c.upsert(events.subList(300, 1_500));
      assertEquals(jsonById(events), jsonById(c));
    }
    try (Connection c = h2();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT (SELECT COUNT(*) FROM json_dict),"
                    + " (SELECT COUNT(*) FROM event WHERE SUBSTRING(body, 1, 1) = X'00'),"
                    + " (SELECT COUNT(*) FROM event WHERE SUBSTRING(body, 1, 1) = X'01')")) {
      r.next();
      assertEquals(1, r.getInt(1));
      assertEquals(300, r.getInt(2), "the first 300 stay packed without a dictionary");
      assertEquals(1_200, r.getInt(3));
    }
    try (H2AuditCache c = open(CacheStore.OpenMode.READ_ONLY)) {
      assertEquals(jsonById(events), jsonById(c));
      assertTrue(c.evidence().verify().whole());
    }
  }

  @Test
  void aDamagedBodyLeavesTheEventVisibleAndTheChainNamesIt() throws Exception {
    List<AuditEvent> events = TestEvents.random(1_200, 9, NOW);
    try (H2AuditCache c = open(CacheStore.OpenMode.READ_WRITE)) {
      c.upsert(events);
    }
    try (Connection c = h2();
        PreparedStatement p = c.prepareStatement("UPDATE event SET body = ? WHERE rk = ?")) {
      byte[] junk = new byte[40];
      new Random(1).nextBytes(junk);
      junk[0] = 1;
      p.setBytes(1, junk);
      p.setLong(2, 100);
      p.executeUpdate();
      // A body that claims to unpack to 8 GB: refused, not allocated.
      p.setBytes(
          1, new byte[] {1, (byte) 0xE0, -1, -1, -1, -1, 1, 0, 0, 0, 0x55, 0x55, 0x55, 0x55});
      p.setLong(2, 200);
      p.executeUpdate();
      p.setBytes(1, new byte[] {7, 1, 2, 3});
      p.setLong(2, 300);
      p.executeUpdate();
    }
    try (H2AuditCache c = open(CacheStore.OpenMode.READ_ONLY)) {
      assertEquals(1_200, c.total());
      List<AuditEvent> listed = new ArrayList<>();
      c.forEach(AuditQuery.ALL, SortOrder.NEWEST_FIRST, (AuditEvent e) -> listed.add(e));
      assertEquals(1_200, listed.size(), "every event still listed");
      ChainReport r = c.evidence().verify().auditLog();
      assertFalse(r.whole());
      assertEquals(100, r.firstBadPosition());
      String problems = String.join("\n", r.problems());
      for (int rk : new int[] {100, 200, 300}) {
        assertTrue(
            problems.contains(events.get(rk).id() + " (position " + rk + ") was changed"),
            problems);
      }
    }
  }

  @Test
  void aCacheOfFormat9IsReadAsItIsAndPackedWhenOpenedToWrite() throws Exception {
    List<AuditEvent> events = new ArrayList<>(TestEvents.random(2_500, 21, NOW));
    events.addAll(oddIds(new Random(4)));
    try (H2AuditCache c = open(CacheStore.OpenMode.READ_WRITE)) {
      c.upsert(events);
    }
    try (Connection c = h2();
        Statement s = c.createStatement()) {
      StoredJson.unpackAll(c);
      s.execute("SHUTDOWN COMPACT");
    }
    Files.deleteIfExists(CacheStore.folderFor(root, D).resolve(IndexFile.NAME));
    try (H2AuditCache c = open(CacheStore.OpenMode.READ_ONLY)) {
      assertEquals(jsonById(events), jsonById(c), "read from text");
      assertTrue(c.evidence().verify().whole());
    }
    try (Connection c = h2()) {
      assertEquals(
          JsonPacking.SINCE - 1, Migrations.current(c), "a read-only open migrates nothing");
    }
    long textSize = Files.size(Path.of(dbBase() + ".mv.db"));
    try (H2AuditCache c = open(CacheStore.OpenMode.READ_WRITE)) {
      assertEquals(jsonById(events), jsonById(c));
      ChainReport r = c.evidence().verify().auditLog();
      assertTrue(r.whole(), r.lines().toString());
      assertEquals(events.size(), r.links());
      c.upsert(
          List.of(AuditEventJson.parse(events.get(7).rawJson().replace("\"ip\":", "\"ip\": "))));
      assertTrue(c.evidence().verify().whole(), "a changed event keeps the version it replaced");
    }
    assertTrue(
        Files.size(Path.of(dbBase() + ".mv.db")) < textSize * 3 / 4,
        "compacted after packing: " + Files.size(Path.of(dbBase() + ".mv.db")) + " of " + textSize);
    try (Connection c = h2();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT (SELECT COUNT(*) FROM event WHERE raw IS NOT NULL OR body IS NULL),"
                    + " (SELECT COUNT(*) FROM json_dict), (SELECT COUNT(*) FROM event WHERE id = '')")) {
      r.next();
      assertEquals(0, r.getInt(1));
      assertEquals(1, r.getInt(2));
      assertEquals(events.size() - 5, r.getInt(3));
    }
  }
}
