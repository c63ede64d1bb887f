package dev.auditdesk.sync;

import static dev.auditdesk.sync.SyncEngineTest.assertSameIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.coder.CoderClient;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoQuirks;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Completeness;
import dev.auditdesk.model.DayCheck;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.SortOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync against a server that behaves as Coder on PostgreSQL does (docs/SYNC.md): each test ends
 * with the cache holding exactly the server's ids and a completeness record that is true, day by
 * day, against the demo server's own history.
 */
class SyncCompletenessTest {

  private static final SyncSettings FAST = SyncEngineTest.FAST;

  @TempDir Path root;
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private DemoServer server(int events, DemoQuirks quirks) {
    return server(DemoConfig.defaults().withEvents(events).withSeed(7).withQuirks(quirks));
  }

  private DemoServer server(DemoConfig cfg) {
    DemoServer s = DemoServer.start(cfg.withPort(0));
    open.add(s);
    return s;
  }

  private SyncEngine engine(DemoServer s, H2AuditCache cache, SyncSettings settings)
      throws Exception {
    CoderClient c = CoderClient.create(new Deployment(s.url(), ""));
    open.add(c);
    c.login(s.email(), DemoServer.PASSWORD.toCharArray());
    return new SyncEngine(c, cache, settings);
  }

  private H2AuditCache cache(DemoServer s) throws Exception {
    H2AuditCache c =
        CacheStore.open(root, new Deployment(s.url(), ""), CacheStore.OpenMode.READ_WRITE);
    open.add(c);
    return c;
  }

  private static Set<String> cacheIds(H2AuditCache cache) {
    Set<String> ids = new HashSet<>();
    cache.forEach(AuditQuery.ALL, SortOrder.NEWEST_FIRST, e -> ids.add(e.id()));
    return ids;
  }

  /** The cache holds exactly the server's events, and its record says so truthfully, per day. */
  private static void assertProvenComplete(DemoServer s, H2AuditCache cache) {
    Completeness c = cache.completeness();
    try {
      assertSameIds(s.visibleIds(), cacheIds(cache));
    } catch (AssertionError e) {
      throw new AssertionError(
          e.getMessage()
              + "; record: "
              + c
              + ", newest days "
              + cache.dayChecks().descendingMap().values().stream().limit(3).toList(),
          e);
    }
    assertTrue(c.complete(), "not proven complete: " + c);
    for (Map.Entry<LocalDate, Long> day : s.visibleEventsPerDay().entrySet()) {
      DayCheck d = cache.dayChecks().get(day.getKey());
      assertNotNull(d, "no record for " + day.getKey());
      assertTrue(d.verified(), day.getKey() + " is " + d);
      assertEquals(day.getValue(), d.serverCount(), "server count recorded for " + day.getKey());
      assertEquals(day.getValue(), d.cacheCount(), "cache count recorded for " + day.getKey());
    }
  }

  @Test
  void reshuffledTiesAndABurstLargerThanAPageAreFetchedWholeAndVerified() throws Exception {
    DemoServer s = server(12_000, DemoQuirks.REAL.withShuffledTies(true).withBurst(1_300));
    H2AuditCache cache = cache(s);
    SyncResult r = engine(s, cache, FAST).run(null, null);
    assertEquals(13_300, s.visibleIds().size());
    assertProvenComplete(s, cache);
    assertEquals(13_300, r.newEvents());
    assertTrue(r.completeness().complete());
  }

  @Test
  void oneEventStampedInTheFutureDoesNotHideThousandsOfArrivals() throws Exception {
    DemoServer s = server(3_000, DemoQuirks.REAL.withFutureEvents(1));
    H2AuditCache cache = cache(s);
    SyncEngine engine = engine(s, cache, FAST);
    assertEquals(1, engine.run(null, null).futureDated());
    long before = cache.total();
    s.addEvents(3_000);
    SyncResult r = engine.run(null, null);
    assertProvenComplete(s, cache);
    assertEquals(3_000, cache.total() - before);
    assertEquals(1, r.futureDated(), "the future-dated event is kept and flagged");
  }

  @Test
  void lateEventsTenDaysOldAreFoundBySyncVerify() throws Exception {
    DemoServer s = server(6_000, DemoQuirks.REAL.withLateEvents(30, 10, 2_000));
    H2AuditCache cache = cache(s);
    SyncEngine engine = engine(s, cache, FAST);
    engine.run(null, null);
    assertProvenComplete(s, cache);
    SyncEngineTest.pokeUntil(s, 2_000); // the server writes them now, dated ten days back
    SyncResult normal = engine.run(null, null);
    assertEquals(0, normal.newEvents(), "a normal sync re-checks only the last 7 days");
    SyncResult verify = engine.run(null, null, SyncEngine.Mode.VERIFY_ALL);
    assertEquals(30, verify.newEvents());
    assertEquals(
        0,
        verify.fetched() - verify.newEvents() - 50 * 0 > 2_000 ? 1 : 0,
        "verify reads only the day that differs, not the history: " + verify.fetched());
    assertProvenComplete(s, cache);
  }

