package dev.auditdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.ExitCodes;
import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cache too big for the heap it is given: one plain sentence and exit code 8, no stack trace. */
class OutOfMemoryMessageTest {

  static final int EVENTS = 150_000;
  static final Deployment BIG = Deployment.parse("https://big.example.com");

  @TempDir Path dir;

  @Test
  void exportUnderATinyHeapSaysHowMuchMemoryTheCacheNeedsInsteadOfAStackTrace() throws Exception {
    Path caches = dir.resolve("caches");
    fill(caches);
    Path log = dir.resolve("child.log");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + System.getProperty("oom.test.heap", "12m"));
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("-Dauditdesk.home=" + dir.resolve("home"));
    cmd.add("dev.auditdesk.Main");
    cmd.addAll(
        List.of(
            "export",
            "--cache",
            caches.toString(),
            "--url",
            BIG.url().toString(),
            "--format",
            "csv",
            "--out",
            dir.resolve("all.csv").toString()));
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the command finished");
    String out = Files.readString(log);
    assertEquals(ExitCodes.OUT_OF_MEMORY, p.exitValue(), out);
    assertTrue(out.contains("ran out of memory"), out);
    assertTrue(out.contains("events needs about"), out);
    assertTrue(out.contains("-Xmx"), out);
    assertFalse(out.contains("\tat "), out);
    assertFalse(out.contains("OutOfMemoryError"), out);
    // Nothing was lost: the cache opens with every event under this JVM's heap.
    try (AuditCache c = CacheStore.open(caches, BIG, CacheStore.OpenMode.READ_ONLY)) {
      assertEquals(EVENTS, c.total());
    }
  }

  private static void fill(Path caches) throws Exception {
    Random r = new Random(7);
    Instant newest = Instant.parse("2026-11-01T12:00:00Z");
    try (AuditCache c = CacheStore.open(caches, BIG, CacheStore.OpenMode.READ_WRITE)) {
      List<AuditEvent> batch = new ArrayList<>();
      for (int i = 0; i < EVENTS; i++) {
        batch.add(
            AuditEventJson.parse(
                "{\"id\":\""
                    + new UUID(r.nextLong(), r.nextLong())
                    + "\",\"request_id\":\""
                    + new UUID(r.nextLong(), r.nextLong())
                    + "\",\"time\":\""
                    + newest.minusSeconds(i * 7L)
                    + "\",\"resource_type\":\"workspace\",\"resource_target\":\"ws-"
                    + r.nextInt(2_000)
                    + "\",\"action\":\"start\",\"status_code\":200,\"user\":{\"username\":\"u"
                    + r.nextInt(300)
                    + "\"}}"));
        if (batch.size() == 10_000) {
          c.upsert(batch);
          batch.clear();
        }
      }
    }
  }
}
