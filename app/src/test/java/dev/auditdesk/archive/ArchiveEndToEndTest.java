package dev.auditdesk.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheException;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.coder.CoderClient;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoQuirks;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.export.ExportFormat;
import dev.auditdesk.export.ExportListener;
import dev.auditdesk.export.ExportResult;
import dev.auditdesk.export.Exporter;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Completeness;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.DayCheck;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.SortColumn;
import dev.auditdesk.model.SortOrder;
import dev.auditdesk.sync.SyncEngine;
import dev.auditdesk.sync.SyncResult;
import dev.auditdesk.sync.SyncSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The team archive end to end on a real PostgreSQL started by the test: the schema from its
 * migrations, the same reconciled sync as the H2 cache's from the demo server over HTTP, and every
 * query the window makes answering exactly what the H2 cache (synced from the same server) answers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ArchiveEndToEndTest {

  static final SyncSettings FAST =
      SyncSettings.defaults()
          .withPageSize(500)
          .withRetries(6, Duration.ofMillis(20), Duration.ofMillis(200));

  @TempDir static Path root;
  static DemoServer server;
  static ArchiveUrl url;
  static int firstInit;
  static PostgresArchive archive;
  static H2AuditCache h2;
  static SyncResult firstSync;
  static final List<AutoCloseable> open = new ArrayList<>();

  @BeforeAll
  static void syncTheDemoServerIntoBoth() throws Exception {
    server =
        DemoServer.start(
            DemoConfig.defaults()
                .withEvents(4_000)
                .withSeed(11)
                .withPort(0)
                .withQuirks(DemoQuirks.REAL.withShuffledTies(true).withBurst(700)));
    open.add(server);
    url = TestPostgres.get().newDatabase();
    firstInit = PostgresArchive.init(url);
    archive = PostgresArchive.open(url);
    open.add(archive);
    h2 = CacheStore.open(root, new Deployment(server.url(), ""), CacheStore.OpenMode.READ_WRITE);
    open.add(h2);
    firstSync = sync(archive);
    sync(h2);
  }

  static SyncResult sync(AuditCache cache) throws Exception {
    try (CoderClient c = CoderClient.create(new Deployment(server.url(), ""))) {
      c.login(server.email(), DemoServer.PASSWORD.toCharArray());
      if (cache instanceof PostgresArchive a) {
        a.rememberDeployment(new Deployment(server.url(), server.deploymentId()), "test");
      }
      return new SyncEngine(c, cache, FAST).run(null, null);
    }
  }

  @AfterAll
  static void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  static Set<String> ids(AuditCache cache) {
    Set<String> ids = new HashSet<>();
    cache.forEach(AuditQuery.ALL, SortOrder.NEWEST_FIRST, e -> ids.add(e.id()));
    return ids;
  }

  @Test
  @Order(1)
  void initCreatesTheSchemaOnceAndAgainChangesNothing() throws Exception {
    assertEquals(
        4,
        firstInit,
        "the first init applies migrations 1 to 4 (hash chain, day counts, text values)");
    assertEquals(0, PostgresArchive.init(url), "a second init finds the schema up to date");
  }

  @Test
  @Order(2)
  void theSyncLeavesExactlyTheServersEventsAndAVerifiedRecordOfEveryDay() {
    assertEquals(server.visibleIds(), ids(archive));
    assertEquals(server.visibleIds().size(), firstSync.newEvents());
    Completeness c = archive.completeness();
    assertTrue(c.complete(), "proven complete: " + c);
    for (Map.Entry<LocalDate, Long> day : server.visibleEventsPerDay().entrySet()) {
      DayCheck d = archive.dayChecks().get(day.getKey());
      assertNotNull(d, "no record for " + day.getKey());
      assertTrue(d.verified(), day.getKey() + " is " + d);
      assertEquals(day.getValue(), d.serverCount());
      assertEquals(day.getValue(), d.cacheCount());
    }
    assertTrue(archive.syncState().historyComplete());
    assertEquals(server.deploymentId(), archive.deployment().deploymentId());
  }

  /** Filters a reviewer uses, alone and together. */
  static List<AuditQuery> queries() {
    AuditEvent any = archive.page(AuditQuery.ALL, SortOrder.NEWEST_FIRST, 1_000, 1).get(0);
    Instant mid = any.time();
    return List.of(
        AuditQuery.ALL,
        AuditQuery.ALL.with(Facet.ACTION, Set.of("create", "delete")),
        AuditQuery.ALL
            .with(Facet.RESOURCE_TYPE, Set.of(any.resourceType()))
            .with(Facet.USER, Set.of(any.actor().username())),
        AuditQuery.ALL.with(Facet.USER, Set.of(any.actor().id())),
        AuditQuery.ALL.with(Facet.ORGANIZATION, Set.of(any.organization().name())),
        AuditQuery.ALL.with(Facet.RESOURCE_TARGET, Set.of(any.resourceTarget())),
        AuditQuery.ALL.withEmails(List.of(any.actor().email().toUpperCase())),
        AuditQuery.ALL.withText("work"),
        AuditQuery.ALL.withText(any.actor().username().substring(0, 3) + " " + any.action()),
        AuditQuery.ALL.withText("100%_not\\there"),
        AuditQuery.ALL.withRange(new DateRange(mid.minus(Duration.ofDays(2)), mid)),
        AuditQuery.ALL
            .withRange(new DateRange(null, mid))
            .with(Facet.ACTION, Set.of(any.action()))
            .withText(any.resourceType().substring(0, 2)),
        AuditQuery.ALL.withRequestId(any.requestId()),
        AuditQuery.ALL.withResourceId(any.resourceId()));
  }

  @Test
  @Order(3)
  void countsFacetsAndHistogramsAreTheH2CachesForEveryFilter() {
    for (AuditQuery q : queries()) {
      assertEquals(h2.count(q), archive.count(q), "count of " + q);
      for (Facet f : Facet.values()) {
        assertEquals(h2.facetValues(f, q), archive.facetValues(f, q), f + " under " + q);
      }
      for (Duration bucket : List.of(Duration.ofHours(1), Duration.ofDays(1))) {
        assertEquals(
            h2.histogram(q, bucket).buckets(),
            archive.histogram(q, bucket).buckets(),
            "histogram of " + q);
      }
    }
    assertTrue(archive.count(queries().get(1)) > 0, "the filters are not all empty");
    assertEquals(h2.stats().events(), archive.stats().events());
    assertEquals(h2.stats().oldest(), archive.stats().oldest());
    assertEquals(h2.stats().newest(), archive.stats().newest());
    assertTrue(archive.stats().bytesOnDisk() > 0);
  }

  @Test
  @Order(4)
  void pagesReadOneAfterAnotherAndJumpsShowTheSameRowsAsTheH2Cache() {
    List<SortOrder> orders =
        List.of(
            SortOrder.NEWEST_FIRST,
            new SortOrder(SortColumn.TIME, true),
            new SortOrder(SortColumn.USER, true),
            new SortOrder(SortColumn.STATUS, false),
            new SortOrder(SortColumn.RESOURCE_TARGET, false));
    for (AuditQuery q : queries().subList(0, 4)) {
      for (SortOrder o : orders) {
        List<String> expected = idsOf(h2.page(q, o, 0, (int) h2.count(q)));
        List<String> walked = new ArrayList<>();
        for (long at = 0; ; at += 250) {
          List<AuditEvent> page = archive.page(q, o, at, 250);
          if (page.isEmpty()) {
            break;
          }
          walked.addAll(idsOf(page));
        }
        assertEquals(expected, walked, "pages of " + q + " in " + o);
        int n = expected.size();
        for (long jump : List.of(n * 3L / 4, n / 3L, n / 3L + 17, 5L)) {
          assertEquals(
              expected.subList((int) Math.min(jump, n), (int) Math.min(jump + 40, n)),
              idsOf(archive.page(q, o, jump, 40)),
              "jump to " + jump + " of " + q + " in " + o);
        }
      }
    }
  }

  @Test
  @Order(5)
  void anExportFromTheArchiveHoldsEveryMatchingEvent() throws Exception {
    AuditQuery q = queries().get(1);
    Path out = root.resolve("archive-export.ndjson");
    ExportResult r =
        Exporter.export(
            archive,
            new Exporter.Request(q, SortOrder.NEWEST_FIRST, ExportFormat.NDJSON, out),
            ExportListener.NONE);
    List<String> lines = Files.readAllLines(r.file());
    assertEquals(h2.count(q), lines.size());
    assertTrue(Files.exists(r.manifestFile()));
    assertEquals(
        idsOf(h2.page(q, SortOrder.NEWEST_FIRST, 0, (int) h2.count(q))),
        lines.stream().map(ArchiveEndToEndTest::idOf).toList());
  }

  @Test
  @Order(6)
  void aWrongPasswordIsRefusedInOneSentenceThatDoesNotRepeatIt() {
    CacheException e =
        assertThrows(
            CacheException.class,
            () -> PostgresArchive.open(url.withPassword("not-the-password-42")));
    assertTrue(e.getMessage().contains("refused the user name or password"), e.getMessage());
    assertFalse(e.getMessage().contains("not-the-password-42"));
    assertFalse(e.getMessage().contains(TestPostgres.PASSWORD));
  }

  @Test
  @Order(7)
  void anotherDeploymentIsRefusedSoTwoLogsNeverMix() {
    CacheException e =
        assertThrows(
            CacheException.class,
            () ->
                archive.rememberDeployment(
                    new Deployment(java.net.URI.create("https://other.example.com"), "other-id"),
                    "x"));
    assertTrue(e.getMessage().contains("One archive holds one deployment"), e.getMessage());
    assertEquals(server.deploymentId(), archive.deployment().deploymentId());
  }

  @Test
  @Order(8)
  void theNextSyncAddsOnlyWhatIsNew() throws Exception {
    long before = archive.total();
    server.addEvents(300);
    SyncResult r = sync(archive);
    assertEquals(300, r.newEvents());
    assertEquals(before + 300, archive.total());
    assertEquals(server.visibleIds(), ids(archive));
    assertTrue(archive.completeness().complete());
  }

  @Test
  @Order(9)
  void anAuditorsReadOnlyRoleReadsEverythingAndCannotWrite() throws Exception {
    try (java.sql.Connection c = TestPostgres.get().admin(url.database());
        java.sql.Statement st = c.createStatement()) {
      // The grants of docs/ARCHIVE.md, step 3.
      st.execute("CREATE ROLE auditor_" + url.database() + " LOGIN PASSWORD 'auditor-pw'");
      st.execute("GRANT CONNECT ON DATABASE " + url.database() + " TO auditor_" + url.database());
      st.execute("GRANT USAGE ON SCHEMA public TO auditor_" + url.database());
      st.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO auditor_" + url.database());
    }
    try (PostgresArchive ro =
        PostgresArchive.open(
            url.withUser("auditor_" + url.database()).withPassword("auditor-pw"))) {
      assertEquals(archive.total(), ro.total());
      assertEquals(
          archive.facetValues(Facet.ACTION, AuditQuery.ALL),
          ro.facetValues(Facet.ACTION, AuditQuery.ALL));
      assertTrue(ro.completeness().complete());
      AuditEvent one = ro.page(AuditQuery.ALL, SortOrder.NEWEST_FIRST, 0, 1).get(0);
      // Free text reads the text values of migration 4 too (the grant covers every table).
      AuditQuery text = AuditQuery.ALL.withText(one.resourceTarget());
      assertEquals(archive.count(text), ro.count(text), "free text counted by the auditor");
      assertEquals(
          archive.facetValues(Facet.USER, text), ro.facetValues(Facet.USER, text), "its list");
      CacheException e = assertThrows(CacheException.class, () -> ro.upsert(List.of(one)));
      assertTrue(e.getMessage().contains("read-only auditor's role cannot sync"), e.getMessage());
    }
  }

  static String idOf(String json) {
    try {
      return dev.auditdesk.format.AuditEventJson.parse(json).id();
    } catch (dev.auditdesk.format.AuditEventJson.MalformedEventException e) {
      throw new AssertionError(json, e);
    }
  }

  static List<String> idsOf(List<AuditEvent> events) {
    return events.stream().map(AuditEvent::id).toList();
  }
}
