package dev.auditdesk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.coder.CoderClient;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.Deployment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connection log's pass tells the sync's listener how far it got, as the audit pass does. */
class ConnectionLogProgressTest {

  @TempDir Path caches;

  @Test
  void theConnectionPassReportsItsRowsAfterTheAuditLogsProgress() throws Exception {
    try (DemoServer server =
        DemoServer.start(
            DemoConfig.defaults().withPort(0).withEvents(300).withConnections(700).withSeed(3))) {
      Deployment d = new Deployment(server.url(), "");
      List<SyncProgress> seen = new ArrayList<>();
      try (CoderClient client = CoderClient.create(d);
          H2AuditCache cache = CacheStore.open(caches, d, CacheStore.OpenMode.READ_WRITE)) {
        client.login(server.email(), DemoServer.PASSWORD.toCharArray());
        SyncEngine engine = new SyncEngine(client, cache, SyncSettings.defaults());

        engine.run(seen::add, () -> false);

        List<SyncProgress> conn =
            seen.stream().filter(p -> p.phase() == SyncProgress.Phase.CONNECTIONS).toList();
        assertTrue(conn.size() >= 2, "a report per page of the connection log: " + conn.size());
        int firstConn = seen.indexOf(conn.get(0));
        assertTrue(
            seen.subList(0, firstConn).stream()
                .anyMatch(p -> p.phase() != SyncProgress.Phase.CONNECTIONS),
            "the audit log's progress came first");
        assertTrue(
            seen.subList(firstConn, seen.size() - 1).stream()
                .allMatch(p -> p.phase() == SyncProgress.Phase.CONNECTIONS),
            "then only the connection log's");
        assertEquals(
            SyncProgress.Phase.DONE,
            seen.get(seen.size() - 1).phase(),
            "'Up to date' once both logs are");
        for (int i = 1; i < conn.size(); i++) {
          assertTrue(conn.get(i).fetched() >= conn.get(i - 1).fetched(), "rows only grow");
        }
        SyncProgress last = conn.get(conn.size() - 1);
        assertEquals(700, last.newEvents(), "every connection new to this cache");
        assertEquals(700, cache.connections().total());
        assertTrue(last.fetched() >= 700, "at least every row read once: " + last.fetched());
        assertEquals(-1, last.fraction(), "no total known: indeterminate");
      }
    }
  }
}
