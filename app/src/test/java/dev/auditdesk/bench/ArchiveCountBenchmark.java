package dev.auditdesk.bench;

import dev.auditdesk.archive.ArchiveUrl;
import dev.auditdesk.archive.PostgresArchive;
import dev.auditdesk.archive.TestPostgres;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.EventCount;
import dev.auditdesk.model.Facet;
import java.net.URI;
import java.sql.Connection;
import java.sql.Statement;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Exact counts against PostgreSQL's estimates on an archive of N events: {@code count(*)} with the
 * filters, the total from the table's statistics (what the window shows above {@link
 * PostgresArchive#ESTIMATE_ABOVE}) and the planner's row estimate of each filter. To build N
 * quickly, N/10 synthetic events ({@link SyntheticEvents}) go in through the archive's own upsert
 * and are then copied 9 times in SQL under new ids, each copy one second older (the same skew, 10x
 * the rows).
 *
 * <pre>
 * java -Xmx1g -cp "$CP" dev.auditdesk.bench.ArchiveCountBenchmark 1000000
 * </pre>
 */
public final class ArchiveCountBenchmark {

  record Q(String name, AuditQuery q) {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int seed = events / 10;
    TestPostgres pg = TestPostgres.get();
    ArchiveUrl db = pg.newDatabase();
    PostgresArchive.init(db);
    try (PostgresArchive archive = PostgresArchive.open(db)) {
      archive.rememberDeployment(
          new Deployment(URI.create("https://bench.example.com"), "bench"), "bench");
      long t0 = System.nanoTime();
      SyntheticEvents.inBatches(0, seed, seed, 42, (batch, done) -> archive.upsert(batch));
      System.out.printf(Locale.ROOT, "upserted %,d events: %.1f s%n", seed, secs(t0));
      t0 = System.nanoTime();
      try (Connection c = pg.admin(db.database());
          Statement s = c.createStatement()) {
        s.execute(
            "INSERT INTO audit_event SELECT a.id || '-' || k, a.time - k * interval '1 second',"
                + " action, resource_type, resource_target, resource_id, request_id, username,"
                + " actor_id, email_lc, actor_key, org_name, org_display, org_id, org_label,"
                + " org_key, build_reason, status, ip, search, raw, stored_at"
                + " FROM audit_event a, generate_series(1, 9) k");
        System.out.printf(Locale.ROOT, "copied 9 times in SQL: %.1f s%n", secs(t0));
        t0 = System.nanoTime();
        s.execute("VACUUM ANALYZE audit_event");
        System.out.printf(Locale.ROOT, "VACUUM ANALYZE: %.1f s%n", secs(t0));
      }
      String busiest = archive.facetValues(Facet.USER, AuditQuery.ALL).get(0).value();
      String target = archive.facetValues(Facet.RESOURCE_TARGET, AuditQuery.ALL).get(0).value();
      List<Q> queries =
          List.of(
              new Q("no filter", AuditQuery.ALL),
              new Q("action = start", AuditQuery.ALL.with(Facet.ACTION, Set.of("start"))),
              new Q(
                  "action in (create, delete)",
                  AuditQuery.ALL.with(Facet.ACTION, Set.of("create", "delete"))),
              new Q("user = busiest", AuditQuery.ALL.with(Facet.USER, Set.of(busiest))),
              new Q(
                  "target = most used", AuditQuery.ALL.with(Facet.RESOURCE_TARGET, Set.of(target))),
              new Q(
                  "last 30 days",
                  AuditQuery.ALL.withRange(
                      new DateRange(
                          SyntheticEvents.END.minus(30, ChronoUnit.DAYS), DateRange.ALL.to()))),
              new Q("free text \"dev\"", AuditQuery.ALL.withText("dev")));
      System.out.printf(
          Locale.ROOT,
          "%n| query | exact count | count(*) median (ms) | estimate | estimate median (ms) |"
              + " off by |%n|---|---:|---:|---:|---:|---:|%n");
      for (Q q : queries) {
        long exact = archive.count(q.q());
        double exactMs = median(() -> archive.count(q.q()));
        boolean all = q.q().equals(AuditQuery.ALL);
        Supplier<EventCount> estimate =
            all ? archive::totalCount : () -> archive.plannedCount(q.q());
        EventCount e = estimate.get();
        double estimateMs = median(estimate);
        System.out.printf(
            Locale.ROOT,
            "| %s | %,d | %.1f | %s%,d | %.1f | %+.1f %% |%n",
            q.name() + (all ? " (total: reltuples)" : " (EXPLAIN Plan Rows)"),
            exact,
            exactMs,
            e.estimated() ? "≈ " : "",
            e.value(),
            estimateMs,
            100.0 * (e.value() - exact) / Math.max(1, exact));
      }
    }
  }

  /** Median of 5 runs after one warm-up, in ms. */
  private static double median(Supplier<?> run) {
    run.get();
    double[] ms = new double[5];
    for (int i = 0; i < ms.length; i++) {
      long t = System.nanoTime();
      run.get();
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    return ms[2];
  }

  private static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
