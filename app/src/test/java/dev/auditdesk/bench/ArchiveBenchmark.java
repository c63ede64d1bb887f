package dev.auditdesk.bench;

import dev.auditdesk.archive.ArchiveUrl;
import dev.auditdesk.archive.PostgresArchive;
import dev.auditdesk.archive.TestPostgres;
import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.coder.CoderClient;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.FacetValue;
import dev.auditdesk.model.SortColumn;
import dev.auditdesk.model.SortOrder;
import dev.auditdesk.sync.SyncEngine;
import dev.auditdesk.sync.SyncResult;
import dev.auditdesk.sync.SyncSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The team archive beside the H2 cache on the same data: a demo deployment of N events synced over
 * loopback into a fresh archive (a real PostgreSQL started like the tests', see {@code
 * TestPostgres}) and into a fresh H2 cache, then the fixed filter set of {@code SyncBenchmark}
 * (count + first page of 100) on both, facets and histograms on the archive, and the disk sizes.
 *
 * <pre>
 * java -Xmx2g -cp "$CP" dev.auditdesk.bench.ArchiveBenchmark 1000000 /tmp/archive-bench
 * </pre>
 */
public final class ArchiveBenchmark {

  record Q(String name, AuditQuery q, SortOrder o, long offset) {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path work = Path.of(args.length > 1 ? args[1] : "/tmp/archive-bench");
    Files.createDirectories(work);
    BenchHeader.print("ArchiveBenchmark", events);
    TestPostgres pg = TestPostgres.get();
    ArchiveUrl db = pg.newDatabase();
    PostgresArchive.init(db);
    try (DemoServer server =
            DemoServer.start(DemoConfig.defaults().withEvents(events).withPort(0));
        PostgresArchive archive = PostgresArchive.open(db);
        H2AuditCache h2 =
            CacheStore.open(
                Files.createTempDirectory(work, "h2-"),
                new Deployment(server.url(), ""),
                CacheStore.OpenMode.READ_WRITE)) {
      archive.rememberDeployment(new Deployment(server.url(), server.deploymentId()), "bench");
      sync("archive", server, archive);
      long t = System.nanoTime();
      try (Connection c = pg.admin(db.database());
          Statement s = c.createStatement()) {
        s.execute("VACUUM ANALYZE audit_event"); // what autovacuum does after a large load
      }
      System.out.printf("VACUUM ANALYZE after the load: %.1f s%n", (System.nanoTime() - t) / 1e9);
      sync("H2 cache", server, h2);
      System.out.printf(
          "on disk: archive table + indexes %,d MiB (%d bytes per event); H2 file %,d MiB%n",
          archive.stats().bytesOnDisk() >> 20,
          archive.stats().bytesOnDisk() / Math.max(1, archive.total()),
          Files.size(h2.file()) >> 20);
      queries(archive, h2);
      extras(archive);
    }
  }

  private static void sync(String name, DemoServer server, AuditCache cache) throws Exception {
    try (CoderClient c = CoderClient.create(new Deployment(server.url(), ""))) {
      c.login(server.email(), DemoServer.PASSWORD.toCharArray());
      SyncResult r =
          new SyncEngine(c, cache, SyncSettings.defaults().withPageSize(1_000)).run(null, null);
      System.out.printf(
          "sync into the %s: %,d events in %.1f s = %,.0f events/s, complete: %s%n",
          name,
          r.newEvents(),
          r.took().toMillis() / 1e3,
          r.eventsPerSecond(),
          r.completeness().complete());
    }
  }

