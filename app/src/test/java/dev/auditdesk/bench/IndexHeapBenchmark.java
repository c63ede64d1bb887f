package dev.auditdesk.bench;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.SortOrder;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Heap held by an open cache: builds (once) a cache of N synthetic events with {@link
 * UiBenchmark}'s generator, then measures the heap after GC before and after opening it read-only
 * and running a count, a first page and a filtered count (which build the time order), as the
 * window does. Only public API, so the same class measures an older build of the cache code too.
 *
 * <pre>java -Xmx2g -cp "$CP" dev.auditdesk.bench.IndexHeapBenchmark 1000000 [dir]</pre>
 */
public final class IndexHeapBenchmark {

  private IndexHeapBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path caches =
        Path.of(args.length > 1 ? args[1] : "app/target/bench-heap-" + n).toAbsolutePath();
    Deployment d = new Deployment(URI.create("https://bench.example.com"), "bench-" + n);
    if (!"false".equals(System.getProperty("bench.build"))) {
      UiBenchmark.fill(caches, d, n);
    }
    long before = usedAfterGc();
    long t0 = System.nanoTime();
    try (AuditCache c = CacheStore.open(caches, d, CacheStore.OpenMode.READ_ONLY)) {
      long open = (System.nanoTime() - t0) / 1_000_000;
      long total = c.total();
      c.count(AuditQuery.ALL);
      c.page(AuditQuery.ALL, SortOrder.NEWEST_FIRST, 0, 100);
      c.count(AuditQuery.ALL.with(Facet.ACTION, Set.of("start")));
      long after = usedAfterGc();
      long held = after - before;
      System.out.printf(
          Locale.ROOT,
          "%,d events: open %,d ms; heap after GC %,d MB before open, %,d MB open:"
              + " %,d MB held = %.1f bytes/event (max heap %,d MB)%n",
          total,
          open,
          before >> 20,
          after >> 20,
          held >> 20,
          held / (double) Math.max(1, total),
          Runtime.getRuntime().maxMemory() >> 20);
      // Time to take a class histogram (jmap -histo:live PID) of the open cache.
      Thread.sleep(Long.getLong("bench.hold", 0));
    }
  }

  private static long usedAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
