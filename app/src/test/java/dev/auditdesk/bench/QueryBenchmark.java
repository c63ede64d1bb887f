package dev.auditdesk.bench;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.SortOrder;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The fixed filter set ({@link BenchFilter#fixedSet}) over a cache that already exists (e.g. the
 * 10M cache {@code UiBenchmark} built), opened read-only as the CLI and window do: per filter the
 * median of the count, of the first page of 100 and of the four filter lists, separately, so the
 * side-by-side's "count + first page" can be taken apart without importing ten million events
 * again.
 *
 * <pre>java -Xmx1g -cp "$CP" dev.auditdesk.bench.QueryBenchmark CACHES URL [runs [deployment id]]
 * e.g. QueryBenchmark /tmp/ui-10m/data/caches https://bench.example.com 5 bench-10000000</pre>
 *
 * <p>{@code -Dbench.resave=true} first opens the cache read-write and closes it, which saves its
 * index file in the current format (a cache built by an older version keeps its old file until a
 * read-write close).
 */
public final class QueryBenchmark {

  /** The window's four filter lists, counted in one call as the window counts them. */
  private static final List<Facet> LISTS = dev.auditdesk.ui.filters.FilterSource.FACETS;

  private QueryBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path caches = Path.of(args[0]);
    Deployment d = new Deployment(URI.create(args[1]), args.length > 3 ? args[3] : "bench");
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    if (Boolean.getBoolean("bench.resave")) {
      long s = System.nanoTime();
      CacheStore.open(caches, d, CacheStore.OpenMode.READ_WRITE).close();
      System.out.printf(Locale.ROOT, "resaved in %.0f ms%n", (System.nanoTime() - s) / 1e6);
    }
    long t0 = System.nanoTime();
    try (AuditCache cache = CacheStore.open(caches, d, CacheStore.OpenMode.READ_ONLY)) {
      System.out.printf(
          Locale.ROOT,
          "opened %,d events in %.0f ms%n",
          cache.count(AuditQuery.ALL),
          (System.nanoTime() - t0) / 1e6);
      System.out.printf(
          Locale.ROOT,
          "%-36s %10s %10s %10s %10s %12s%n",
          "median ms of " + runs + " (after one not counted)",
          "matches",
          "count",
          "page",
          "both",
          "4 lists");
      // One round of every filter first, not counted, so that the code every filter runs is
      // compiled (JIT) before the first is timed: as in a window that has been open a while.
      for (BenchFilter f : BenchFilter.fixedSet()) {
        cache.count(f.query());
        cache.page(f.query(), SortOrder.NEWEST_FIRST, 0, 100);
        cache.facetValues(LISTS, f.query());
      }
      for (BenchFilter f : BenchFilter.fixedSet()) {
        AuditQuery q = f.query();
        long[] n = new long[1];
        double count = median(runs, () -> n[0] = cache.count(q));
        double page = median(runs, () -> cache.page(q, SortOrder.NEWEST_FIRST, 0, 100).size());
        double both =
            median(
                runs,
                () -> {
                  cache.count(q);
                  List<AuditEvent> p = cache.page(q, SortOrder.NEWEST_FIRST, 0, 100);
                  return p.size();
                });
        double lists =
            median(
                runs,
                () -> {
                  // As the window asks for them: the four lists in one call.
                  int k = 0;
                  for (List<?> values : cache.facetValues(LISTS, q).values()) {
                    k += values.size();
                  }
                  return k;
                });
        System.out.printf(
            Locale.ROOT,
            "%-36s %,10d %10.2f %10.2f %10.2f %12.2f%n",
            f.name(),
            n[0],
            count,
            page,
            both,
            lists);
      }
    }
  }

  private static double median(int runs, Supplier<Object> work) {
    work.get();
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long s = System.nanoTime();
      work.get();
      ms[i] = (System.nanoTime() - s) / 1e6;
    }
    Arrays.sort(ms);
    return ms[runs / 2];
  }
}