  @Test
  void aDayAboveTheCountCapIsSplitByActionAndReconciled() throws Exception {
    DemoServer s =
        server(
            DemoConfig.defaults()
                .withEvents(9_000)
                .withSeed(11)
                .withCountCap(150)
                .withQuirks(DemoQuirks.REAL.withBurst(400)));
    H2AuditCache cache = cache(s);
    engine(s, cache, FAST).run(null, null);
    assertProvenComplete(s, cache);
    assertTrue(
        cache.dayChecks().values().stream()
            .anyMatch(d -> d.note().contains("count cap") && d.serverCount() > 150),
        "some day was above the cap of 150 and was checked per action");
    assertTrue(
        s.maxAuditRequestsInFlight() > 1,
        "a split's counts are asked together: " + s.maxAuditRequestsInFlight());
  }

  @Test
  void aPartAboveTheCapEvenBySplittingIsRecordedUnverifiedAndNothingIsMissed() throws Exception {
    DemoServer s =
        server(
            DemoConfig.defaults()
                .withEvents(3_000)
                .withSeed(13)
                .withCountCap(12)
                .withQuirks(DemoQuirks.REAL));
    H2AuditCache cache = cache(s);
    SyncResult r = engine(s, cache, FAST).run(null, null);
    assertSameIds(s.visibleIds(), cacheIds(cache));
    assertFalse(r.completeness().complete(), "a busy day cannot be proven with a cap of 12");
    int unverified = 0;
    for (Map.Entry<LocalDate, Long> day : s.visibleEventsPerDay().entrySet()) {
      DayCheck d = cache.dayChecks().get(day.getKey());
      assertNotNull(d, "no record for " + day.getKey());
      assertEquals(day.getValue(), d.cacheCount(), "cache count recorded for " + day.getKey());
      if (d.verified()) {
        assertEquals(day.getValue(), d.serverCount(), "server count recorded for " + day.getKey());
      } else {
        unverified++;
        // start is always workspace_build: its resource-type part stays above the cap.
        assertTrue(d.note().contains("above the server's count cap even when split"), d.note());
        assertTrue(d.cappedOnly(), "every part the server counts agreed: " + d.note());
      }
    }
    assertTrue(unverified > 0);

    // Reading such a day again proves nothing: the next sync passes the old ones (it re-checks
    // only the recent days), and --verify still reads every day again.
    SyncResult next = engine(s, cache, FAST).run(null, null);
    assertTrue(
        next.requests() * 2 < r.requests(),
        "the next sync asked " + next.requests() + " requests, the first " + r.requests());
    SyncResult verify = engine(s, cache, FAST).run(null, null, SyncEngine.Mode.VERIFY_ALL);
    assertTrue(
        verify.requests() * 2 > r.requests(),
        "--verify reads the capped days again: " + verify.requests() + " of " + r.requests());
    assertSameIds(s.visibleIds(), cacheIds(cache));
    assertEquals(unverified, cache.completeness().unverified().size(), "still said unverified");
  }

  @Test
  void aServerErrorInOneOfTheConcurrentCountsIsSaidPlainlyAndLosesNothing() throws Exception {
    DemoConfig cfg =
        DemoConfig.defaults()
            .withEvents(2_000)
            .withSeed(17)
            .withCountCap(60)
            .withQuirks(DemoQuirks.REAL)
            // Pinned: with a history ending now, which requests the outage hits moved with the
            // time of day (after midnight UTC it missed the split's counts and the test failed).
            .withHistoryEnd(java.time.Instant.parse("2026-11-30T20:30:00Z"));
    // Forty answers in a row fail: more than one count's three tries, wherever they land.
    for (int request = 150; request < 190; request++) {
      cfg = cfg.withFault(request, DemoConfig.Fault.UNAVAILABLE);
    }
    DemoServer s = server(cfg);
    H2AuditCache cache = cache(s);
    SyncEngine engine =
        engine(s, cache, FAST.withRetries(3, Duration.ofMillis(5), Duration.ofMillis(20)));
    SyncException failed =
        org.junit.jupiter.api.Assertions.assertThrows(
            SyncException.class, () -> engine.run(null, null));
    assertEquals(SyncException.Kind.NETWORK, failed.kind());
    assertTrue(
        failed.getMessage().contains("temporarily unavailable")
            && failed.getMessage().contains("tried 3 times"),
        failed.getMessage());
    assertTrue(
        java.util.Arrays.stream(failed.getCause().getStackTrace())
            .anyMatch(f -> f.getMethodName().startsWith("lambda$counts")),
        "the outage hit a split's concurrent counts");
    Set<String> kept = cacheIds(cache);
    assertTrue(kept.size() > 0 && s.visibleIds().containsAll(kept));
    assertEquals(kept.size(), failed.partial().newEvents(), "every event fetched is in the cache");
    long recorded = cache.dayChecks().values().stream().filter(DayCheck::verified).count();
    assertTrue(recorded > 0, "the days reconciled before the error stay recorded");
    try (CoderClient c = CoderClient.create(new Deployment(s.url(), ""))) {
      c.login(s.email(), DemoServer.PASSWORD.toCharArray());
      while (s.auditRequests() < 190) { // the rest of the outage, asked by someone else
        try {
          c.auditPage("", 1, 0);
        } catch (dev.auditdesk.coder.CoderException unavailable) {
          // expected while the outage lasts
        }
      }
    }
    engine.run(null, null);
    assertProvenComplete(s, cache);
  }

