package dev.auditdesk.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.ExitCodes;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.cache.MemoryCacheKeys;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code auditdesk cache}: status, and encryption refused plainly where no keyring can keep the
 * key. The keyring is turned off here (this build machine has none, and a developer's own keyring
 * must not be written by tests); the encrypted caches below get their key from an in-memory store.
 */
class CacheCommandTest {

  static final String URL = "https://coder.example.com";
  static final Deployment D = Deployment.parse(URL);

  @TempDir Path dir;

  private String oldKeyring;

  @BeforeEach
  void keyringOff() {
    oldKeyring = System.getProperty("auditdesk.keyring");
    System.setProperty("auditdesk.keyring", "off");
  }

  @AfterEach
  void keyringBack() {
    if (oldKeyring == null) {
      System.clearProperty("auditdesk.keyring");
    } else {
      System.setProperty("auditdesk.keyring", oldKeyring);
    }
  }

  private Path root() {
    return dir.resolve("caches");
  }

  private Path dbFile() {
    return CacheStore.folderFor(root(), D).resolve("cache.mv.db");
  }

  private void cacheWith(int n) throws Exception {
    List<AuditEvent> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      events.add(
          AuditEventJson.parse(
              "{\"id\":\"e"
                  + i
                  + "\",\"time\":\"2026-11-0"
                  + (1 + i % 9)
                  + "T10:00:00Z\",\"action\":\"create\",\"resource_type\":\"workspace\","
                  + "\"user\":{\"username\":\"alice\"}}"));
    }
    try (H2AuditCache c = CacheStore.open(root(), D, CacheStore.OpenMode.READ_WRITE)) {
      c.upsert(events);
    }
  }

  @Test
  void cacheSaysWhereTheCacheIsAndWhetherItIsEncrypted() throws Exception {
    cacheWith(12);
    CliRun plain = CliRun.run("cache", "--cache", root().toString(), "--url", URL);
    assertEquals(ExitCodes.OK, plain.exit(), plain.err());
    assertTrue(plain.out().contains("not encrypted"), plain.out());

    CacheStore.encrypt(root(), D, new MemoryCacheKeys());
    CliRun encrypted = CliRun.run("cache", "--cache", root().toString());
    assertEquals(ExitCodes.OK, encrypted.exit(), encrypted.err());
    assertTrue(encrypted.out().contains("encrypted (key in the OS keyring)"), encrypted.out());
  }

  @Test
  void encryptWithoutAKeyringExitsFiveAndLeavesTheCachePlain() throws Exception {
    cacheWith(12);
    byte[] before = Files.readAllBytes(dbFile());
    CliRun r = CliRun.run("cache", "--cache", root().toString(), "--url", URL, "--encrypt");
    assertEquals(ExitCodes.CACHE, r.exit(), r.err());
    assertTrue(r.err().contains("No OS keyring is available"), r.err());
    assertFalse(CacheStore.isEncrypted(root(), D));
    assertArrayEquals(before, Files.readAllBytes(dbFile()));
  }

  @Test
  void anEncryptedCacheWithoutItsKeyIsRefusedPlainlyAndKept() throws Exception {
    cacheWith(12);
    CacheStore.encrypt(root(), D, new MemoryCacheKeys());
    byte[] before = Files.readAllBytes(dbFile());
    Path out = dir.resolve("out.csv");
    CliRun r =
        CliRun.run(
            "export",
            "--cache",
            root().toString(),
            "--url",
            URL,
            "--format",
            "csv",
            "--out",
            out.toString());
    assertEquals(ExitCodes.CACHE, r.exit(), r.err());
    assertTrue(
        r.err().contains("is encrypted and its key is not in this computer's keyring: re-sync"),
        r.err());
    assertFalse(Files.exists(out));
    assertArrayEquals(before, Files.readAllBytes(dbFile()), "the encrypted file is kept as is");
  }

  @Test
  void encryptAndDecryptTogetherIsAUsageError() throws Exception {
    cacheWith(1);
    CliRun r = CliRun.run("cache", "--cache", root().toString(), "--encrypt", "--decrypt");
    assertEquals(ExitCodes.USAGE, r.exit());
    assertTrue(r.err().contains("either --encrypt or --decrypt"), r.err());
  }
}
