package dev.auditdesk.bench;

import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.cache.Histogram;
import dev.auditdesk.coder.CoderClient;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.AuditEvent;
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
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Syncs a demo deployment (default 1,000,000 events) over loopback into a fresh cache, then times
 * what the window asks of it: count + first page for many filter combinations, deep pages, other
 * sort orders, facet values, histograms, streaming every event (export), and the heap it needs.
 *
 * <p>Run: {@code ./mvnw -q -o -pl app -am test-compile && java -Xmx1g -cp ...
 * dev.auditdesk.bench.SyncBenchmark [events] [pageSize]} (see docs/PERFORMANCE.md).
 */
public final class SyncBenchmark {

  private SyncBenchmark() {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int pageSize = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    Path root = Files.createTempDirectory("auditdesk-bench-");
    BenchHeader.print("SyncBenchmark", events);
    System.out.printf(Locale.ROOT, "page size %d%n%n", pageSize);

    long t0 = System.nanoTime();
    DemoServer server = DemoServer.start(DemoConfig.defaults().withEvents(events).withPort(0));
    System.out.printf(Locale.ROOT, "demo server ready in %.1f s%n", secs(t0));
    Deployment d = new Deployment(server.url(), server.deploymentId());
    SyncResult r;
    long before;
    long after;
    try (CoderClient client = CoderClient.create(d);
        H2AuditCache cache = CacheStore.open(root, d, CacheStore.OpenMode.READ_WRITE)) {
      client.login(server.email(), server.password().toCharArray());
      SyncSettings settings = SyncSettings.defaults().withPageSize(pageSize).withCompactAfter(0);
      r = new SyncEngine(client, cache, settings).run(null, null);
      before = Files.size(cache.file());
      long c0 = System.nanoTime();
      cache.compact();
      System.out.printf(
          Locale.ROOT,
          "full sync: %,d events in %.1f s = %,.0f events/s (%d requests)%n"
              + "cache file: %,d MiB after sync, %,d MiB after compaction (%.1f s)%n",
          r.fetched(),
          r.took().toMillis() / 1000.0,
          r.eventsPerSecond(),
          r.requests(),
          before >> 20,
          (after = Files.size(cache.file())) >> 20,
          secs(c0));
      server.addEvents(100);
      int req = server.auditRequests();
      long i0 = System.nanoTime();
      SyncResult inc = new SyncEngine(client, cache, settings).run(null, null);
      System.out.printf(
          Locale.ROOT,
          "incremental sync of 100 new events: %d requests, %.0f ms, %d new%n",
          server.auditRequests() - req,
          (System.nanoTime() - i0) / 1e6,
          inc.newEvents());
    }
    server.close();

    gc();
    long heapBefore = used();
    long o0 = System.nanoTime();
    try (H2AuditCache cache = CacheStore.open(root, d, CacheStore.OpenMode.READ_WRITE)) {
      System.out.printf(Locale.ROOT, "open the 1M cache (index built from H2): %.1f s%n", secs(o0));
      gc();
      System.out.printf(
          Locale.ROOT,
          "heap held by the open cache (index + H2 page cache): %,d MiB%n%n",
          (used() - heapBefore) >> 20);
      queries(cache);
      gc();
      System.out.printf(
          Locale.ROOT,
          "%nheap after all queries (with sort orders and result lists cached): %,d MiB%n",
          (used() - heapBefore) >> 20);
      long f0 = System.nanoTime();
      long[] n = {0};
      cache.forEach(AuditQuery.ALL, SortOrder.NEWEST_FIRST, e -> n[0] += e.rawJson().length());
      System.out.printf(
          Locale.ROOT,
          "forEach (export path) over all %,d events: %.1f s%n",
          cache.total(),
          secs(f0));
    }
  }

