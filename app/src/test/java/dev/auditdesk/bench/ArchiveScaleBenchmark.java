package dev.auditdesk.bench;

import dev.auditdesk.archive.ArchiveUrl;
import dev.auditdesk.archive.PostgresArchive;
import dev.auditdesk.archive.TestPostgres;
import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.SortOrder;
import dev.auditdesk.ui.filters.FilterSource;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The team archive at scale, beside the H2 cache on the same events: N synthetic events ({@link
 * SyntheticEvents}, seed 42: the events of {@code UiBenchmark}'s and the side-by-side's caches) go
 * in through the archive's own upsert (hash chain included) into a real PostgreSQL started like the
 * tests' ({@code TestPostgres}), then the side-by-side's fixed filters ({@link
 * BenchFilter#fixedSet}) run as count + first page of 100 on the archive and, when its folder is
 * given, on an H2 cache of the same N events in the same JVM; also the count and the page apart,
 * and what the window waits for before it shows rows ({@code quickCount}, then the page).
 *
 * <p>A bulk load the way an operator does one: the event table's secondary indexes are dropped
 * first and built again after the load ({@code maintenance_work_mem} 256 MB), each timed; then
 * {@code VACUUM ANALYZE}. Upserting ten million rows into fifteen live indexes would take about an
 * hour here (2,861 events/s at 1M, docs/PERFORMANCE.md) and measure nothing the queries see.
 *
 * <pre>
 * java -Xmx1g -cp "$CP" dev.auditdesk.bench.ArchiveScaleBenchmark 10000000 \
 *     [H2 caches folder, URL, deployment id of a cache of the same N events]
 * e.g. ArchiveScaleBenchmark 10000000 /tmp/ui-10m/data/caches https://bench.example.com bench-10000000
 * </pre>
 *
 * <p>With {@code -Dbench.upgradeFrom=2} the events go into an archive at migration 2, and {@code
 * archive init} bringing it up to date is timed before the queries.
 */
public final class ArchiveScaleBenchmark {

  private static final int RUNS = 5;

  private ArchiveScaleBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
    BenchHeader.print("ArchiveScaleBenchmark", n);
    TestPostgres pg = TestPostgres.get();
    // -Dbench.upgradeFrom=2: load into an archive at that migration, then time `archive init`
    // bringing it up to date, as an operator upgrading a full archive would.
    String from = System.getProperty("bench.upgradeFrom", "");
    ArchiveUrl db = from.isEmpty() ? pg.newDatabase() : pg.newArchive(from);
    if (from.isEmpty()) {
      PostgresArchive.init(db);
    }
    Map<String, Double> archiveMs = new LinkedHashMap<>();
    try (PostgresArchive archive = PostgresArchive.open(db);
        Connection admin = pg.admin(db.database());
        Statement s = admin.createStatement()) {
      archive.rememberDeployment(
          new Deployment(URI.create("https://bench.example.com"), "bench"), "bench");
      Map<String, String> indexes = secondaryIndexes(s);
      for (String name : indexes.keySet()) {
        s.execute("DROP INDEX " + name);
      }
      System.out.printf(
          Locale.ROOT,
          "dropped %d secondary indexes of audit_event for the load%n",
          indexes.size());
      load(archive, n);
      long t0 = System.nanoTime();
      s.execute("SET maintenance_work_mem = '256MB'");
      for (Map.Entry<String, String> e : indexes.entrySet()) {
        long t = System.nanoTime();
        s.execute(e.getValue());
        System.out.printf(Locale.ROOT, "  built %s in %.1f s%n", e.getKey(), secs(t));
      }
      System.out.printf(Locale.ROOT, "built %d indexes: %.1f s%n", indexes.size(), secs(t0));
      t0 = System.nanoTime();
      s.execute("VACUUM ANALYZE audit_event");
      System.out.printf(Locale.ROOT, "VACUUM ANALYZE: %.1f s%n", secs(t0));
      if (!from.isEmpty()) {
        t0 = System.nanoTime();
        int ran = PostgresArchive.init(db);
        System.out.printf(
            Locale.ROOT,
            "archive init from migration %s: %d migrations applied in %.1f s%n",
            from,
            ran,
            secs(t0));
        t0 = System.nanoTime();
        s.execute("VACUUM ANALYZE");
        System.out.printf(Locale.ROOT, "VACUUM ANALYZE after the upgrade: %.1f s%n", secs(t0));
      }
      try (ResultSet r =
          s.executeQuery(
              "SELECT pg_total_relation_size('audit_event'), pg_database_size(current_database())")) {
        r.next();
        System.out.printf(
            Locale.ROOT,
            "on disk: audit_event with its indexes %,d MiB (%d bytes per event), whole database"
                + " %,d MiB%n",
            r.getLong(1) >> 20,
            r.getLong(1) / n,
            r.getLong(2) >> 20);
      }
    }
    try (PostgresArchive archive = PostgresArchive.open(db)) { // opened again: its schema is known
      System.out.printf(Locale.ROOT, "%narchive, count + first page of 100:%n");
      archiveMs.putAll(queries(archive));
    }
    if (args.length > 3) {
      Deployment d = new Deployment(URI.create(args[2]), args[3]);
      try (AuditCache h2 = CacheStore.open(Path.of(args[1]), d, CacheStore.OpenMode.READ_ONLY)) {
        System.out.printf(Locale.ROOT, "%nH2 cache (%,d events), the same:%n", h2.total());
        Map<String, Double> h2Ms = queries(h2);
        System.out.printf(
            Locale.ROOT, "%n| filter | archive median (ms) | H2 median (ms) |%n|---|---:|---:|%n");
        for (String f : archiveMs.keySet()) {
          System.out.printf(
              Locale.ROOT, "| %s | %.1f | %.1f |%n", f, archiveMs.get(f), h2Ms.get(f));
        }
      }
    }
  }

  /** The event table's indexes other than its constraints', by name, with their definitions. */
  private static Map<String, String> secondaryIndexes(Statement s) throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    try (ResultSet r =
        s.executeQuery(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'audit_event'"
                + " AND indexname NOT IN (SELECT conname FROM pg_constraint"
                + " WHERE conrelid = 'audit_event'::regclass) ORDER BY indexname")) {
      while (r.next()) {
        out.put(r.getString(1), r.getString(2));
      }
    }
    return out;
  }

  private static void load(PostgresArchive archive, int n) throws Exception {
    long t0 = System.nanoTime();
    SyntheticEvents.inBatches(
        0,
        n,
        n,
        42,
        (batch, done) -> {
          archive.upsert(batch);
          if (done % 1_000_000 == 0) {
            System.out.printf(Locale.ROOT, "  upserted %,d events (%.0f s)%n", done, secs(t0));
          }
        });
    double took = secs(t0);
    System.out.printf(
        Locale.ROOT,
        "upserted %,d events: %.1f s = %,.0f events/s%n",
        archive.total(),
        took,
        n / took);
  }

  /**
   * Per fixed filter: matches, first run and median of the next {@link #RUNS} of count + first
   * page, then the medians of the count alone, of the page alone, of what the window waits for
   * before it shows rows, of the four filter lists and of a timeline of daily bars, printed.
   */
  private static Map<String, Double> queries(AuditCache cache) {
    Map<String, Double> medians = new LinkedHashMap<>();
    System.out.printf(
        Locale.ROOT,
        "%-36s %12s %12s %12s %12s %12s %12s %12s %12s%n",
        "filter",
        "matches",
        "first (ms)",
        "median (ms)",
        "count alone",
        "page alone",
        "window (ms)",
        "4 lists",
        "daily bars");
    for (BenchFilter f : BenchFilter.fixedSet()) {
      AuditQuery q = f.query();
      long[] matches = new long[1];
      Supplier<Object> both =
          () -> {
            matches[0] = cache.count(q);
            return cache.page(q, SortOrder.NEWEST_FIRST, 0, 100).size();
          };
      double first = ms(both);
      double[] runs = new double[RUNS];
      for (int i = 0; i < RUNS; i++) {
        runs[i] = ms(both);
      }
      Arrays.sort(runs);
      medians.put(f.name(), runs[RUNS / 2]);
      System.out.printf(
          Locale.ROOT,
          "%-36s %,12d %12.1f %12.1f %12.1f %12.1f %12.1f %12.1f %12.1f%n",
          f.name(),
          matches[0],
          first,
          runs[RUNS / 2],
          median(() -> cache.count(q)),
          median(() -> cache.page(q, SortOrder.NEWEST_FIRST, 0, 100).size()),
          median(
              () -> {
                // What the window waits for before it shows rows: an estimate when counting would
                // be slow (the exact count follows in the background), else the exact count.
                if (cache.quickCount(q).isEmpty()) {
                  cache.count(q);
                }
                return cache.page(q, SortOrder.NEWEST_FIRST, 0, 100).size();
              }),
          // The window's four filter lists and a timeline of one bar a day.
          median(() -> cache.facetValues(FilterSource.FACETS, q).size()),
          median(() -> cache.histogram(q, Duration.ofDays(1)).buckets().size()));
    }
    return medians;
  }

  private static double median(Supplier<Object> work) {
    double[] runs = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      runs[i] = ms(work);
    }
    Arrays.sort(runs);
    return runs[RUNS / 2];
  }

  private static double ms(Supplier<Object> work) {
    long t = System.nanoTime();
    work.get();
    return (System.nanoTime() - t) / 1e6;
  }

  private static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
