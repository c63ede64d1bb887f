package dev.auditdesk.bench;

import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.coder.CoderClient;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoQuirks;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.insights.Finding;
import dev.auditdesk.insights.InsightSettings;
import dev.auditdesk.insights.Insights;
import dev.auditdesk.insights.Rule;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.sync.SyncEngine;
import dev.auditdesk.sync.SyncSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times every insight rule over a demo deployment's cache (default 1,000,000 events with the demo's
 * planted patterns), synced once over loopback into {@code folder} and reused by later runs: the
 * whole history, and the last 30 days (what {@code --since} asks).
 *
 * <p>Run: see docs/PERFORMANCE.md, "Insights".
 */
public final class InsightsBenchmark {

  static final Instant END = Instant.parse("2026-11-20T12:00:00Z");

  private InsightsBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args.length > 0 ? args[0] : "/tmp/auditdesk-insights-bench");
    int events = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    DemoConfig cfg =
        DemoConfig.defaults()
            .withEvents(events)
            .withPort(0)
            .withHistoryEnd(END)
            .withQuirks(DemoQuirks.NONE)
            .withInsightPatterns(true);
    Path marker = root.resolve("synced-" + events);
    Deployment d = new Deployment(java.net.URI.create("http://127.0.0.1:1"), "");
    if (!Files.exists(marker)) {
      Files.createDirectories(root);
      try (DemoServer server = DemoServer.start(cfg)) {
        d = new Deployment(server.url(), "");
        long t0 = System.nanoTime();
        try (CoderClient client = CoderClient.create(d);
            H2AuditCache cache = CacheStore.open(root, d, CacheStore.OpenMode.READ_WRITE)) {
          client.login(server.email(), server.password().toCharArray());
          new SyncEngine(client, cache, SyncSettings.defaults()).run(null, null);
        }
        System.out.printf(Locale.ROOT, "synced %,d events in %.1f s%n", events, secs(t0));
        Files.writeString(marker, server.url().toString());
      }
    }
    d = new Deployment(java.net.URI.create(Files.readString(marker).trim()), "");
    // Opened once read-write, as the window or a sync would: an older cache is upgraded here.
    long opened = System.nanoTime();
    try (H2AuditCache cache = CacheStore.open(root, d, CacheStore.OpenMode.READ_WRITE)) {
      System.out.printf(
          Locale.ROOT,
          "opened read-write in %.1f s%s%n",
          secs(opened),
          cache
              .evidence()
              .marksBuiltOnThisOpen()
              .map(b -> " (upgraded: read " + b.events() + " candidate events to mark them)")
              .orElse(""));
    }
    InsightSettings settings = InsightSettings.defaults(ZoneOffset.UTC);
    try (H2AuditCache cache = CacheStore.open(root, d, CacheStore.OpenMode.READ_ONLY)) {
      BenchHeader.print("InsightsBenchmark", cache.total());
      run("whole history", cache, settings, DateRange.ALL);
      run(
          "last 30 days",
          cache,
          settings,
          new DateRange(END.minus(Duration.ofDays(30)), Instant.MAX));
    }
  }

  private static void run(String what, H2AuditCache cache, InsightSettings s, DateRange range) {
    List<Double> ms = new ArrayList<>();
    List<Finding> found = List.of();
    for (int i = 0; i < 6; i++) {
      long t0 = System.nanoTime();
      found = Insights.run(cache, s, range, END);
      ms.add((System.nanoTime() - t0) / 1e6);
    }
    double first = ms.get(0);
    List<Double> warm = new ArrayList<>(ms.subList(1, ms.size()));
    Collections.sort(warm);
    Map<Rule, Integer> perRule = new EnumMap<>(Rule.class);
    found.forEach(f -> perRule.merge(f.rule(), 1, Integer::sum));
    System.out.printf(
        Locale.ROOT,
        "%s: first run %.0f ms, median of 5 %.0f ms (min %.0f, max %.0f); %,d findings %s%n",
        what,
        first,
        warm.get(warm.size() / 2),
        warm.get(0),
        warm.get(warm.size() - 1),
        found.size(),
        perRule);
  }

  private static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
