package dev.auditdesk.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.SortOrder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Optional cache encryption on real H2 files: nothing readable without the key, nothing lost
 * converting either way or when killed mid-conversion, a plain refusal without the key.
 */
class CacheEncryptionTest {

  static final Deployment DEPLOYMENT = Deployment.parse("https://coder.example.com");
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  /**
   * A workspace name sharing no 3 letters with other events, so LZF compression leaves it whole.
   */
  static final String MARKER = "ZqXjVkWyPmRlTnGh";

  @TempDir Path dir;

  private final MemoryCacheKeys keys = new MemoryCacheKeys();

  private Path root() {
    return dir.resolve("caches");
  }

  private Path dbFile() {
    return CacheStore.folderFor(root(), DEPLOYMENT).resolve("cache.mv.db");
  }

  /** A plain cache of 2,000 events, one of them naming {@link #MARKER}. */
  private List<String> plainCacheWithMarker() throws Exception {
    List<AuditEvent> events = new ArrayList<>(TestEvents.random(2_000, 7, NOW));
    events.add(
        AuditEventJson.parse(
            "{\"id\":\"6f0c1b1e-2c55-4b5e-9a3e-0a1b2c3d4e5f\",\"time\":\"2026-11-19T10:00:00Z\","
                + "\"action\":\"create\",\"resource_type\":\"workspace\",\"resource_target\":\""
                + MARKER
                + "\",\"status_code\":200,\"ip\":\"10.9.8.7\"}"));
    try (H2AuditCache cache = open()) {
      cache.upsert(events);
      return all(cache);
    }
  }

  private H2AuditCache open() throws CacheException {
    return CacheStore.open(root(), DEPLOYMENT, CacheStore.OpenMode.READ_WRITE, keys);
  }

  /** Every event's raw JSON, newest first: what a user would see and export. */
  private static List<String> all(H2AuditCache cache) {
    return cache.page(AuditQuery.ALL, SortOrder.NEWEST_FIRST, 0, 100_000).stream()
        .map(AuditEvent::rawJson)
        .toList();
  }

  private static boolean contains(Path file, String text) throws IOException {
    byte[] hay = Files.readAllBytes(file);
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Test
  void anEncryptedCacheFileHoldsNoEventTextAndReopensWithItsKey() throws Exception {
    List<String> before = plainCacheWithMarker();
    assertTrue(contains(dbFile(), MARKER), "the plain file shows the workspace name");

    assertEquals(before.size(), CacheStore.encrypt(root(), DEPLOYMENT, keys));

    assertTrue(CacheStore.isEncrypted(root(), DEPLOYMENT));
    // Nor does any other file of the cache: the saved column index keeps no names either.
    assertNoFileHolds(MARKER, "10.9.8.7", "@Example.com", "@example.com");
    for (String text : List.of(MARKER, "10.9.8.7", "Mozilla/5.0", "@Example.com", "workspace")) {
      assertFalse(contains(dbFile(), text), text + " is readable in the encrypted file");
    }
    try (H2AuditCache cache = open()) {
      assertTrue(cache.encrypted());
      assertEquals(before, all(cache));
      assertEquals(1, cache.count(AuditQuery.ALL.withText(MARKER)));
    }
    assertNoFileHolds(MARKER, "10.9.8.7");
    assertTrue(CacheStore.list(root()).get(0).encrypted(), "the summary marks it encrypted");
    assertFalse(
        Files.readString(dbFile().resolveSibling(CacheSummary.FILE))
            .contains(keys.load(DEPLOYMENT).orElseThrow().reveal()),
        "the key is not in the summary");
  }

  @Test
  void withoutItsKeyAnEncryptedCacheRefusesPlainlyAndKeepsTheFile() throws Exception {
    plainCacheWithMarker();
    CacheStore.encrypt(root(), DEPLOYMENT, keys);
    byte[] digest = sha256(dbFile());
    MemoryCacheKeys otherComputer = new MemoryCacheKeys();

    for (CacheStore.OpenMode mode : CacheStore.OpenMode.values()) {
      CacheException e =
          assertThrows(
              CacheException.class,
              () -> CacheStore.open(root(), DEPLOYMENT, mode, otherComputer).close());
      assertEquals(CacheException.Problem.NO_KEY, e.problem());
      assertTrue(
          e.getMessage().contains("encrypted and its key is not in this computer's keyring")
              && e.getMessage().contains("re-sync into a new cache"),
          e.getMessage());
    }
    otherComputer.save(DEPLOYMENT, CacheKey.generate());
    CacheException wrong =
        assertThrows(
            CacheException.class,
            () ->
                CacheStore.open(root(), DEPLOYMENT, CacheStore.OpenMode.READ_WRITE, otherComputer)
                    .close());
    assertEquals(CacheException.Problem.NO_KEY, wrong.problem(), wrong.getMessage());
    assertArrayEquals(digest, sha256(dbFile()), "the file is untouched");
    try (H2AuditCache cache = open()) {
      assertEquals(2_001, cache.total(), "the right key still opens it");
    }
  }

  @Test
  void plainToEncryptedToPlainKeepsEveryEvent() throws Exception {
    List<String> before = plainCacheWithMarker();
    CacheStore.encrypt(root(), DEPLOYMENT, keys);
    assertEquals(before.size(), CacheStore.decrypt(root(), DEPLOYMENT, keys));

    assertFalse(CacheStore.isEncrypted(root(), DEPLOYMENT));
    assertFalse(CacheStore.list(root()).get(0).encrypted());
    try (H2AuditCache cache =
        CacheStore.open(
            root(), DEPLOYMENT, CacheStore.OpenMode.READ_WRITE, new MemoryCacheKeys())) {
      assertFalse(cache.encrypted());
      assertEquals(before, all(cache), "every event, byte for byte, without any key");
    }
    assertFalse(Files.exists(dbFile().resolveSibling(CacheEncryption.WORK)));
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void anEncryptedCacheIsOwnerOnlyBeforeAndAfterEachConversionAndNewEventsStayEncrypted()
      throws Exception {
    CacheStore.encrypt(root(), DEPLOYMENT, keys); // no cache yet: created encrypted
    assertTrue(CacheStore.isEncrypted(root(), DEPLOYMENT));
    try (H2AuditCache cache = open()) {
      cache.upsert(
          List.of(
              AuditEventJson.parse(
                  "{\"id\":\"0d5e2d4c-1111-4b5e-9a3e-0a1b2c3d4e5f\",\"time\":\"2026-11-19T10:00:00Z\","
                      + "\"action\":\"create\",\"resource_type\":\"workspace\","
                      + "\"resource_target\":\""
                      + MARKER
                      + "\",\"status_code\":200}")));
    }
    assertFalse(contains(dbFile(), MARKER));
    assertOwnerOnly();
    CacheStore.decrypt(root(), DEPLOYMENT, keys);
    assertOwnerOnly();
    CacheStore.encrypt(root(), DEPLOYMENT, keys);
    assertOwnerOnly();
  }

  /** No file of the cache holds any of {@code texts}. */
  private void assertNoFileHolds(String... texts) throws IOException {
    try (Stream<Path> files = Files.list(dbFile().getParent())) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        for (String text : texts) {
          assertFalse(contains(p, text), text + " is readable in " + p.getFileName());
        }
      }
    }
  }

