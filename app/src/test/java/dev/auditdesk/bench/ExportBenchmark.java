package dev.auditdesk.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.export.ExportFormat;
import dev.auditdesk.export.ExportListener;
import dev.auditdesk.export.ExportResult;
import dev.auditdesk.export.Exporter;
import dev.auditdesk.export.Importer;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.SortOrder;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Exports 1,000,000 cached events to CSV (and NDJSON, and a filtered CSV) and prints the times. The
 * cache is built once by importing a generated NDJSON file (its import rate is printed too) and
 * reused on the next run from the same folder.
 *
 * <pre>
 * ./mvnw -q -o -pl app -am test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.auditdesk.bench.ExportBenchmark -Dexec.args="/tmp/auditdesk-bench 1000000"
 * </pre>
 *
 * <p>Maven's own JVM has a 1 GiB heap; for 1M events run it in its own JVM with {@code -Xmx3g} (see
 * docs/PERFORMANCE.md for the command).
 */
public final class ExportBenchmark {

  private static final String[] ACTIONS = {
    "connect", "disconnect", "start", "stop", "write", "create", "login", "open", "delete", "logout"
  };
  private static final int[] ACTION_WEIGHT = {28, 24, 12, 11, 9, 5, 5, 3, 2, 1};
  private static final String[] TYPES = {
    "workspace", "workspace_build", "template", "user", "api_key", "workspace_agent", "group"
  };

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "/tmp/auditdesk-bench");
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    // "export-only" measures the export over whatever the cache already holds (no import first).
    boolean exportOnly = args.length > 2 && args[2].equals("export-only");
    Files.createDirectories(work);
    Deployment d = Importer.deploymentFor("bench-" + n);
    Path caches = work.resolve("caches");
    BenchHeader.print("ExportBenchmark", n);

    try (H2AuditCache cache = CacheStore.open(caches, d, CacheStore.OpenMode.READ_WRITE)) {
      if (!exportOnly && cache.total() < n) {
        Path ndjson = work.resolve("bench-" + n + ".ndjson");
        long t0 = System.nanoTime();
        generate(ndjson, n);
        double gen = secs(t0);
        System.out.printf(
            "generated %s (%,d MiB) in %.1f s%n", ndjson, Files.size(ndjson) >> 20, gen);
        long t1 = System.nanoTime();
        Importer.Report r = Importer.importFiles(cache, List.of(ndjson), Importer.Listener.NONE);
        double imp = secs(t1);
        System.out.printf(
            "import: %,d events in %.1f s = %,.0f events/s (%,d bad lines)%n",
            r.imported(), imp, r.imported() / imp, r.badLines());
      }
      System.out.printf("cache holds %,d events%n", cache.total());
    }

    // Reopen as the CLI does (read-only), so the figures include a cold open of the cache.
    long open0 = System.nanoTime();
    try (H2AuditCache cache = CacheStore.open(caches, d, CacheStore.OpenMode.READ_ONLY)) {
      System.out.printf("open read-only: %.2f s%n", secs(open0));
      List<Double> csv = new ArrayList<>();
      for (int run = 1; run <= 3; run++) {
        csv.add(
            export(
                cache,
                AuditQuery.ALL,
                ExportFormat.CSV,
                work.resolve("all.csv"),
                "CSV, all, run " + run));
      }
      csv.sort(Double::compare);
      System.out.printf("CSV all events: median %.2f s%n", csv.get(1));
      export(cache, AuditQuery.ALL, ExportFormat.NDJSON, work.resolve("all.ndjson"), "NDJSON, all");
      export(
          cache,
          AuditQuery.ALL.with(Facet.ACTION, Set.of("connect")),
          ExportFormat.CSV,
          work.resolve("connect.csv"),
          "CSV, action=connect");
      export(
          cache,
          AuditQuery.ALL,
          ExportFormat.CSV,
          work.resolve("oldest-first.csv"),
          "CSV, all, oldest first",
          new SortOrder(dev.auditdesk.model.SortColumn.TIME, true));
    }
  }

  private static double export(
      H2AuditCache cache, AuditQuery q, ExportFormat f, Path out, String label) throws Exception {
    return export(cache, q, f, out, label, SortOrder.NEWEST_FIRST);
  }

  private static double export(
      H2AuditCache cache, AuditQuery q, ExportFormat f, Path out, String label, SortOrder order)
      throws Exception {
    long[] firstRow = {0};
    long t0 = System.nanoTime();
    ExportResult r =
        Exporter.export(
            cache,
            new Exporter.Request(q, order, f, out),
            new ExportListener() {
              @Override
              public void progress(long written, long expected) {
                if (firstRow[0] == 0) {
                  firstRow[0] = System.nanoTime();
                }
              }
            });
    double s = secs(t0);
    System.out.printf(
        "export %-24s %,9d rows  %,5d MiB  %6.2f s  %,9.0f rows/s  (first progress after %.2f s)%n",
        label + ":",
        r.manifest().rows(),
        r.manifest().bytes() >> 20,
        s,
        r.manifest().rows() / s,
        firstRow[0] == 0 ? s : (firstRow[0] - t0) / 1e9);
    return s;
  }

  /** Realistic Coder events (about 700 bytes each), skewed like real use. */
  static void generate(Path file, int n) throws Exception {
    ObjectMapper m = AuditEventJson.mapper();
    SplittableRandom r = new SplittableRandom(42);
    int total = 0;
    for (int w : ACTION_WEIGHT) {
      total += w;
    }
    Instant end = Instant.parse("2026-11-01T17:42:13Z");
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < n; i++) {
        int pick = r.nextInt(total);
        int a = 0;
        while (pick >= ACTION_WEIGHT[a]) {
          pick -= ACTION_WEIGHT[a++];
        }
        int user = (int) Math.min(199, Math.abs(r.nextGaussian()) * 30);
        ObjectNode e = m.createObjectNode();
        e.put("id", new UUID(r.nextLong(), r.nextLong()).toString());
        e.put("request_id", new UUID(r.nextLong(), r.nextLong()).toString());
        e.put("time", end.minusMillis(i * 3_000L + r.nextInt(3_000)).toString());
        ObjectNode org = e.putObject("organization");
        org.put("id", "703f72a1-76f6-4f89-9de6-8a3989693fe5");
        org.put("name", "coder");
        org.put("display_name", "Coder");
        org.put("icon", "");
        e.put("ip", "10." + r.nextInt(4) + "." + r.nextInt(256) + "." + r.nextInt(256));
        e.put(
            "user_agent",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/"
                + (120 + r.nextInt(10))
                + ".0.0.0 Safari/537.36");
        String type = TYPES[Math.min(TYPES.length - 1, (int) Math.abs(r.nextGaussian() * 2))];
        e.put("resource_type", type);
        e.put("resource_id", new UUID(7, r.nextInt(5000)).toString());
        e.put("resource_target", "ws-" + user + "-" + r.nextInt(5));
        e.put("resource_icon", "");
        e.put("action", ACTIONS[a]);
        ObjectNode diff = e.putObject("diff");
        if (ACTIONS[a].equals("write")) {
          ObjectNode c = diff.putObject("ttl");
          c.put("old", 3600000);
          c.put("new", 7200000);
          c.put("secret", false);
        }
        e.put("status_code", r.nextInt(50) == 0 ? 403 : 200);
        ObjectNode extra = e.putObject("additional_fields");
        if (type.equals("workspace_build")) {
          extra.put("build_reason", r.nextBoolean() ? "initiator" : "autostart");
          extra.put("workspace_name", "ws-" + user);
        }
        e.put("description", "{user} " + ACTIONS[a] + " workspace {target}");
        e.put("resource_link", "/@user" + user + "/ws-" + user);
        e.put("is_deleted", false);
        ObjectNode u = e.putObject("user");
        u.put("id", new UUID(3, user).toString());
        u.put("username", "user" + user);
        u.put("email", "user" + user + "@example.com");
        u.put("name", "User " + user);
        u.put("created_at", "2024-01-01T00:00:00Z");
        u.put("status", "active");
        w.write(e.toString());
        w.write('\n');
      }
    }
  }

  private static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
