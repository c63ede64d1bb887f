package dev.auditdesk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.ConnectionLogCache;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.coder.CoderClient;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.Completeness;
import dev.auditdesk.model.ConnectionRow;
import dev.auditdesk.model.DayCheck;
import dev.auditdesk.model.Deployment;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connection-log days the server's retention purged are kept and marked "only in this cache". */
class ConnectionLogRetentionTest {

  @TempDir Path caches;

  @Test
  void daysTheServerPurgedStayInTheCacheMarkedOnlyInThisCache() throws Exception {
    try (DemoServer server =
        DemoServer.start(
            DemoConfig.defaults().withPort(0).withEvents(100).withConnections(600).withSeed(9))) {
      Deployment d = new Deployment(server.url(), "");
      try (CoderClient client = CoderClient.create(d);
          H2AuditCache cache = CacheStore.open(caches, d, CacheStore.OpenMode.READ_WRITE)) {
        client.login(server.email(), DemoServer.PASSWORD.toCharArray());
        SyncEngine engine = new SyncEngine(client, cache, SyncSettings.defaults());
        ConnectionLogCache log = cache.connections();
        engine.run(SyncListener.NONE, () -> false);
        assertEquals(600, log.total());
        assertEquals(0, log.completeness().onlyInCacheDays());

        // Retention removes the three oldest UTC days of the server's connection log.
        TreeMap<LocalDate, Long> perDay = new TreeMap<>();
        for (ConnectionRow r : server.connectionRows()) {
          perDay.merge(LocalDate.ofInstant(r.connectTime(), ZoneOffset.UTC), 1L, Long::sum);
        }
        LocalDate firstKept = perDay.keySet().stream().skip(3).findFirst().orElseThrow();
        server.purgeConnectionsBefore(firstKept.atStartOfDay().toInstant(ZoneOffset.UTC));
        engine.run(SyncListener.NONE, () -> false);

        assertEquals(600, log.total(), "the cache keeps what the server purged");
        Completeness c = log.completeness();
        assertEquals(3, c.onlyInCacheDays(), "the three purged days");
        assertTrue(c.complete(), "every other day still verified: " + c);
        Map<LocalDate, DayCheck> checks = log.checks();
        for (Map.Entry<LocalDate, Long> e : perDay.headMap(firstKept).entrySet()) {
          DayCheck check = checks.get(e.getKey());
          assertEquals(DayCheck.State.ONLY_IN_CACHE, check.state(), e.getKey().toString());
          assertEquals((long) e.getValue(), check.cacheCount(), "the rows only here");
        }
        assertEquals(DayCheck.State.VERIFIED, checks.get(firstKept).state());

        Instant before = Instant.now();
        engine.run(SyncListener.NONE, () -> false);
        assertEquals(3, log.completeness().onlyInCacheDays(), "stable on the next sync");
        assertTrue(
            log.checks().get(perDay.firstKey()).checkedAt().isBefore(before),
            "an unchanged day is not written again");
      }
    }
  }
}
