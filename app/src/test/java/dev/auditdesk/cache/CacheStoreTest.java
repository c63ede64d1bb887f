package dev.auditdesk.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.SortOrder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheStoreTest {

  static final Deployment CODER = Deployment.parse("https://coder.example.com:8443");
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  @TempDir Path root;

  @Test
  void eachDeploymentGetsItsOwnFolderNamedAfterHostAndPort() throws Exception {
    Deployment imported = new Deployment(URI.create("import://audit-2025.ndjson"), "");
    Deployment plain = Deployment.parse("coder.example.com");
    try (H2AuditCache a = CacheStore.open(root, CODER, CacheStore.OpenMode.READ_WRITE);
        H2AuditCache b = CacheStore.open(root, imported, CacheStore.OpenMode.READ_WRITE);
        H2AuditCache c = CacheStore.open(root, plain, CacheStore.OpenMode.READ_WRITE)) {
      assertEquals(root.resolve("coder.example.com_8443"), a.folder());
      assertEquals(root.resolve("import-audit-2025.ndjson"), b.folder());
      assertEquals(root.resolve("coder.example.com"), c.folder());
      a.upsert(TestEvents.random(10, 1, NOW));
      b.upsert(TestEvents.random(20, 2, NOW));
    }
    try (H2AuditCache a = CacheStore.open(root, CODER, CacheStore.OpenMode.READ_WRITE)) {
      assertEquals(10, a.total());
    }
  }

  @Test
  void theSameUrlAnsweredByAnotherDeploymentNeverMixesEvents() throws Exception {
    Deployment first = new Deployment(CODER.url(), "id-one");
    Deployment reinstalled = new Deployment(CODER.url(), "id-two");
    try (H2AuditCache a = CacheStore.open(root, first, CacheStore.OpenMode.READ_WRITE)) {
      a.upsert(TestEvents.random(10, 1, NOW));
      a.rememberDeployment(first, "v2.1.0");
    }
    try (H2AuditCache b = CacheStore.open(root, reinstalled, CacheStore.OpenMode.READ_WRITE)) {
      assertEquals(0, b.total());
      assertNotEquals(root.resolve("coder.example.com_8443"), b.folder());
    }
    try (H2AuditCache a = CacheStore.open(root, CODER, CacheStore.OpenMode.READ_WRITE)) {
      assertEquals("id-one", a.deployment().deploymentId());
      assertEquals(10, a.total());
    }
  }

  @Test
  void listShowsEveryCachedDeploymentWithItsStatsWithoutOpeningIt() throws Exception {
    Deployment other = Deployment.parse("https://other.example.org");
    try (H2AuditCache a = CacheStore.open(root, CODER, CacheStore.OpenMode.READ_WRITE);
        H2AuditCache b = CacheStore.open(root, other, CacheStore.OpenMode.READ_WRITE)) {
      a.upsert(TestEvents.random(40, 1, NOW), SyncState.NEVER.withLastSync(NOW));
      b.upsert(TestEvents.random(7, 2, NOW), SyncState.NEVER.withLastSync(NOW.minusSeconds(60)));
      a.saveSyncState(a.syncState());
      b.saveSyncState(b.syncState());
      // Still open (locked): list must still answer from the summaries.
      List<CacheStore.CachedDeployment> list = CacheStore.list(root);
      assertEquals(2, list.size());
      assertEquals(CODER.url(), list.get(0).deployment().url());
      assertEquals(40, list.get(0).stats().events());
      assertEquals(NOW, list.get(0).stats().lastSync());
      assertEquals(7, list.get(1).stats().events());
      assertTrue(list.get(0).stats().bytesOnDisk() > 0);
      assertTrue(list.get(0).problem().isEmpty());
    }
  }

  @Test
  void aCorruptFileGivesAPlainMessageAndMovingItAsideStartsAfresh() throws Exception {
    try (H2AuditCache a = CacheStore.open(root, CODER, CacheStore.OpenMode.READ_WRITE)) {
      a.upsert(TestEvents.random(500, 1, NOW));
    }
    Path file = CacheStore.folderFor(root, CODER).resolve("cache.mv.db");
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      byte[] garbage = "this is not an H2 database, just garbage ".repeat(200).getBytes();
      f.seek(0);
      f.write(garbage);
    }
    for (CacheStore.OpenMode mode : CacheStore.OpenMode.values()) {
      CacheException e =
          assertThrows(CacheException.class, () -> CacheStore.open(root, CODER, mode));
      assertEquals(CacheException.Problem.CORRUPT, e.problem(), e.getMessage());
      assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("Move it aside"), e.getMessage());
    }
    Optional<Path> moved = CacheStore.moveAside(root, CODER);
    assertTrue(moved.isPresent());
    assertTrue(Files.exists(moved.get().resolve("cache.mv.db")), "the damaged file is kept");
    try (H2AuditCache fresh = CacheStore.open(root, CODER, CacheStore.OpenMode.READ_WRITE)) {
      assertEquals(0, fresh.total());
      fresh.upsert(TestEvents.random(5, 3, NOW));
    }
    assertEquals(1, CacheStore.list(root).size(), "moved-aside folders are not listed");
  }

  @Test
  void aFileThatIsNotADatabaseAtAllIsReportedAsDamaged() throws Exception {
    Path folder = CacheStore.folderFor(root, CODER);
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("cache.mv.db"), "garbage\n".repeat(1000));
    CacheException e =
        assertThrows(
            CacheException.class,
            () -> CacheStore.open(root, CODER, CacheStore.OpenMode.READ_WRITE));
    assertEquals(CacheException.Problem.CORRUPT, e.problem(), e.getMessage());
    try (H2AuditCache rebuilt = CacheStore.rebuild(root, CODER)) {
      assertEquals(0, rebuilt.total());
    }
  }

  @Test
  void aCacheHeldByAnotherProcessIsLockedButCanBeReadFromASnapshot() throws Exception {
    try (H2AuditCache a = CacheStore.open(root, CODER, CacheStore.OpenMode.READ_WRITE)) {
      a.upsert(TestEvents.random(300, 1, NOW));
    }
    Process other =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                HoldCacheOpen.class.getName(),
                root.toString(),
                CODER.url().toString())
            .redirectErrorStream(false)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      while (line != null && !line.startsWith("open ")) {
        line = out.readLine(); // logging start-up chatter
      }
      assertEquals("open 300", line);
      CacheException e =
          assertThrows(
              CacheException.class,
              () -> CacheStore.open(root, CODER, CacheStore.OpenMode.READ_WRITE));
      assertEquals(CacheException.Problem.LOCKED, e.problem(), e.getMessage());
      assertTrue(e.getMessage().contains("cache.mv.db"), e.getMessage());
      assertTrue(e.getMessage().contains("read-only"), e.getMessage());
      assertThrows(CacheException.class, () -> CacheStore.moveAside(root, CODER));
      try (H2AuditCache ro = CacheStore.open(root, CODER, CacheStore.OpenMode.READ_ONLY)) {
        assertTrue(ro.readOnly());
        assertEquals(300, ro.total());
        assertEquals(300, ro.page(AuditQuery.ALL, SortOrder.NEWEST_FIRST, 0, 1000).size());
        CacheException write =
            assertThrows(CacheException.class, () -> ro.upsert(TestEvents.random(1, 9, NOW)));
        assertTrue(write.getMessage().contains("read-only"));
      }
    } finally {
      other.getOutputStream().close();
      if (!other.waitFor(20, TimeUnit.SECONDS)) {
        other.destroyForcibly();
      }
    }
    try (H2AuditCache again = CacheStore.open(root, CODER, CacheStore.OpenMode.READ_WRITE)) {
      assertEquals(300, again.total());
    }
  }

  @Test
  void openingTheSameCacheTwiceInOneAppIsRefusedPlainly() throws Exception {
    try (H2AuditCache a = CacheStore.open(root, CODER, CacheStore.OpenMode.READ_WRITE)) {
      a.upsert(TestEvents.random(3, 1, NOW));
      CacheException e =
          assertThrows(
              CacheException.class,
              () -> CacheStore.open(root, CODER, CacheStore.OpenMode.READ_WRITE));
      assertEquals(CacheException.Problem.LOCKED, e.problem());
      try (H2AuditCache ro = CacheStore.open(root, CODER, CacheStore.OpenMode.READ_ONLY)) {
        assertEquals(3, ro.total());
      }
    }
  }

  @Test
  void aCacheWrittenWithTheFirstSchemaOpensAndUpgrades() throws Exception {
    List<AuditEvent> events = TestEvents.random(200, 1, NOW);
    try (H2AuditCache a = CacheStore.open(root, CODER, CacheStore.OpenMode.READ_WRITE)) {
      a.upsert(events);
    }
    Path db = CacheStore.folderFor(root, CODER).resolve("cache");
    // Turn the file back into exactly what schema version 1 wrote.
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db, "sa", "");
        Statement s = c.createStatement()) {
      StoredJson.unpackAll(c);
      s.execute("DROP VIEW event_readable");
      s.execute("DELETE FROM schema_migration WHERE version > 1");
      assertEquals(1, Migrations.current(c));
    }
    try (H2AuditCache a = CacheStore.open(root, CODER, CacheStore.OpenMode.READ_WRITE)) {
      assertEquals(200, a.total());
      assertEquals(
          Reference.ids(
              events, AuditQuery.ALL.with(Facet.ACTION, Set.of("login")), SortOrder.NEWEST_FIRST),
          H2AuditCacheTest.ids(
              a.page(
                  AuditQuery.ALL.with(Facet.ACTION, Set.of("login")),
                  SortOrder.NEWEST_FIRST,
                  0,
                  1000)));
    }
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db, "sa", "");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*), MIN(action) FROM event_readable")) {
      assertEquals(Migrations.latest(), Migrations.current(c));
      r.next();
      assertEquals(200, r.getLong(1));
      assertFalse(r.getString(2).isEmpty());
    }
  }

  @Test
  void aCacheThatKeptResourceIdsInItsDictionaryOpensWithThemIntact() throws Exception {
    List<AuditEvent> events = TestEvents.random(300, 2, NOW);
    try (H2AuditCache a = CacheStore.open(root, CODER, CacheStore.OpenMode.READ_WRITE)) {
      a.upsert(events);
    }
    Path folder = CacheStore.folderFor(root, CODER);
    // Turn the file back into what cache format 3 wrote: resource ids as dictionary kind 7.
    try (Connection c =
            DriverManager.getConnection("jdbc:h2:file:" + folder.resolve("cache"), "sa", "");
        Statement s = c.createStatement()) {
      StoredJson.unpackAll(c);
      s.execute("ALTER TABLE event DROP COLUMN resource_key");
      s.execute("DELETE FROM schema_migration WHERE version > 3");
      s.execute("DELETE FROM meta WHERE k = 'index.stamp'");
      java.util.Map<String, Integer> codes = new java.util.LinkedHashMap<>();
      for (AuditEvent e : events) {
        codes.putIfAbsent(e.resourceId(), codes.size());
      }
      try (var p = c.prepareStatement("INSERT INTO dict VALUES(7, ?, ?)")) {
        for (var e : codes.entrySet()) {
          p.setInt(1, e.getValue());
          p.setString(2, e.getKey());
          p.executeUpdate();
        }
      }
      try (var p = c.prepareStatement("UPDATE event SET resource_id = ? WHERE id = ?")) {
        for (AuditEvent e : events) {
          p.setInt(1, codes.get(e.resourceId()));
          p.setString(2, e.id());
          p.executeUpdate();
        }
      }
    }
    java.nio.file.Files.delete(folder.resolve(IndexFile.NAME));
    AuditEvent some = events.get(42);
    AuditQuery sameResource = AuditQuery.ALL.withResourceId(some.resourceId());
    try (H2AuditCache a = CacheStore.open(root, CODER, CacheStore.OpenMode.READ_WRITE)) {
      List<String> expected = Reference.ids(events, sameResource, SortOrder.NEWEST_FIRST);
      assertTrue(expected.size() >= 1);
      assertEquals(
          expected, H2AuditCacheTest.ids(a.page(sameResource, SortOrder.NEWEST_FIRST, 0, 1000)));
    }
    try (Connection c =
            DriverManager.getConnection("jdbc:h2:file:" + folder.resolve("cache"), "sa", "");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM dict WHERE kind = 7")) {
      assertEquals(Migrations.latest(), Migrations.current(c));
      r.next();
      assertEquals(0, r.getLong(1), "the resource id dictionary is emptied");
    }
  }

  @Test
  void aCacheFromANewerAuditDeskIsRefusedWithoutTouchingIt() throws Exception {
    try (H2AuditCache a = CacheStore.open(root, CODER, CacheStore.OpenMode.READ_WRITE)) {
      a.upsert(TestEvents.random(5, 1, NOW));
    }
    Path db = CacheStore.folderFor(root, CODER).resolve("cache");
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db, "sa", "");
        Statement s = c.createStatement()) {
      s.execute("INSERT INTO schema_migration VALUES(99, 'future', CURRENT_TIMESTAMP)");
    }
    CacheException e =
        assertThrows(
            CacheException.class,
            () -> CacheStore.open(root, CODER, CacheStore.OpenMode.READ_WRITE));
    assertEquals(CacheException.Problem.NEWER_VERSION, e.problem());
    assertTrue(e.getMessage().contains("newer AuditDesk"), e.getMessage());
  }
}
