package dev.auditdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.ExitCodes;
import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * zstd's native library cannot be loaded (its temporary folder refuses it, as a noexec /tmp does):
 * one plain sentence naming the way out and the cache problem's exit code, no stack trace, and the
 * cache untouched. Runs the command in a child JVM: this one has loaded the library already.
 */
class ZstdLibraryMessageTest {

  static final Deployment D = Deployment.parse("https://coder.example.com");

  @TempDir Path dir;

  @Test
  void aLibraryThatCannotBeLoadedIsAPlainMessageAndLeavesTheCacheAlone() throws Exception {
    Path caches = dir.resolve("caches");
    try (AuditCache c = CacheStore.open(caches, D, CacheStore.OpenMode.READ_WRITE)) {
      c.upsert(
          List.of(
              AuditEventJson.parse(
                  "{\"id\":\"7a9cc2a1-48b4-4d49-8c9e-0e3e1c1f4f51\","
                      + "\"time\":\"2026-11-30T10:00:00Z\",\"action\":\"login\","
                      + "\"resource_type\":\"api_key\",\"resource_target\":\"alice\","
                      + "\"status_code\":201}")));
    }
    Path log = dir.resolve("child.log");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("-Dauditdesk.home=" + dir.resolve("home"));
    cmd.add("-DZstdTempFolder=" + dir.resolve("no-such-folder"));
    cmd.add("dev.auditdesk.Main");
    cmd.addAll(
        List.of(
            "export",
            "--cache",
            caches.toString(),
            "--url",
            D.url().toString(),
            "--format",
            "csv",
            "--out",
            dir.resolve("all.csv").toString()));
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the command finished");
    String out = Files.readString(log);
    assertEquals(ExitCodes.CACHE, p.exitValue(), out);
    assertTrue(out.contains("could not load zstd"), out);
    assertTrue(out.contains("-DZstdTempFolder=DIR"), out);
    assertTrue(out.contains(dir.resolve("no-such-folder").toString()), out);
    assertFalse(out.contains("\tat "), out);
    assertFalse(Files.exists(dir.resolve("all.csv")), "nothing exported");
    try (AuditCache c = CacheStore.open(caches, D, CacheStore.OpenMode.READ_ONLY)) {
      assertEquals(1, c.total());
    }
  }
}
