package dev.auditdesk.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.SortOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The cache on disk: owner-only files, and compaction that never leaves the cache broken. */
class CacheAtRestTest {

  static final Deployment DEPLOYMENT = Deployment.parse("https://coder.example.com");
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  @TempDir Path root;

  private H2AuditCache open() throws CacheException {
    return CacheStore.open(root.resolve("data/caches"), DEPLOYMENT, CacheStore.OpenMode.READ_WRITE);
  }

  /** Every file and folder under the deployment's cache folder with its permissions. */
  private static Map<String, String> permissions(Path folder) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(folder)) {
      for (Path p : all.toList()) {
        out.put(
            folder.relativize(p).toString(),
            PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
      }
    }
    return out;
  }

  private static void assertOwnerOnly(Path folder) throws Exception {
    Map<String, String> perms = permissions(folder);
    assertTrue(perms.containsKey("cache.mv.db"), perms.toString());
    for (Map.Entry<String, String> e : perms.entrySet()) {
      boolean dir = Files.isDirectory(folder.resolve(e.getKey()));
      assertEquals(dir ? "rwx------" : "rw-------", e.getValue(), e.getKey() + " in " + perms);
    }
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void aNewCacheIsReadableByItsOwnerOnly() throws Exception {
    Path folder;
    try (H2AuditCache cache = open()) {
      folder = cache.folder();
      cache.upsert(TestEvents.random(300, 1, NOW));
      cache.saveSyncState(cache.syncState());
      assertOwnerOnly(folder);
    }
    assertTrue(Files.exists(folder.resolve(IndexFile.NAME)));
    assertOwnerOnly(folder);
    for (Path created : List.of(root.resolve("data"), root.resolve("data/caches"))) {
      assertEquals(
          "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(created)));
    }
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void aWorldReadableCacheFromBeforeIsTightenedWhenOpened() throws Exception {
    Path folder;
    try (H2AuditCache cache = open()) {
      folder = cache.folder();
      cache.upsert(TestEvents.random(100, 2, NOW));
    }
    try (Stream<Path> all = Files.walk(folder)) {
      for (Path p : all.toList()) {
        Files.setPosixFilePermissions(
            p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }
    try (H2AuditCache cache = open()) {
      assertEquals(100, cache.total());
      assertOwnerOnly(folder);
    }
  }

  @Test
  void aFailedCompactionLeavesACacheThatStillAnswersAndWrites() throws Exception {
    List<AuditEvent> events = TestEvents.random(500, 3, NOW);
    try (H2AuditCache cache = open()) {
      cache.upsert(events.subList(0, 400));
      // The database is shut down, then the rewrite fails (a full disk): the worst moment.
      cache.compactStep =
          w -> {
            try (Statement s = w.createStatement()) {
              s.execute("SHUTDOWN");
            }
            throw new SQLException("No space left on device", "HY000");
          };
      assertThrows(CacheException.class, cache::compact);

      assertEquals(400, cache.count(AuditQuery.ALL));
      assertEquals(10, cache.page(AuditQuery.ALL, SortOrder.NEWEST_FIRST, 0, 10).size());
      assertEquals(100, cache.upsert(events.subList(400, 500)));
      assertEquals(500, cache.count(AuditQuery.ALL));
    }
    try (H2AuditCache again = open()) {
      assertEquals(500, again.total());
    }
  }

  @Test
  void compactionOnRequestKeepsEveryEventAndTheCacheUsable() throws Exception {
    List<AuditEvent> events = TestEvents.random(600, 4, NOW);
    try (H2AuditCache cache = open()) {
      cache.upsert(events);
      cache.compact();
      assertEquals(600, cache.count(AuditQuery.ALL));
      assertEquals(600, cache.page(AuditQuery.ALL, SortOrder.NEWEST_FIRST, 0, 1000).size());
    }
  }

  /** Every event once, then a changed version of each: the file keeps the old versions' space. */
  private static long fillWithGarbage(H2AuditCache cache, List<AuditEvent> events)
      throws Exception {
    for (int i = 0; i < events.size(); i += 500) {
      cache.upsert(events.subList(i, i + 500));
      cache.saveSyncState(cache.syncState());
    }
    List<AuditEvent> changed = new ArrayList<>();
    for (AuditEvent e : events) {
      changed.add(
          AuditEventJson.parse(e.rawJson().replace("\"is_deleted\":false", "\"is_deleted\":true")));
    }
    for (int i = 0; i < changed.size(); i += 500) {
      cache.upsert(changed.subList(i, i + 500));
      cache.saveSyncState(cache.syncState());
    }
    return Files.size(cache.file());
  }

  @Test
  void aSessionThatAddedManyEventsCompactsTheFileWhenItCloses() throws Exception {
    Path file;
    long before;
    try (H2AuditCache cache = open()) {
      file = cache.file();
      cache.compactAtClose = 5_000;
      before = fillWithGarbage(cache, TestEvents.random(6_000, 5, NOW));
    }
    long after = Files.size(file);
    assertTrue(after < before * 0.8, "compacted at close: " + before + " -> " + after + " bytes");
    try (H2AuditCache again = open()) {
      assertEquals(6_000, again.count(AuditQuery.ALL));
    }
  }

  @Test
  void aSessionBelowTheThresholdClosesWithoutCompacting() throws Exception {
    // Asserted on the compaction step, not the file size: H2's own close may shrink the file a
    // little, and how much depends on what else the session wrote (the hash chain, checkpoints).
    java.util.concurrent.atomic.AtomicInteger compactions =
        new java.util.concurrent.atomic.AtomicInteger();
    try (H2AuditCache cache = open()) {
      cache.compactStep =
          w -> {
            compactions.incrementAndGet();
            Compaction.SHUTDOWN_COMPACT.run(w);
          };
      fillWithGarbage(cache, TestEvents.random(6_000, 5, NOW));
    }
    assertEquals(0, compactions.get(), "no compaction below the threshold of new events");
    try (H2AuditCache again = open()) {
      assertEquals(6_000, again.count(AuditQuery.ALL), "every event kept");
    }
  }
}