  private static void queries(PostgresArchive archive, H2AuditCache h2) {
    List<FacetValue> users = h2.facetValues(Facet.USER, AuditQuery.ALL);
    List<FacetValue> targets = h2.facetValues(Facet.RESOURCE_TARGET, AuditQuery.ALL);
    List<FacetValue> orgs = h2.facetValues(Facet.ORGANIZATION, AuditQuery.ALL);
    String topUser = users.get(0).value().isEmpty() ? users.get(1).value() : users.get(0).value();
    String rareUser = users.get(users.size() - 1).value();
    String target = targets.get(Math.min(5, targets.size() - 1)).value();
    var newest = h2.stats().newest();
    long n = h2.total();
    DateRange lastWeek = new DateRange(newest.minus(7, ChronoUnit.DAYS), null);
    DateRange aMonth =
        new DateRange(newest.minus(400, ChronoUnit.DAYS), newest.minus(370, ChronoUnit.DAYS));
    SortOrder newestFirst = SortOrder.NEWEST_FIRST;
    List<Q> qs =
        List.of(
            new Q("no filter", AuditQuery.ALL, newestFirst, 0),
            new Q(
                "action = start",
                AuditQuery.ALL.with(Facet.ACTION, Set.of("start")),
                newestFirst,
                0),
            new Q(
                "action in (create, delete)",
                AuditQuery.ALL.with(Facet.ACTION, Set.of("create", "delete")),
                newestFirst,
                0),
            new Q(
                "user = busiest", AuditQuery.ALL.with(Facet.USER, Set.of(topUser)), newestFirst, 0),
            new Q(
                "user = rarest", AuditQuery.ALL.with(Facet.USER, Set.of(rareUser)), newestFirst, 0),
            new Q(
                "user + resource type",
                AuditQuery.ALL
                    .with(Facet.USER, Set.of(topUser))
                    .with(Facet.RESOURCE_TYPE, Set.of("workspace_build")),
                newestFirst,
                0),
            new Q(
                "type + action + 30 days a year ago",
                AuditQuery.ALL
                    .with(Facet.RESOURCE_TYPE, Set.of("workspace"))
                    .with(Facet.ACTION, Set.of("write"))
                    .withRange(aMonth),
                newestFirst,
                0),
            new Q("last 7 days", AuditQuery.ALL.withRange(lastWeek), newestFirst, 0),
            new Q(
                "target = one workspace",
                AuditQuery.ALL.with(Facet.RESOURCE_TARGET, Set.of(target)),
                newestFirst,
                0),
            new Q("free text \"dev\"", AuditQuery.ALL.withText("dev"), newestFirst, 0),
            new Q(
                "free text \"alice create\"",
                AuditQuery.ALL.withText("alice create"),
                newestFirst,
                0),
            new Q(
                "organization + action",
                AuditQuery.ALL
                    .with(Facet.ORGANIZATION, Set.of(orgs.get(0).value()))
                    .with(Facet.ACTION, Set.of("login")),
                newestFirst,
                0),
            new Q("jump: offset n/2", AuditQuery.ALL, newestFirst, n / 2),
            new Q("jump: offset n - 1,000", AuditQuery.ALL, newestFirst, n - 1_000),
            new Q("sort by user A-Z", AuditQuery.ALL, new SortOrder(SortColumn.USER, true), 0),
            new Q(
                "sort by status, action = login",
                AuditQuery.ALL.with(Facet.ACTION, Set.of("login")),
                new SortOrder(SortColumn.STATUS, false),
                0),
            new Q("oldest first", AuditQuery.ALL, new SortOrder(SortColumn.TIME, true), 0));
    System.out.println(
        "| query | matches | H2 median (ms) | archive first run (ms) | archive median of 5 (ms) |");
    System.out.println("|---|---:|---:|---:|---:|");
    for (Q q : qs) {
      double[] a = run(archive, q);
      double[] h = run(h2, q);
      System.out.printf(
          "| %s | %,d | %.1f | %.1f | %.1f |%n", q.name(), (long) a[0], h[2], a[1], a[2]);
    }
    // The next page after one the window showed: the keyset, not OFFSET.
    Q middle = new Q("", AuditQuery.ALL, newestFirst, n / 2);
    archive.page(middle.q(), middle.o(), middle.offset(), 100);
    double[] next = new double[5];
    for (int i = 0; i < 5; i++) {
      long at = middle.offset() + 100L * (i + 1);
      next[i] = ms(() -> archive.page(middle.q(), middle.o(), at, 100));
    }
    System.out.printf("| next page after a page at n/2 (keyset) | | | | %.1f |%n", median(next));
  }

  /** {matches, first run ms, median of the next 5 ms} of count + first page of 100. */
  private static double[] run(AuditCache c, Q q) {
    long[] count = {0};
    double first = 0;
    double[] times = new double[5];
    for (int i = 0; i < 6; i++) {
      double t =
          ms(
              () -> {
                count[0] = c.count(q.q());
                return c.page(q.q(), q.o(), q.offset(), 100);
              });
      if (i == 0) {
        first = t;
      } else {
        times[i - 1] = t;
      }
    }
    return new double[] {count[0], first, median(times)};
  }

  private static void extras(PostgresArchive archive) {
    AuditQuery some = AuditQuery.ALL.with(Facet.ACTION, Set.of("start", "stop"));
    for (Facet f : List.of(Facet.ACTION, Facet.USER, Facet.RESOURCE_TARGET)) {
      System.out.printf(
          "archive facet %s, no filter: %.1f ms; under action in (start, stop): %.1f ms%n",
          f,
          ms(() -> archive.facetValues(f, AuditQuery.ALL)),
          ms(() -> archive.facetValues(f, some)));
    }
    System.out.printf(
        "archive histogram per day, all events: %.1f ms; per hour, action = login: %.1f ms%n",
        ms(() -> archive.histogram(AuditQuery.ALL, Duration.ofDays(1))),
        ms(
            () ->
                archive.histogram(
                    AuditQuery.ALL.with(Facet.ACTION, Set.of("login")), Duration.ofHours(1))));
    long[] rows = {0};
    double all =
        ms(
            () -> {
              archive.forEach(AuditQuery.ALL, SortOrder.NEWEST_FIRST, e -> rows[0]++);
              return null;
            });
    System.out.printf("archive forEach (export path): %,d events in %.1f s%n", rows[0], all / 1e3);
  }

  private static double ms(Supplier<?> s) {
    long t = System.nanoTime();
    s.get();
    return (System.nanoTime() - t) / 1e6;
  }

  private static double median(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    return c[c.length / 2];
  }
}
