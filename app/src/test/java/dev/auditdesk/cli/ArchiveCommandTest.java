package dev.auditdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.ExitCodes;
import dev.auditdesk.archive.ArchiveUrl;
import dev.auditdesk.archive.TestPostgres;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive from the command line, as an operator runs it (docs/ARCHIVE.md): init, sync into it
 * with the password from PGPASSWORD, take the last days offline, and check them again after the
 * archive moved on. A real PostgreSQL and the demo server over HTTP.
 */
class ArchiveCommandTest {

  @TempDir Path dir;

  private static CliRun run(Map<String, String> env, String... args) {
    return CliRun.withEnv(env, args);
  }

  @Test
  void initSyncTakeOfflineAndCheckItLater() throws Exception {
    ArchiveUrl db = TestPostgres.get().newDatabase();
    String address = db.display();
    Path pgPassword = Files.writeString(dir.resolve("pg-password"), db.password() + "\n");
    Path cache = dir.resolve("caches");
    try (DemoServer s =
        DemoServer.start(DemoConfig.defaults().withEvents(1_500).withSeed(3).withPort(0))) {
      CliRun init =
          run(
              Map.of(),
              "archive",
              "init",
              "--db",
              address,
              "--password-file",
              pgPassword.toString());
      assertEquals(ExitCodes.OK, init.exit(), init.err());
      assertTrue(init.err().contains("is ready (4 migrations applied)"), init.err());
      assertFalse(init.err().contains(db.password()), "the password is never printed");

      Path coderPassword = Files.writeString(dir.resolve("coder-password"), DemoServer.PASSWORD);
      String[] sync = {
        "sync",
        "--url",
        s.url().toString(),
        "--email",
        s.email(),
        "--password-file",
        coderPassword.toString(),
        "--archive",
        address,
        "--json"
      };
      Map<String, String> env = Map.of("PGPASSWORD", db.password());
      CliRun first = run(env, sync);
      assertEquals(ExitCodes.OK, first.exit(), first.err());
      assertTrue(first.err().contains("1,500 new events, 1,500 in the archive"), first.err());
      assertTrue(
          first.out().contains("\"archive\":\"postgresql://postgres@127.0.0.1:"), first.out());
      assertFalse(first.out().contains(db.password()) || first.err().contains(db.password()));

      CliRun noPassword = run(Map.of(), sync);
      assertEquals(ExitCodes.CACHE, noPassword.exit(), noPassword.err());

      LocalDate newest = s.visibleEventsPerDay().keySet().stream().max(LocalDate::compareTo).get();
      LocalDate since = newest.minusDays(4);
      String[] slice = {
        "--db",
        address,
        "--password-file",
        pgPassword.toString(),
        "--since",
        since.toString(),
        "--cache",
        cache.toString()
      };
      CliRun take = run(Map.of(), concat(new String[] {"archive", "take-offline"}, slice));
      assertEquals(ExitCodes.OK, take.exit(), take.err());
      assertTrue(take.err().contains("every day holds the same number of events"), take.err());

      Map<LocalDate, Long> expected = new TreeMap<>(s.visibleEventsPerDay());
      expected.keySet().removeIf(d -> d.isBefore(since));
      try (H2AuditCache local =
          CacheStore.open(
              cache, new Deployment(s.url(), s.deploymentId()), CacheStore.OpenMode.READ_ONLY)) {
        long inSlice = expected.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(inSlice, local.total(), "exactly the slice's events are on the laptop");
        assertEquals(
            0,
            local.count(
                AuditQuery.ALL.withRange(
                    new DateRange(null, since.atStartOfDay(ZoneOffset.UTC).toInstant()))));
        for (var day : expected.entrySet()) {
          assertTrue(local.dayChecks().get(day.getKey()).verified(), "verified " + day.getKey());
        }
      }
      CliRun same = run(Map.of(), concat(new String[] {"archive", "check-offline"}, slice));
      assertEquals(ExitCodes.OK, same.exit(), same.err());

      s.addEvents(40);
      assertEquals(ExitCodes.OK, run(env, sync).exit());
      CliRun moved = run(Map.of(), concat(new String[] {"archive", "check-offline"}, slice));
      assertEquals(ExitCodes.VERIFY_FAILED, moved.exit(), moved.err());
      assertTrue(moved.err().contains("differs from the archive on"), moved.err());
    }
  }

  @Test
  void aBadAddressIsOneSentenceAndExitCodeTwo() {
    CliRun r = run(Map.of(), "archive", "init", "--db", "mysql://user:hunter2@db/x");
    assertEquals(ExitCodes.USAGE, r.exit());
    assertTrue(r.err().contains("is not a PostgreSQL address"), r.err());
    assertFalse(r.err().contains("hunter2"), r.err());
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
