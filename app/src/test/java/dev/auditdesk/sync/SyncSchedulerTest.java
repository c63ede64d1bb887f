package dev.auditdesk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.coder.CoderClient;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoQuirks;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.Deployment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler against the demo server: verify on demand, and a pause after a refused session. */
class SyncSchedulerTest {

  @TempDir Path root;
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private DemoServer server(DemoConfig cfg) {
    DemoServer s = DemoServer.start(cfg.withPort(0));
    open.add(s);
    return s;
  }

  private CoderClient client(DemoServer s) throws Exception {
    CoderClient c = CoderClient.create(new Deployment(s.url(), ""));
    open.add(c);
    c.login(s.email(), DemoServer.PASSWORD.toCharArray());
    return c;
  }

  private H2AuditCache cache(DemoServer s) throws Exception {
    H2AuditCache c =
        CacheStore.open(root, new Deployment(s.url(), ""), CacheStore.OpenMode.READ_WRITE);
    open.add(c);
    return c;
  }

  @Test
  void verifyAllFindsLateEventsThatAScheduledSyncDoesNotRecheck() throws Exception {
    DemoServer s =
        server(
            DemoConfig.defaults()
                .withEvents(6_000)
                .withSeed(7)
                .withQuirks(DemoQuirks.REAL.withLateEvents(30, 10, 2_000)));
    H2AuditCache cache = cache(s);
    SyncEngine engine = new SyncEngine(client(s), cache, SyncEngineTest.FAST);
    try (SyncScheduler scheduler = new SyncScheduler(engine, null, null, null)) {
      scheduler.syncNow().get();
      SyncEngineTest.pokeUntil(s, 2_000); // the server writes them now, dated ten days back
      assertEquals(0, scheduler.syncNow().get().newEvents(), "a sync re-checks the last 7 days");
      assertEquals(30, scheduler.verifyAll().get().newEvents());
    }
    assertEquals(s.visibleEvents(), cache.total());
  }

  @Test
  void aRefusedSessionPausesThePeriodicSyncUntilTheIntervalIsSetAgain() throws Exception {
    DemoServer s = server(DemoConfig.defaults().withEvents(1_500).withSeed(42));
    H2AuditCache cache = cache(s);
    CoderClient client = client(s);
    SyncEngine engine = new SyncEngine(client, cache, SyncEngineTest.FAST);
    List<SyncException> failures = new CopyOnWriteArrayList<>();
    try (SyncScheduler scheduler = new SyncScheduler(engine, null, null, failures::add)) {
      scheduler.syncNow().get();
      s.expireAllTokens();
      scheduler.setInterval(Duration.ofMillis(100));
      long deadline = System.currentTimeMillis() + 30_000;
      while (failures.isEmpty() && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(SyncException.Kind.AUTH, failures.get(0).kind());
      int requests = s.auditRequests();
      Thread.sleep(600);
      assertEquals(requests, s.auditRequests(), "no periodic run asks again after the refusal");
      assertEquals(1, failures.size());

      client.login(s.email(), DemoServer.PASSWORD.toCharArray());
      s.addEvents(20);
      scheduler.setInterval(Duration.ofMillis(100));
      while (cache.total() < 1_520 && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertEquals(1_520, cache.total(), "signed in again, the periodic sync resumes");
      assertTrue(scheduler.interval().toMillis() == 100);
    }
  }
}