  private static void queries(H2AuditCache cache) {
    List<FacetValue> users = cache.facetValues(Facet.USER, AuditQuery.ALL);
    List<FacetValue> targets = cache.facetValues(Facet.RESOURCE_TARGET, AuditQuery.ALL);
    List<FacetValue> orgs = cache.facetValues(Facet.ORGANIZATION, AuditQuery.ALL);
    String topUser = users.get(0).value().isEmpty() ? users.get(1).value() : users.get(0).value();
    String rareUser = users.get(users.size() - 1).value();
    String target = targets.get(Math.min(5, targets.size() - 1)).value();
    var newest = cache.stats().newest();
    DateRange lastWeek = new DateRange(newest.minus(7, ChronoUnit.DAYS), null);
    DateRange aMonth =
        new DateRange(newest.minus(400, ChronoUnit.DAYS), newest.minus(370, ChronoUnit.DAYS));
    record Q(String name, AuditQuery q, SortOrder o, long offset) {}
    SortOrder n = SortOrder.NEWEST_FIRST;
    List<Q> qs =
        List.of(
            new Q("no filter", AuditQuery.ALL, n, 0),
            new Q("action = start", AuditQuery.ALL.with(Facet.ACTION, Set.of("start")), n, 0),
            new Q(
                "action in (create, delete)",
                AuditQuery.ALL.with(Facet.ACTION, Set.of("create", "delete")),
                n,
                0),
            new Q("user = busiest", AuditQuery.ALL.with(Facet.USER, Set.of(topUser)), n, 0),
            new Q("user = rarest", AuditQuery.ALL.with(Facet.USER, Set.of(rareUser)), n, 0),
            new Q(
                "user + resource type",
                AuditQuery.ALL
                    .with(Facet.USER, Set.of(topUser))
                    .with(Facet.RESOURCE_TYPE, Set.of("workspace_build")),
                n,
                0),
            new Q(
                "type + action + 30 days a year ago",
                AuditQuery.ALL
                    .with(Facet.RESOURCE_TYPE, Set.of("workspace"))
                    .with(Facet.ACTION, Set.of("write"))
                    .withRange(aMonth),
                n,
                0),
            new Q("last 7 days", AuditQuery.ALL.withRange(lastWeek), n, 0),
            new Q(
                "target = one workspace",
                AuditQuery.ALL.with(Facet.RESOURCE_TARGET, Set.of(target)),
                n,
                0),
            new Q("free text \"dev\"", AuditQuery.ALL.withText("dev"), n, 0),
            new Q("free text \"alice create\"", AuditQuery.ALL.withText("alice create"), n, 0),
            new Q(
                "organization + action",
                AuditQuery.ALL
                    .with(Facet.ORGANIZATION, Set.of(orgs.get(0).value()))
                    .with(Facet.ACTION, Set.of("login")),
                n,
                0),
            new Q("deep page: offset 500,000", AuditQuery.ALL, n, 500_000),
            new Q("deep page: offset 999,000", AuditQuery.ALL, n, 999_000),
            new Q(
                "deep page of action = start, middle",
                AuditQuery.ALL.with(Facet.ACTION, Set.of("start")),
                n,
                80_000),
            new Q("sort by user A-Z", AuditQuery.ALL, new SortOrder(SortColumn.USER, true), 0),
            new Q(
                "sort by target Z-A, offset 400,000",
                AuditQuery.ALL,
                new SortOrder(SortColumn.RESOURCE_TARGET, false),
                400_000),
            new Q(
                "sort by status, action = login",
                AuditQuery.ALL.with(Facet.ACTION, Set.of("login")),
                new SortOrder(SortColumn.STATUS, false),
                0),
            new Q("oldest first", AuditQuery.ALL, new SortOrder(SortColumn.TIME, true), 0));
    System.out.println(
        "| query | matches | count + page of 100, first run (ms) | median of 5 (ms) |");
    System.out.println("|---|---:|---:|---:|");
    for (Q q : qs) {
      long[] times = new long[5];
      long count = 0;
      long first = 0;
      for (int i = 0; i < 6; i++) {
        long s = System.nanoTime();
        count = cache.count(q.q());
        List<AuditEvent> page = cache.page(q.q(), q.o(), q.offset(), 100);
        long t = System.nanoTime() - s;
        if (page.isEmpty() && count > q.offset()) {
          throw new IllegalStateException("empty page for " + q.name());
        }
        if (i == 0) {
          first = t;
        } else {
          times[i - 1] = t;
        }
      }
      Arrays.sort(times);
      System.out.printf(
          Locale.ROOT,
          "| %s | %,d | %.1f | %.1f |%n",
          q.name(),
          count,
          first / 1e6,
          times[2] / 1e6);
    }
    System.out.println();
    System.out.println("| facet values / histogram | first run (ms) | median of 5 (ms) |");
    System.out.println("|---|---:|---:|");
    AuditQuery some = AuditQuery.ALL.with(Facet.ACTION, Set.of("start", "stop"));
    for (Facet f : Facet.values()) {
      timed(
          "facet " + f.title() + " under action in (start, stop)",
          () -> cache.facetValues(f, some));
    }
    timed("facet User, no filter", () -> cache.facetValues(Facet.USER, AuditQuery.ALL));
    timed(
        "histogram per day, all events", () -> cache.histogram(AuditQuery.ALL, Duration.ofDays(1)));
    timed(
        "histogram per hour, action = login",
        () ->
            cache.histogram(
                AuditQuery.ALL.with(Facet.ACTION, Set.of("login")), Duration.ofHours(1)));
    Histogram h = cache.histogram(AuditQuery.ALL, Duration.ofDays(1));
    System.out.printf(Locale.ROOT, "%n(%d daily bars)%n", h.buckets().size());
  }

  private static void timed(String name, Runnable r) {
    long[] times = new long[5];
    long first = 0;
    for (int i = 0; i < 6; i++) {
      long s = System.nanoTime();
      r.run();
      long t = System.nanoTime() - s;
      if (i == 0) {
        first = t;
      } else {
        times[i - 1] = t;
      }
    }
    Arrays.sort(times);
    System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f |%n", name, first / 1e6, times[2] / 1e6);
  }

  private static double secs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static void gc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static long used() {
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }
}
