package dev.auditdesk.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.FacetValue;
import dev.auditdesk.model.SortColumn;
import dev.auditdesk.model.SortOrder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2AuditCacheTest {

  static final Deployment DEPLOYMENT = Deployment.parse("https://coder.example.com");
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  @TempDir Path root;

  private H2AuditCache open() throws CacheException {
    return CacheStore.open(root, DEPLOYMENT, CacheStore.OpenMode.READ_WRITE);
  }

  @Test
  void syncingTheSameEventsTwiceChangesNothing() throws Exception {
    List<AuditEvent> events = TestEvents.random(800, 1, NOW);
    try (H2AuditCache cache = open()) {
      assertEquals(800, cache.upsert(events));
      long size = cache.stats().bytesOnDisk();
      assertEquals(0, cache.upsert(events));
      assertEquals(0, cache.upsert(events.subList(100, 300)));
      assertEquals(800, cache.total());
      assertEquals(800, cache.count(AuditQuery.ALL));
      assertTrue(cache.stats().bytesOnDisk() >= size);
    }
    assertEquals(800, rowsInFile());
  }

  @Test
  void aChangedEventReplacesItsEarlierVersion() throws Exception {
    List<AuditEvent> events = TestEvents.random(50, 2, NOW);
    AuditEvent first = events.get(0);
    AuditEvent changed =
        dev.auditdesk.format.AuditEventJson.parse(
            first.rawJson().replace("\"is_deleted\":false", "\"is_deleted\":true"));
    try (H2AuditCache cache = open()) {
      cache.upsert(events);
      assertEquals(0, cache.upsert(List.of(changed)));
      assertEquals(50, cache.total());
      List<AuditEvent> found =
          cache.page(
              AuditQuery.ALL.withRequestId(first.requestId()), SortOrder.NEWEST_FIRST, 0, 10);
      assertEquals(1, found.size());
      assertTrue(found.get(0).deleted());
    }
  }

  @Test
  void everyFilterAndSortAnswersLikeTheObviousImplementation() throws Exception {
    List<AuditEvent> events = TestEvents.random(6_000, 3, NOW);
    try (H2AuditCache cache = open()) {
      // In pieces, as sync writes them, so the time order is merged incrementally.
      for (int i = 0; i < events.size(); i += 700) {
        cache.upsert(events.subList(i, Math.min(events.size(), i + 700)));
      }
      checkQueries(cache, events, 4);
    }
    try (H2AuditCache reopened = open()) {
      checkQueries(reopened, events, 5);
    }
  }

  @Test
  void columnsThatOutgrowOneByteCodesAnswerLikeTheObviousImplementation() throws Exception {
    // 400 targets: the target column widens from bytes to shorts during the first upsert.
    List<AuditEvent> events = TestEvents.manyTargets(4_000, 21, NOW, 400);
    try (H2AuditCache cache = open()) {
      for (int i = 0; i < events.size(); i += 700) {
        cache.upsert(events.subList(i, Math.min(events.size(), i + 700)));
      }
      checkQueries(cache, events, 22);
      AuditQuery one = AuditQuery.ALL.with(Facet.RESOURCE_TARGET, Set.of("target-399"));
      assertEquals(Reference.ids(events, one, SortOrder.NEWEST_FIRST).size(), cache.count(one));
    }
    try (H2AuditCache reopened = open()) {
      assertEquals(4_000, reopened.rowsReadFromIndexFile());
      checkQueries(reopened, events, 23);
    }
  }

  @Test
  void queriesOverSeveralChunksOfRowsAnswerLikeTheObviousImplementation() throws Exception {
    // The columns are scanned 65,536 rows at a time: 70,000 rows end in a partial second chunk.
    List<AuditEvent> events = TestEvents.random(70_000, 31, NOW);
    try (H2AuditCache cache = open()) {
      for (int i = 0; i < events.size(); i += 10_000) {
        cache.upsert(events.subList(i, Math.min(events.size(), i + 10_000)));
      }
      // Counts, first pages and every filter list; whole pages are the other tests' work.
      for (AuditQuery q : queries(events)) {
        List<String> expected = Reference.ids(events, q, SortOrder.NEWEST_FIRST);
        assertEquals(expected.size(), cache.count(q), "count " + q);
        assertEquals(
            expected.subList(0, Math.min(expected.size(), 100)),
            ids(cache.page(q, SortOrder.NEWEST_FIRST, 0, 100)),
            "first page " + q);
        Map<Facet, List<FacetValue>> together = cache.facetValues(List.of(Facet.values()), q);
        for (Facet f : Facet.values()) {
          assertEquals(Reference.facet(events, f, q), together.get(f), f + " " + q);
        }
      }
    }
  }

  static void checkQueries(H2AuditCache cache, List<AuditEvent> events, long seed) {
    Random r = new Random(seed);
    for (AuditQuery q : queries(events)) {
      checkQuery(cache, events, q, r);
    }
    for (SortColumn c : SortColumn.values()) {
      for (boolean asc : new boolean[] {true, false}) {
        SortOrder o = new SortOrder(c, asc);
        AuditQuery q = AuditQuery.ALL.with(Facet.ACTION, Set.of("write", "login"));
        List<String> sorted = Reference.ids(events, q, o);
        assertEquals(sorted.subList(0, 40), ids(cache.page(q, o, 0, 40)), o.toString());
        assertEquals(sorted.subList(600, 640), ids(cache.page(q, o, 600, 40)), o.toString());
      }
    }
  }

  /** Every kind of filter alone, and the filter lists chosen together as a user does. */
  private static List<AuditQuery> queries(List<AuditEvent> events) {
    AuditEvent some = events.get(17);
    List<AuditQuery> queries = new ArrayList<>();
    queries.add(AuditQuery.ALL);
    queries.add(AuditQuery.ALL.with(Facet.ACTION, Set.of("create")));
    queries.add(AuditQuery.ALL.with(Facet.ACTION, Set.of("create", "delete")));
    queries.add(
        AuditQuery.ALL
            .with(Facet.USER, Set.of("alice"))
            .with(Facet.RESOURCE_TYPE, Set.of("workspace")));
    queries.add(AuditQuery.ALL.with(Facet.USER, Set.of("")));
    queries.add(AuditQuery.ALL.with(Facet.RESOURCE_TARGET, Set.of("Main Template")));
    queries.add(AuditQuery.ALL.with(Facet.ORGANIZATION, Set.of("acme")));
    queries.add(AuditQuery.ALL.with(Facet.ORGANIZATION, Set.of("ACME")));
    queries.add(AuditQuery.ALL.with(Facet.ACTION, Set.of("no-such-action")));
    queries.add(AuditQuery.ALL.withEmails(Set.of("bob@example.com")));
    queries.add(AuditQuery.ALL.withBuildReasons(Set.of("autostart")));
    queries.add(AuditQuery.ALL.withResourceId(some.resourceId()));
    queries.add(AuditQuery.ALL.withRequestId(some.requestId()));
    queries.add(AuditQuery.ALL.withText("template"));
    queries.add(AuditQuery.ALL.withText("ALICE dev"));
    queries.add(AuditQuery.ALL.withText("logged in"));
    queries.add(AuditQuery.ALL.withText("nothing-like-this"));
    queries.add(
        AuditQuery.ALL.withRange(
            new DateRange(NOW.minus(2, ChronoUnit.HOURS), NOW.minusSeconds(600))));
    queries.add(AuditQuery.ALL.withRange(new DateRange(some.time(), some.time().plusSeconds(1))));
    queries.add(
        AuditQuery.ALL
            .with(Facet.ACTION, Set.of("start", "stop"))
            .withRange(new DateRange(NOW.minus(3, ChronoUnit.HOURS), null))
            .withText("ws"));
    // Several filter lists chosen at once: each list is counted under the others only.
    queries.add(
        AuditQuery.ALL
            .with(Facet.ACTION, Set.of("create", "start", "login"))
            .with(Facet.USER, Set.of("alice", "bob"))
            .with(Facet.RESOURCE_TYPE, Set.of("workspace", "user")));
    queries.add(
        AuditQuery.ALL
            .with(Facet.USER, Set.of("alice"))
            .withEmails(Set.of("alice@example.com", "bob@example.com"))
            .with(Facet.ACTION, Set.of("create")));
    queries.add(
        AuditQuery.ALL
            .with(Facet.ORGANIZATION, Set.of("acme"))
            .with(Facet.RESOURCE_TARGET, Set.of("Main Template", "dev-box"))
            .withText("a"));
    queries.add(
        AuditQuery.ALL
            .with(Facet.ACTION, Set.of("no-such-action"))
            .with(Facet.USER, Set.of("alice")));
    queries.add(
        AuditQuery.ALL
            .with(Facet.RESOURCE_TYPE, Set.of("workspace"))
            .withRange(new DateRange(events.get(events.size() / 2).time(), null)));
    return queries;
  }

  private static void checkQuery(
      H2AuditCache cache, List<AuditEvent> events, AuditQuery q, Random r) {
    List<String> expected = Reference.ids(events, q, SortOrder.NEWEST_FIRST);
    assertEquals(expected.size(), cache.count(q), "count " + q);
    assertEquals(expected, ids(cache.page(q, SortOrder.NEWEST_FIRST, 0, 100_000)), "all " + q);
    int off = expected.size() / 2;
    assertEquals(
        expected.subList(off, Math.min(expected.size(), off + 25)),
        ids(cache.page(q, SortOrder.NEWEST_FIRST, off, 25)),
        "middle page " + q);
    assertEquals(
        expected.subList(0, Math.min(expected.size(), 50)),
        ids(cache.page(q, SortOrder.NEWEST_FIRST, 0, 50)),
        "first page " + q);
    SortOrder other =
        new SortOrder(SortColumn.values()[r.nextInt(SortColumn.values().length)], r.nextBoolean());
    List<String> sorted = Reference.ids(events, q, other);
    assertEquals(sorted, ids(cache.page(q, other, 0, 100_000)), other + " " + q);
    for (Facet f : Facet.values()) {
      assertEquals(Reference.facet(events, f, q), cache.facetValues(f, q), f + " " + q);
    }
    Map<Facet, List<FacetValue>> together = cache.facetValues(List.of(Facet.values()), q);
    for (Facet f : Facet.values()) {
      assertEquals(Reference.facet(events, f, q), together.get(f), "together: " + f + " " + q);
    }
  }

  @Test
  void histogramCountsEventsAndFailuresPerBucket() throws Exception {
    List<AuditEvent> events = TestEvents.random(3_000, 6, NOW);
    try (H2AuditCache cache = open()) {
      cache.upsert(events);
      AuditQuery q = AuditQuery.ALL.with(Facet.ACTION, Set.of("login", "start"));
      Histogram h = cache.histogram(q, Duration.ofMinutes(10));
      long width = Duration.ofMinutes(10).toSeconds();
      Map<Long, long[]> expected = new HashMap<>();
      for (AuditEvent e : events) {
        if (Reference.matches(e, q)) {
          long[] b =
              expected.computeIfAbsent(
                  Math.floorDiv(e.time().getEpochSecond(), width) * width, k -> new long[2]);
          b[0]++;
          if (e.failed()) {
            b[1]++;
          }
        }
      }
      long total = 0;
      for (Histogram.Bucket b : h.buckets()) {
        long[] e = expected.getOrDefault(b.start().getEpochSecond(), new long[2]);
        assertEquals(e[0], b.total(), "bucket " + b.start());
        assertEquals(e[1], b.failed(), "failed in " + b.start());
        total += b.total();
      }
      assertEquals(Reference.ids(events, q, SortOrder.NEWEST_FIRST).size(), total);
      assertTrue(h.buckets().get(0).total() > 0);
    }
  }

  @Test
  void forEachStreamsEveryMatchingEventInOrderWithItsOriginalJson() throws Exception {
    List<AuditEvent> events = TestEvents.random(4_321, 7, NOW);
    try (H2AuditCache cache = open()) {
      cache.upsert(events);
      AuditQuery q = AuditQuery.ALL.with(Facet.RESOURCE_TYPE, Set.of("workspace", "template"));
      List<AuditEvent> seen = new ArrayList<>();
      cache.forEach(q, SortOrder.NEWEST_FIRST, seen::add);
      assertEquals(Reference.ids(events, q, SortOrder.NEWEST_FIRST), ids(seen));
      Map<String, String> raw =
          events.stream().collect(Collectors.toMap(AuditEvent::id, AuditEvent::rawJson));
      for (AuditEvent e : seen) {
        assertEquals(raw.get(e.id()), e.rawJson());
      }
    }
  }

  @Test
  void eventsWithoutOriginalJsonAreStoredFromTheirFields() throws Exception {
    AuditEvent typed =
        new AuditEvent(
            "ev-1",
            "req-1",
            NOW,
            "",
            null,
            "1.2.3.4",
            "ua",
            "workspace",
            "res-1",
            "box",
            "",
            "",
            "create",
            List.of(),
            201,
            "{\"build_reason\":\"initiator\"}",
            "{user} created {target}",
            false,
            new dev.auditdesk.model.Actor("u1", "zoe", "zoe@x.io", "Zoe"),
            "initiator",
            "");
    try (H2AuditCache cache = open()) {
      cache.upsert(List.of(typed));
      AuditEvent back = cache.page(AuditQuery.ALL, SortOrder.NEWEST_FIRST, 0, 1).get(0);
      assertEquals("ev-1", back.id());
      assertEquals("zoe", back.actor().username());
      assertEquals("box", back.resourceTarget());
      assertEquals(NOW, back.time());
      assertEquals(201, back.statusCode());
      assertFalse(back.rawJson().isEmpty());
    }
  }

  @Test
  void statsAndSyncStateSurviveClosingTheApp() throws Exception {
    List<AuditEvent> events = TestEvents.random(300, 8, NOW);
    SyncState state =
        SyncState.NEVER
            .withHistory(false)
            .withLastSync(NOW)
            .withServerOldest(NOW.minusSeconds(5000))
            .withServerVersion("v2.20.0");
    try (H2AuditCache cache = open()) {
      cache.upsert(events, state);
    }
    try (H2AuditCache cache = open()) {
      assertEquals(state, cache.syncState());
      CacheStats s = cache.stats();
      assertEquals(300, s.events());
      assertEquals(events.stream().map(AuditEvent::time).max(Instant::compareTo).get(), s.newest());
      assertEquals(events.stream().map(AuditEvent::time).min(Instant::compareTo).get(), s.oldest());
      assertEquals(NOW.minusSeconds(5000), s.serverOldest());
      assertEquals(NOW, s.lastSync());
      assertTrue(s.bytesOnDisk() > 0);
    }
  }

  @Test
  void queriesKeepAnsweringWhileSyncWrites() throws Exception {
    List<AuditEvent> events = TestEvents.random(20_000, 9, NOW);
    try (H2AuditCache cache = open()) {
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread reader =
          new Thread(
              () -> {
                long last = 0;
                try {
                  while (last < events.size()) {
                    long c = cache.count(AuditQuery.ALL.with(Facet.ACTION, Set.of("login")));
                    long all = cache.count(AuditQuery.ALL);
                    List<AuditEvent> page =
                        cache.page(AuditQuery.ALL, SortOrder.NEWEST_FIRST, all / 2, 50);
                    cache.facetValues(Facet.USER, AuditQuery.ALL);
                    if (all < last || c > all || page.size() > 50) {
                      throw new AssertionError("went backwards: " + all + " after " + last);
                    }
                    last = all;
                  }
                } catch (Throwable t) {
                  failure.set(t);
                }
              });
      reader.start();
      for (int i = 0; i < events.size(); i += 500) {
        cache.upsert(events.subList(i, i + 500));
      }
      reader.join(60_000);
      if (failure.get() != null) {
        throw new AssertionError(failure.get());
      }
      assertEquals(20_000, cache.total());
    }
  }

  @Test
  void threadsInterruptedMidReadOrMidWriteDoNotBreakTheCache() throws Exception {
    List<AuditEvent> events = TestEvents.random(30_000, 10, NOW);
    long extra;
    try (H2AuditCache cache = open()) {
      for (int i = 0; i < events.size(); i += 5_000) {
        cache.upsert(events.subList(i, i + 5_000));
      }
      cache.checkpoint();
      java.util.concurrent.atomic.AtomicBoolean stop =
          new java.util.concurrent.atomic.AtomicBoolean();
      java.util.concurrent.atomic.AtomicInteger queries =
          new java.util.concurrent.atomic.AtomicInteger();
      Thread reader =
          new Thread(
              () -> {
                Random r = new Random();
                // H2 swallows the interrupt after recovering; the stop flag ends the loop.
                while (!stop.get()) {
                  try {
                    cache.page(
                        AuditQuery.ALL,
                        new SortOrder(SortColumn.RESOURCE_TARGET, r.nextBoolean()),
                        r.nextInt(29_000),
                        500);
                    queries.incrementAndGet();
                  } catch (IllegalStateException e) {
                    Thread.interrupted(); // interrupted while waiting for a connection
                  }
                }
              });
      reader.start();
      for (int round = 0; round < 40 || (queries.get() < 20 && round < 2_000); round++) {
        Thread.sleep(15);
        reader.interrupt();
      }
      stop.set(true);
      reader.join();
      assertTrue(queries.get() > 0);
      assertEquals(30_000, cache.page(AuditQuery.ALL, SortOrder.NEWEST_FIRST, 0, 100_000).size());
      assertEquals(100, cache.upsert(TestEvents.random(100, 11, NOW)));
      // A writer interrupted mid-commit (closing the window stops a running sync so) keeps every
      // batch its upsert said it saved.
      java.util.concurrent.atomic.AtomicLong saved = new java.util.concurrent.atomic.AtomicLong();
      Thread writer =
          new Thread(
              () -> {
                for (int batch = 0; batch < 20; batch++) {
                  try {
                    saved.addAndGet(cache.upsert(TestEvents.random(500, 100 + batch, NOW)));
                  } catch (CacheException | RuntimeException e) {
                    Thread.interrupted(); // refused before it wrote: nothing is claimed saved
                  }
                }
              });
      writer.start();
      while (writer.isAlive()) {
        Thread.sleep(5);
        writer.interrupt();
      }
      writer.join();
      extra = saved.get();
      assertTrue(extra > 0, "some batches were saved while being interrupted");
      assertEquals(30_100 + extra, cache.total());
    }
    try (H2AuditCache again = open()) {
      assertEquals(30_100 + extra, again.total());
      assertEquals(
          30_100 + extra, again.page(AuditQuery.ALL, SortOrder.NEWEST_FIRST, 0, 100_000).size());
    }
  }

  private long rowsInFile() throws Exception {
    Path db = CacheStore.folderFor(root, DEPLOYMENT).resolve("cache");
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db, "sa", "");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM event")) {
      r.next();
      return r.getLong(1);
    }
  }

  static List<String> ids(List<AuditEvent> events) {
    return events.stream().map(AuditEvent::id).collect(Collectors.toList());
  }

  @Test
  void reopeningReadsTheSavedIndexFileAndAnswersExactlyAsBefore() throws Exception {
    List<AuditEvent> events = TestEvents.random(6_000, 11, NOW);
    try (H2AuditCache cache = open()) {
      cache.upsert(events.subList(0, 4_000));
      cache.upsert(events.subList(4_000, 6_000));
      assertEquals(0, cache.rowsReadFromIndexFile());
    }
    try (H2AuditCache reopened = open()) {
      assertEquals(6_000, reopened.rowsReadFromIndexFile());
      checkQueries(reopened, events, 12);
      // The id keys came from the file too: known events are recognised, not added again.
      assertEquals(0, reopened.upsert(events.subList(0, 500)));
      assertEquals(6_000, reopened.total());
    }
  }

  @Test
  void aCacheFilledInTimeOrderSavesItsTimeOrderInAFewBytes() throws Exception {
    List<AuditEvent> events = new ArrayList<>(TestEvents.random(6_000, 31, NOW));
    events.sort(java.util.Comparator.comparing(AuditEvent::time).thenComparing(AuditEvent::id));
    // One page newest first, as a sync of a day window may write it: a run going down.
    java.util.Collections.reverse(events.subList(2_000, 3_000));
    List<AuditEvent> shuffled = new ArrayList<>(events);
    java.util.Collections.shuffle(shuffled, new Random(32));
    Deployment other = Deployment.parse("https://other.example.com");
    try (H2AuditCache inOrder = open();
        H2AuditCache anyOrder = CacheStore.open(root, other, CacheStore.OpenMode.READ_WRITE)) {
      inOrder.upsert(events.subList(0, 3_000));
      inOrder.upsert(events.subList(3_000, 6_000));
      anyOrder.upsert(shuffled);
    }
    Path file = CacheStore.folderFor(root, DEPLOYMENT).resolve(IndexFile.NAME);
    long saved =
        java.nio.file.Files.size(CacheStore.folderFor(root, other).resolve(IndexFile.NAME))
            - java.nio.file.Files.size(file);
    assertTrue(saved > 4 * 6_000 - 100, "the time order takes a few runs, not 4 bytes a row");
    IndexFile.Columns read = IndexFile.read(file, d -> {});
    assertTrue(read != null && read.byTime() != null, "the order reads back whole");
    int[] order = read.byTime();
    for (int k = 1; k < order.length; k++) {
      assertFalse(
          events.get(order[k]).time().isAfter(events.get(order[k - 1]).time()),
          "newest first at " + k);
    }
    try (H2AuditCache reopened = open()) {
      assertEquals(6_000, reopened.rowsReadFromIndexFile());
      checkQueries(reopened, events, 33);
    }
  }

  @Test
  void aCacheOpenedFromItsIndexFileTakesChangedAndNewEventsAndAnswersExactly() throws Exception {
    List<AuditEvent> events = new ArrayList<>(TestEvents.random(7_000, 21, NOW));
    try (H2AuditCache cache = open()) {
      cache.upsert(events.subList(0, 6_000));
    }
    // The server sends event 17 again with another time and request id, plus events not seen yet.
    AuditEvent old = events.get(17);
    String request = "99999999-8888-7777-6666-555555555555";
    AuditEvent changed =
        dev.auditdesk.format.AuditEventJson.parse(
            old.rawJson()
                .replace(old.timeText(), NOW.minusSeconds(5).toString())
                .replace(old.requestId(), request));
    events.set(17, changed);
    try (H2AuditCache reopened = open()) {
      assertEquals(6_000, reopened.rowsReadFromIndexFile());
      assertEquals(1_000, reopened.upsert(events.subList(6_000, 7_000)));
      reopened.upsert(List.of(changed));
      checkQueries(reopened, events, 22);
      assertEquals(
          List.of(changed.id()),
          ids(reopened.page(AuditQuery.ALL.withRequestId(request), SortOrder.NEWEST_FIRST, 0, 10)));
      assertEquals(0, reopened.count(AuditQuery.ALL.withRequestId(old.requestId())));
    }
    try (H2AuditCache again = open()) {
      assertEquals(7_000, again.total());
      checkQueries(again, events, 23);
    }
  }

  @Test
  void aDamagedIndexFileIsIgnoredAndTheIndexIsRebuiltFromH2() throws Exception {
    List<AuditEvent> events = TestEvents.random(3_000, 13, NOW);
    try (H2AuditCache cache = open()) {
      cache.upsert(events);
    }
    Path file = CacheStore.folderFor(root, DEPLOYMENT).resolve(IndexFile.NAME);
    byte[] bytes = java.nio.file.Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x40;
    java.nio.file.Files.write(file, bytes);
    try (H2AuditCache reopened = open()) {
      assertEquals(0, reopened.rowsReadFromIndexFile());
      checkQueries(reopened, events, 14);
    }
    java.nio.file.Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 100));
    try (H2AuditCache reopened = open()) {
      assertEquals(0, reopened.rowsReadFromIndexFile());
      assertEquals(3_000, reopened.total());
    }
  }

  /**
   * The index file is read beside the dictionaries and its keys checksummed through a mapping: a
   * flipped byte in any part (times, mapped keys, time order, codes) is still caught, and so is a
   * code without a dictionary value under a checksum that matches.
   */
  @Test
  void aByteFlippedAnywhereInTheIndexFileOrACodeWithoutAValueIsCaught() throws Exception {
    List<AuditEvent> events = TestEvents.random(3_000, 31, NOW);
    try (H2AuditCache cache = open()) {
      cache.upsert(events);
    }
    Path file = CacheStore.folderFor(root, DEPLOYMENT).resolve(IndexFile.NAME);
    int n = 3_000;
    // The header, then the dictionaries: their length, then theirs.
    long dictionaries =
        java.nio.ByteBuffer.wrap(java.nio.file.Files.readAllBytes(file)).getLong(24);
    int header = 24 + 8 + (int) dictionaries;
    int[] places = {
      24 + 8 + 4 + 4 + 1, // a letter of the first action
      header - 2, // a letter of the last description
      header + 8 * 10, // a time
      header + 8 * n + 8 * 100, // an id key (mapped, not read onto the heap)
      header + 8 * n + 24 * n + 5, // a resource key
      header + 40 * n + 4 * 7, // the time order
      -8 - 20, // a code of the last column
      -3 // the checksum itself
    };
    for (int at : places) {
      // Each open that rebuilt the index saves a good file again at close, under a new stamp.
      byte[] bytes = java.nio.file.Files.readAllBytes(file);
      int i = at < 0 ? bytes.length + at : at;
      bytes[i] ^= 0x10;
      java.nio.file.Files.write(file, bytes);
      try (H2AuditCache reopened = open()) {
        assertEquals(0, reopened.rowsReadFromIndexFile(), "flipped at " + i);
        assertEquals(0, reopened.valuesReadFromIndexFile(), "flipped at " + i);
        checkQueries(reopened, events, i);
      }
    }
    byte[] bytes = java.nio.file.Files.readAllBytes(file);
    bytes[bytes.length - 8 - 1] = (byte) 0xFE; // past the end of the description's dictionary
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(bytes, 0, bytes.length - 8);
    java.nio.ByteBuffer.wrap(bytes, bytes.length - 8, 8).putLong(crc.getValue());
    java.nio.file.Files.write(file, bytes);
    try (H2AuditCache reopened = open()) {
      assertEquals(0, reopened.rowsReadFromIndexFile(), "a code without a value");
      checkQueries(reopened, events, 32);
    }
    try (H2AuditCache reopened = open()) {
      assertEquals(3_000, reopened.rowsReadFromIndexFile(), "the file saved again is used");
    }
  }

  @Test
  void eventsSyncedAfterTheIndexFileWasSavedAreReadFromH2AfterACrash() throws Exception {
    List<AuditEvent> events = TestEvents.random(5_000, 15, NOW);
    Path crashed = root.resolve("crashed");
    try (H2AuditCache cache = open()) {
      cache.upsert(events.subList(0, 3_000));
      cache.writeIndexFile();
      cache.upsert(events.subList(3_000, 5_000));
      cache.checkpoint();
      copyFolder(cache.folder(), CacheStore.folderFor(crashed, DEPLOYMENT));
    }
    try (H2AuditCache afterCrash =
        CacheStore.open(crashed, DEPLOYMENT, CacheStore.OpenMode.READ_WRITE)) {
      assertEquals(3_000, afterCrash.rowsReadFromIndexFile());
      checkQueries(afterCrash, events, 16);
    }
  }

  @Test
  void aChangedEventMakesTheSavedIndexFileUnusable() throws Exception {
    List<AuditEvent> events = TestEvents.random(2_000, 17, NOW);
    AuditEvent first = events.get(0);
    AuditEvent moved =
        dev.auditdesk.format.AuditEventJson.parse(
            first.rawJson().replace(first.timeText(), NOW.plusSeconds(3600).toString()));
    Path crashed = root.resolve("crashed");
    try (H2AuditCache cache = open()) {
      cache.upsert(events);
      cache.writeIndexFile();
      cache.upsert(List.of(moved));
      cache.checkpoint();
      copyFolder(cache.folder(), CacheStore.folderFor(crashed, DEPLOYMENT));
    }
    try (H2AuditCache afterCrash =
        CacheStore.open(crashed, DEPLOYMENT, CacheStore.OpenMode.READ_WRITE)) {
      assertEquals(0, afterCrash.rowsReadFromIndexFile());
      List<AuditEvent> newest = afterCrash.page(AuditQuery.ALL, SortOrder.NEWEST_FIRST, 0, 1);
      assertEquals(first.id(), newest.get(0).id());
      assertEquals(NOW.plusSeconds(3600), newest.get(0).time());
    }
  }

  @Test
  void idsThatShareTheirFirstDigitsAreStillRecognisedAsCached() throws Exception {
    List<AuditEvent> events = new ArrayList<>();
    for (AuditEvent e : TestEvents.random(3_000, 19, NOW)) {
      String id = String.format("00000000-0000-0000-0000-%012d", events.size());
      events.add(dev.auditdesk.format.AuditEventJson.parse(e.rawJson().replace(e.id(), id)));
    }
    try (H2AuditCache cache = open()) {
      assertEquals(3_000, cache.upsert(events));
      assertEquals(0, cache.upsert(events));
    }
    try (H2AuditCache reopened = open()) {
      assertEquals(0, reopened.upsert(events.subList(1_000, 2_500)));
      assertEquals(3_000, reopened.total());
    }
  }

  @Test
  void aConsumerThatStopsForEachMidwayLeavesTheCacheWorking() throws Exception {
    List<AuditEvent> events = TestEvents.random(12_000, 21, NOW);
    try (H2AuditCache cache = open()) {
      cache.upsert(events);
      for (int round = 0; round < 5; round++) {
        int[] seen = {0};
        IllegalStateException stop =
            org.junit.jupiter.api.Assertions.assertThrows(
                IllegalStateException.class,
                () ->
                    cache.forEach(
                        AuditQuery.ALL,
                        SortOrder.NEWEST_FIRST,
                        e -> {
                          if (++seen[0] == 3_000) {
                            throw new IllegalStateException("cancelled");
                          }
                        }));
        assertEquals("cancelled", stop.getMessage());
      }
      List<AuditEvent> all = new ArrayList<>();
      cache.forEach(AuditQuery.ALL, SortOrder.NEWEST_FIRST, all::add);
      assertEquals(Reference.ids(events, AuditQuery.ALL, SortOrder.NEWEST_FIRST), ids(all));
      assertEquals(100, cache.page(AuditQuery.ALL, SortOrder.NEWEST_FIRST, 5_000, 100).size());
      Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t.getName().startsWith("audit-cache-"))
          .forEach(t -> assertFalse(t.isAlive(), t.getName() + " still runs"));
    }
  }

  static void copyFolder(Path from, Path to) throws java.io.IOException {
    java.nio.file.Files.createDirectories(to);
    try (var files = java.nio.file.Files.list(from)) {
      for (Path f : files.toList()) {
        java.nio.file.Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }
}
