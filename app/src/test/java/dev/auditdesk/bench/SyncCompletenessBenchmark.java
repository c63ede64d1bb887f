package dev.auditdesk.bench;

import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.coder.CoderClient;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoQuirks;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.sync.SyncEngine;
import dev.auditdesk.sync.SyncResult;
import dev.auditdesk.sync.SyncSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The day-window sync against a demo deployment that charges PostgreSQL's measured OFFSET cost (400
 * ns per skipped row) and reshuffles ties: full sync, an incremental sync of 1,000 new events, and
 * {@code sync --verify} of the unchanged cache, each with the requests, OFFSET rows and server time
 * it cost. Beside it, on the same kind of server, the whole-log paging every sync used before (the
 * fallback a server without date windows still gets), which costs quadratic OFFSET.
 *
 * <p>Run (docs/PERFORMANCE.md): {@code java -Xmx2g -cp "$CP"
 * dev.auditdesk.bench.SyncCompletenessBenchmark [events] [wholeLogEvents]}.
 */
public final class SyncCompletenessBenchmark {

  private SyncCompletenessBenchmark() {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int wholeLog = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    System.out.printf(
        Locale.ROOT,
        "# Day-window sync with the OFFSET cost on: %d cores, max heap %d MiB%n",
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20);
    System.out.printf(
        Locale.ROOT,
        "%-44s %10s %9s %14s %12s %9s %9s %5s %10s%n",
        "what",
        "time",
        "requests",
        "OFFSET rows",
        "server time",
        "verified",
        "CPU",
        "load",
        "file");
    windows(events);
    if (wholeLog > 0) {
      System.out.println();
      windows(wholeLog);
      wholeLog(wholeLog);
    }
  }

  private static void windows(int events) throws Exception {
    onDemo(
        events,
        DemoQuirks.REAL,
        (server, engine, cache) -> {
          String n = String.format(Locale.ROOT, "%,d", events);
          row("full sync, day windows, " + n, server, cache, () -> engine.run(null, null));
          server.addEvents(1_000);
          row("incremental sync of 1,000 new, " + n, server, cache, () -> engine.run(null, null));
          row(
              "sync --verify, unchanged, " + n,
              server,
              cache,
              () -> engine.run(null, null, SyncEngine.Mode.VERIFY_ALL));
        });
  }

  /** The old way: page the whole log from the top (what a server without date windows gets). */
  private static void wholeLog(int events) throws Exception {
    onDemo(
        events,
        DemoQuirks.REAL.withIgnoredDateKeys(true),
        (server, engine, cache) ->
            row(
                String.format(Locale.ROOT, "full sync, whole-log paging, %,d", events),
                server,
                cache,
                () -> engine.run(null, null)));
  }

  private interface Runs {
    void on(DemoServer server, SyncEngine engine, H2AuditCache cache) throws Exception;
  }

  /** A demo deployment with {@code quirks}, signed in, syncing into a fresh cache. */
  private static void onDemo(int events, DemoQuirks quirks, Runs runs) throws Exception {
    Path root = Files.createTempDirectory("auditdesk-bench-");
    try (DemoServer server =
            DemoServer.start(
                DemoConfig.defaults().withEvents(events).withPort(0).withQuirks(quirks));
        CoderClient client = CoderClient.create(new Deployment(server.url(), ""));
        H2AuditCache cache =
            CacheStore.open(
                root, new Deployment(server.url(), ""), CacheStore.OpenMode.READ_WRITE)) {
      client.login(server.email(), server.password().toCharArray());
      runs.on(
          server,
          new SyncEngine(client, cache, SyncSettings.defaults().withCompactAfter(0)),
          cache);
      // Closing after a large first sync compacts the file: the size a user's disk keeps.
      long t = System.nanoTime();
      cache.close();
      // The column index saved beside it at close is part of what the disk keeps.
      long index = Files.size(cache.file().resolveSibling("cache.index"));
      long all = Files.size(cache.file()) + index;
      System.out.printf(
          Locale.ROOT,
          "%-44s %8.2f s %s; with cache.index (%,d MiB) %d B/event%n",
          "close (compaction)",
          (System.nanoTime() - t) / 1e9,
          size(cache),
          index >> 20,
          all / Math.max(1, cache.total()));
    } finally {
      delete(root);
    }
  }

  private interface Run {
    SyncResult run() throws Exception;
  }

  private static void row(String what, DemoServer server, H2AuditCache cache, Run run)
      throws Exception {
    long rows = server.offsetRows();
    Duration busy = server.serverTime();
    int requests = server.auditRequests();
    long cpu = OS.getProcessCpuTime();
    long t = System.nanoTime();
    SyncResult r = run.run();
    double secs = (System.nanoTime() - t) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%-44s %8.2f s %9d %,14d %10.2f s %9s %7.1f s %5.1f %s%n",
        what,
        secs,
        server.auditRequests() - requests,
        server.offsetRows() - rows,
        server.serverTime().minus(busy).toMillis() / 1000.0,
        r.completeness().complete() ? "yes" : r.completeness().unverified().size() + " days no",
        (OS.getProcessCpuTime() - cpu) / 1e9,
        OS.getSystemLoadAverage(),
        size(cache));
  }

  /** CPU time of this process (the demo server's included) and the machine's load average. */
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean)
          java.lang.management.ManagementFactory.getOperatingSystemMXBean();

  /** The cache file's size, and per event held (the in-memory count stands after close). */
  private static String size(H2AuditCache cache) throws Exception {
    long bytes = Files.size(cache.file());
    long events = cache.total();
    return String.format(
        Locale.ROOT, "%,d MiB (%d B/event)", bytes >> 20, events == 0 ? 0 : bytes / events);
  }

  private static void delete(Path root) throws Exception {
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