  @Test
  void eventsInTheLastFractionOfASecondOfADayAreFetched() throws Exception {
    DemoServer s = server(4_000, DemoQuirks.REAL.withSeamEvents(6));
    H2AuditCache cache = cache(s);
    engine(s, cache, FAST).run(null, null);
    assertProvenComplete(s, cache);
    assertEquals(
        6,
        cache.dayChecks().values().stream().mapToLong(DayCheck::seamCount).sum(),
        "each seam event was read by the probe below its day");
  }

  @Test
  void daysTheServerPurgedAreKeptAsOnlyInThisCache() throws Exception {
    DemoServer s =
        server(DemoConfig.defaults().withEvents(3_000).withSeed(3).withRetention(1_000, 800));
    H2AuditCache cache = cache(s);
    SyncEngine engine = engine(s, cache, FAST);
    engine.run(null, null);
    Set<String> before = cacheIds(cache);
    SyncEngineTest.pokeUntil(s, 1_000);
    SyncResult r = engine.run(null, null, SyncEngine.Mode.VERIFY_ALL);
    assertEquals(before, cacheIds(cache), "nothing purged on the server leaves the cache");
    assertTrue(r.completeness().complete(), r.completeness().toString());
    assertTrue(r.completeness().onlyInCacheDays() > 0);
    for (Map.Entry<LocalDate, Long> day : s.visibleEventsPerDay().entrySet()) {
      DayCheck d = cache.dayChecks().get(day.getKey());
      assertTrue(d.verified(), day.getKey() + " is " + d);
      assertEquals(day.getValue(), d.serverCount(), "server count recorded for " + day.getKey());
    }
  }

  @Test
  void aServerThatIgnoresDateWindowsIsReadWholeSaysSoAndStillReconciles() throws Exception {
    DemoServer s =
        server(
            DemoConfig.defaults()
                .withEvents(3_000)
                .withSeed(5)
                .withCountCap(0)
                .withQuirks(DemoQuirks.REAL.withIgnoredDateKeys(true)));
    H2AuditCache cache = cache(s);
    SyncResult r = engine(s, cache, FAST).run(null, null);
    assertFalse(r.windowed(), "the sync noticed the server ignores date windows");
    assertSameIds(s.visibleIds(), cacheIds(cache));
    assertTrue(r.completeness().complete(), r.completeness().toString());
    assertTrue(
        cache.dayChecks().values().stream().allMatch(d -> d.note().contains("ignores date")));
  }

  @Test
  void theServerIsAskedToSkipOnlyRowsInsideADay() throws Exception {
    DemoServer s = server(30_000, DemoQuirks.REAL);
    H2AuditCache cache = cache(s);
    SyncResult r = engine(s, cache, SyncSettings.defaults()).run(null, null);
    assertProvenComplete(s, cache);
    // Whole-log paging asked for 915,000 OFFSET rows for 30,000 events; windows skip a day or so.
    assertTrue(r.offsetRows() < 2 * 30_000, r.offsetRows() + " OFFSET rows");
    assertEquals(s.offsetRows(), r.offsetRows(), "the server saw what the client counted");
  }

  @Test
  void verifyingAnUnchangedCacheCountsEachDayAndReadsNothingAgain() throws Exception {
    DemoServer s = server(6_000, DemoQuirks.REAL);
    H2AuditCache cache = cache(s);
    SyncEngine engine = engine(s, cache, SyncSettings.defaults());
    engine.run(null, null);
    int days = s.visibleEventsPerDay().size();
    SyncResult r = engine.run(null, null, SyncEngine.Mode.VERIFY_ALL);
    assertEquals(0, r.newEvents());
    assertTrue(r.requests() <= 2 * days + 6, r.requests() + " requests for " + days + " days");
    assertProvenComplete(s, cache);
  }
}