  private void assertOwnerOnly() throws IOException {
    try (Stream<Path> files = Files.walk(dbFile().getParent())) {
      for (Path p : files.toList()) {
        String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        assertEquals(Files.isDirectory(p) ? "rwx------" : "rw-------", perms, p.toString());
      }
    }
  }

  @Test
  void encryptionCannotBeTurnedOnWithoutAKeyring() throws Exception {
    List<String> before = plainCacheWithMarker();
    String old = System.getProperty("auditdesk.keyring");
    System.setProperty("auditdesk.keyring", "off");
    try {
      CacheException e =
          assertThrows(
              CacheException.class,
              () -> CacheStore.encrypt(root(), DEPLOYMENT, new KeyringCacheKeys()));
      assertTrue(e.getMessage().contains("No OS keyring is available"), e.getMessage());
    } finally {
      if (old == null) {
        System.clearProperty("auditdesk.keyring");
      } else {
        System.setProperty("auditdesk.keyring", old);
      }
    }
    assertFalse(CacheStore.isEncrypted(root(), DEPLOYMENT));
    try (H2AuditCache cache = open()) {
      assertEquals(before, all(cache));
    }
  }

  @Test
  void aLostKeyIsRecoveredByRebuildingIntoANewEncryptedCacheKeepingTheOldFile() throws Exception {
    plainCacheWithMarker();
    CacheStore.encrypt(root(), DEPLOYMENT, keys);
    byte[] digest = sha256(dbFile());
    MemoryCacheKeys newComputer = new MemoryCacheKeys();

    try (H2AuditCache fresh = CacheStore.rebuild(root(), DEPLOYMENT, newComputer)) {
      assertEquals(0, fresh.total());
      assertTrue(fresh.encrypted(), "the new cache is encrypted like the old one");
    }
    Path aside;
    try (Stream<Path> folders = Files.list(root())) {
      aside = folders.filter(p -> p.getFileName().toString().contains(".moved-")).findFirst().get();
    }
    assertArrayEquals(digest, sha256(aside.resolve("cache.mv.db")), "the old file is kept");
    assertTrue(newComputer.load(DEPLOYMENT).isPresent());
  }

  @Test
  void aConversionKilledAnywhereLeavesACacheThatOpensWithEveryEvent() throws Exception {
    keys.save(DEPLOYMENT, EncryptionChild.TEST_KEY);
    List<String> before = plainCacheWithMarker();
    Random random = new Random(Long.getLong("auditdesk.killSeed", System.nanoTime()));
    for (int run = 0; run < 3; run++) {
      Process child = child();
      List<String> out = ChildOutput.of(child);
      ChildOutput.awaitLine(child, out, "decrypt 1 start");
      // One round trip has been seen: kill somewhere in the next few conversions.
      Thread.sleep(random.nextInt(1500));
      child.destroyForcibly();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
      String last = out.isEmpty() ? "" : out.get(out.size() - 1);
      System.out.println("encryption kill " + run + ": last said '" + last + "'");
      try (H2AuditCache cache = open()) {
        assertEquals(before, all(cache), "every event after a kill at '" + last + "'");
      }
      assertFalse(Files.exists(dbFile().resolveSibling(CacheEncryption.WORK)), "leftovers gone");
    }
  }

  private Process child() throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("-Dauditdesk.home=" + dir.resolve("home"));
    cmd.add(EncryptionChild.class.getName());
    cmd.add(root().toString());
    cmd.add(DEPLOYMENT.url().toString());
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  private static byte[] sha256(Path f) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
  }
}
