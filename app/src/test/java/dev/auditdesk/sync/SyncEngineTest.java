package dev.auditdesk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.coder.ClientOptions;
import dev.auditdesk.coder.CoderClient;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.SortOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncEngineTest {

  static final SyncSettings FAST =
      SyncSettings.defaults()
          .withPageSize(500)
          .withRetries(6, Duration.ofMillis(20), Duration.ofMillis(200));

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

  private static DemoConfig small(int events) {
    return DemoConfig.defaults().withEvents(events).withSeed(42);
  }

  private CoderClient client(DemoServer s, String email, ClientOptions o) throws Exception {
    CoderClient c = CoderClient.create(new Deployment(s.url(), ""), o);
    open.add(c);
    c.login(email, DemoServer.PASSWORD.toCharArray());
    return c;
  }

  private CoderClient client(DemoServer s) throws Exception {
    return client(s, s.email(), ClientOptions.defaults());
  }

  private H2AuditCache cache(DemoServer s) throws Exception {
    H2AuditCache c =
        CacheStore.open(root, new Deployment(s.url(), ""), CacheStore.OpenMode.READ_WRITE);
    open.add(c);
    return c;
  }

  /** Every id the server lists right now, read from its history rather than through paging. */
  private static Set<String> serverIds(DemoServer s) {
    return s.visibleIds();
  }

  /** Sends audit requests until the server has answered {@code n} (its knobs count requests). */
  static void pokeUntil(DemoServer s, int n) throws Exception {
    try (CoderClient c = CoderClient.create(new Deployment(s.url(), ""))) {
      c.login(s.email(), DemoServer.PASSWORD.toCharArray());
      while (s.auditRequests() < n) {
        c.auditPage("", 1, 0);
      }
    }
  }

  private static Set<String> cacheIds(H2AuditCache cache) {
    Set<String> ids = new HashSet<>();
    cache.forEach(AuditQuery.ALL, SortOrder.NEWEST_FIRST, e -> ids.add(e.id()));
    return ids;
  }

  /** Compares id sets, reporting sizes and a few differences instead of thousands of ids. */
  static void assertSameIds(Set<String> expected, Set<String> actual) {
    Set<String> missing = new HashSet<>(expected);
    missing.removeAll(actual);
    Set<String> extra = new HashSet<>(actual);
    extra.removeAll(expected);
    assertTrue(
        missing.isEmpty() && extra.isEmpty(),
        "server has "
            + expected.size()
            + ", cache has "
            + actual.size()
            + "; missing "
            + missing.size()
            + " e.g. "
            + missing.stream().limit(3).toList()
            + ", extra "
            + extra.size()
            + " e.g. "
            + extra.stream().limit(3).toList());
  }

  @Test
  void aFirstSyncCopiesEveryEventTheServerHasDespiteItsCappedCount() throws Exception {
    DemoServer s = server(small(4_321).withCountCap(2_000));
    H2AuditCache cache = cache(s);
    List<SyncProgress> progress = new ArrayList<>();
    SyncResult r = new SyncEngine(client(s), cache, FAST).run(progress::add, () -> false);
    Set<String> expected = serverIds(s);
    assertEquals(4_321, expected.size());
    assertEquals(expected, cacheIds(cache));
    assertEquals(4_321, r.newEvents());
    assertTrue(r.historyComplete());
    assertTrue(cache.syncState().historyComplete());
    assertFalse(cache.syncState().lastSync().equals(Instant.EPOCH));
    assertEquals(cache.stats().oldest(), cache.stats().serverOldest());
    assertTrue(progress.stream().anyMatch(p -> p.totalCapped() && p.estimatedTotal() > 2_000));
    assertEquals(SyncProgress.Phase.DONE, progress.get(progress.size() - 1).phase());
  }

  @Test
  void anIncrementalSyncOfAHundredNewEventsCostsTwoRequestsPerRecheckedDay() throws Exception {
    DemoServer s = server(small(6_000));
    H2AuditCache cache = cache(s);
    SyncEngine engine = new SyncEngine(client(s), cache, SyncSettings.defaults());
    engine.run(null, null);
    s.addEvents(100);
    int before = s.auditRequests();
    SyncResult r = engine.run(null, null);
    int rechecked = SyncSettings.defaults().recheckDays() + 2;
    assertTrue(
        s.auditRequests() - before <= 2 * rechecked + 6,
        (s.auditRequests() - before) + " requests");
    assertEquals(100, r.newEvents());
    assertSameIds(serverIds(s), cacheIds(cache));
    SyncResult again = engine.run(null, null);
    assertEquals(0, again.newEvents());
    assertEquals(6_100, cache.total());
  }

  @Test
  void aCancelledSyncKeepsWhatItFetchedAndTheNextOneCompletesTheHistory() throws Exception {
    DemoServer s = server(small(5_000));
    H2AuditCache cache = cache(s);
    AtomicInteger pages = new AtomicInteger();
    SyncEngine first = new SyncEngine(client(s), cache, FAST.withPageSize(300));
    SyncException stopped =
        assertThrows(
            SyncException.class,
            () -> first.run(p -> pages.set(p.pages()), () -> pages.get() >= 4));
    assertEquals(SyncException.Kind.CANCELLED, stopped.kind());
    long kept = cache.total();
    assertTrue(kept > 0 && kept < 5_000, kept + " events kept");
    assertFalse(cache.syncState().historyComplete());
    assertFalse(cache.completeness().complete());
    assertFalse(cache.dayChecks().isEmpty(), "the days read before the cancel are recorded");
    s.addEvents(40);
    SyncResult r = new SyncEngine(client(s), cache, FAST.withPageSize(300)).run(null, null);
    assertTrue(r.historyComplete());
    assertSameIds(serverIds(s), cacheIds(cache));
    assertEquals(5_040, cache.total());
  }

  @Test
  void aSyncThreadInterruptedMidwayLosesNothingAndResumes() throws Exception {
    DemoServer s = server(small(5_000));
    H2AuditCache cache = cache(s);
    SyncEngine engine = new SyncEngine(client(s), cache, FAST.withPageSize(250));
    AtomicReference<Throwable> outcome = new AtomicReference<>();
    AtomicInteger pages = new AtomicInteger();
    Thread t =
        new Thread(
            () -> {
              try {
                engine.run(p -> pages.set(p.pages()), null);
              } catch (Throwable e) {
                outcome.set(e);
              }
            });
    t.start();
    while (pages.get() < 3 && t.isAlive()) {
      Thread.sleep(5);
    }
    t.interrupt();
    t.join(30_000);
    assertTrue(outcome.get() instanceof SyncException, String.valueOf(outcome.get()));
    assertEquals(SyncException.Kind.CANCELLED, ((SyncException) outcome.get()).kind());
    assertTrue(cache.total() < 5_000);
    SyncResult r = new SyncEngine(client(s), cache, FAST).run(null, null);
    assertTrue(r.historyComplete());
    assertSameIds(serverIds(s), cacheIds(cache));
  }

  @Test
  void faultsOnChosenPagesAreRetriedAndNoEventIsLost() throws Exception {
    DemoServer s =
        server(
            small(3_000)
                .withRetryAfterSeconds(1)
                .withSlowDelay(Duration.ofSeconds(3))
                .withFault(2, DemoConfig.Fault.RATE_LIMITED)
                .withFault(3, DemoConfig.Fault.UNAVAILABLE)
                .withFault(5, DemoConfig.Fault.TRUNCATED_JSON)
                .withFault(6, DemoConfig.Fault.CONNECTION_DROPPED)
                .withFault(8, DemoConfig.Fault.SLOW)
                .withFault(9, DemoConfig.Fault.UNAVAILABLE)
                .withFault(10, DemoConfig.Fault.UNAVAILABLE));
    H2AuditCache cache = cache(s);
    CoderClient c =
        client(s, s.email(), ClientOptions.defaults().withReadTimeout(Duration.ofMillis(800)));
    List<String> messages = new ArrayList<>();
    SyncResult r =
        new SyncEngine(c, cache, FAST)
            .run(
                p -> {
                  if (p.phase() == SyncProgress.Phase.WAITING) {
                    messages.add(p.message());
                  }
                },
                null);
    assertTrue(r.retries() >= 6, r.retries() + " retries");
    assertEquals(r.retries(), messages.size());
    assertSameIds(serverIds(s), cacheIds(cache));
  }

  @Test
  void aServerThatKeepsFailingEndsTheSyncWithAPlainNetworkErrorAndKeepsTheRest() throws Exception {
    DemoConfig cfg = small(2_000);
    for (int i = 3; i < 9; i++) {
      cfg = cfg.withFault(i, DemoConfig.Fault.UNAVAILABLE);
    }
    DemoServer s = server(cfg);
    H2AuditCache cache = cache(s);
    SyncException e =
        assertThrows(
            SyncException.class,
            () ->
                new SyncEngine(
                        client(s),
                        cache,
                        FAST.withRetries(3, Duration.ofMillis(10), Duration.ofMillis(20)))
                    .run(null, null));
    assertEquals(SyncException.Kind.NETWORK, e.kind());
    assertTrue(e.getMessage().contains("tried 3 times"), e.getMessage());
    assertTrue(cache.total() > 0, "the pages before the failures stay cached");
    new SyncEngine(client(s), cache, FAST).run(null, null);
    assertSameIds(serverIds(s), cacheIds(cache));
  }

  @Test
  void eventsArrivingDuringTheSyncAreNotMissed() throws Exception {
    DemoServer s = server(small(4_000));
    H2AuditCache cache = cache(s);
    // Progress is reported per page and on every phase change, from the reader and the writer,
    // so one page count can be reported more than once: add each batch once only.
    int[] batchesAtPage = {4, 12};
    AtomicInteger added = new AtomicInteger();
    SyncResult r =
        new SyncEngine(client(s), cache, FAST)
            .run(
                p -> {
                  // During the audit log's pass (the connection log's pages count apart).
                  int next = added.get();
                  if ((p.phase() == SyncProgress.Phase.NEWEST
                          || p.phase() == SyncProgress.Phase.HISTORY)
                      && next < batchesAtPage.length
                      && p.pages() >= batchesAtPage[next]
                      && added.compareAndSet(next, next + 1)) {
                    s.addEvents(75);
                  }
                },
                null);
    assertEquals(2, added.get(), "both batches were added while the sync ran");
    assertEquals(4_150, serverIds(s).size());
    assertSameIds(serverIds(s), cacheIds(cache));
    assertEquals(4_150, r.newEvents());
  }

  @Test
  void lateEventsWithOldTimestampsArePickedUpByTheRecheckedDays() throws Exception {
    // The demo writes late events among its newest tenth (a few days for 3,000 events).
    DemoServer s = server(small(3_000).withLateEvents(25, 400));
    H2AuditCache cache = cache(s);
    SyncSettings settings = FAST.withRecheckDays(10);
    new SyncEngine(client(s), cache, settings).run(null, null);
    assertTrue(s.auditRequests() < 400, s.auditRequests() + " requests");
    assertSameIds(serverIds(s), cacheIds(cache));
    long before = cache.total();
    pokeUntil(s, 400); // let the server's clock reach the point where it writes them
    Set<String> withLate = serverIds(s);
    assertEquals(before + 25, withLate.size());
    SyncResult r = new SyncEngine(client(s), cache, settings).run(null, null);
    assertEquals(25, r.newEvents());
    assertSameIds(withLate, cacheIds(cache));
  }

  @Test
  void eventsPurgedByTheServerStayInTheCache() throws Exception {
    DemoServer s = server(small(3_000).withRetention(400, 400));
    H2AuditCache cache = cache(s);
    new SyncEngine(client(s), cache, FAST).run(null, null);
    Set<String> everything = cacheIds(cache);
    assertEquals(3_000, everything.size());
    pokeUntil(s, 400);
    s.addEvents(10);
    Set<String> onServer = serverIds(s);
    assertEquals(2_610, onServer.size());
    new SyncEngine(client(s), cache, FAST).run(null, null);
    Set<String> cached = cacheIds(cache);
    assertTrue(cached.containsAll(onServer));
    Set<String> onlyCached = new HashSet<>(cached);
    onlyCached.removeAll(onServer);
    assertEquals(400, onlyCached.size(), "exactly the purged events remain only in the cache");
    assertTrue(everything.containsAll(onlyCached));
  }

  @Test
  void aServerThatRefusesThePageSizeIsAskedForSmallerPages() throws Exception {
    DemoServer s = server(small(2_500).withMaxPageSize(200));
    H2AuditCache cache = cache(s);
    SyncResult r = new SyncEngine(client(s), cache, FAST.withPageSize(1_000)).run(null, null);
    assertEquals(200, r.pageSize());
    assertSameIds(serverIds(s), cacheIds(cache));
  }

  @Test
  void aUserWithoutAuditRightsGetsAPlainAuthFailure() throws Exception {
    DemoServer s = server(small(500));
    H2AuditCache cache = cache(s);
    SyncException e =
        assertThrows(
            SyncException.class,
            () ->
                new SyncEngine(client(s, s.memberEmail(), ClientOptions.defaults()), cache, FAST)
                    .run(null, null));
    assertEquals(SyncException.Kind.AUTH, e.kind());
    assertFalse(e.getMessage().isBlank());
    assertEquals(0, cache.total());
  }

  @Test
  void anExpiredTokenStopsTheSyncClearlyAndSigningInAgainFinishesIt() throws Exception {
    DemoServer s = server(small(3_000));
    H2AuditCache cache = cache(s);
    SyncException e =
        assertThrows(
            SyncException.class,
            () ->
                new SyncEngine(client(s), cache, FAST.withPipeline(false))
                    .run(
                        p -> {
                          if (p.pages() == 2) {
                            s.expireAllTokens();
                          }
                        },
                        null));
    assertEquals(SyncException.Kind.AUTH, e.kind());
    assertTrue(cache.total() > 0 && cache.total() < 3_000, cache.total() + " kept");
    new SyncEngine(client(s), cache, FAST).run(null, null);
    assertSameIds(serverIds(s), cacheIds(cache));
  }

  @Test
  void theSchedulerSyncsPeriodicallyAndOnDemandButNeverTwiceAtOnce() throws Exception {
    DemoServer s = server(small(1_500));
    H2AuditCache cache = cache(s);
    SyncEngine engine = new SyncEngine(client(s), cache, FAST.withInterval(Duration.ZERO));
    try (SyncScheduler scheduler = new SyncScheduler(engine, null, null, null)) {
      var a = scheduler.syncNow();
      var b = scheduler.syncNow();
      assertTrue(a == b, "a second request while syncing joins the running sync");
      a.get();
      assertEquals(1_500, cache.total());
      s.addEvents(20);
      Thread.sleep(300);
      assertEquals(1_500, cache.total(), "no background runs while the interval is zero");
      scheduler.setInterval(Duration.ofMillis(100));
      long deadline = System.currentTimeMillis() + 30_000;
      while (cache.total() < 1_520 && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertEquals(1_520, cache.total());
    }
    assertSameIds(serverIds(s), cacheIds(cache));
  }
}
