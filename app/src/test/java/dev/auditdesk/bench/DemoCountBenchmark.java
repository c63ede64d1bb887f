package dev.auditdesk.bench;

import dev.auditdesk.coder.AuditPage;
import dev.auditdesk.coder.CoderClient;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoQuirks;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.ResourceTypes;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * What the count requests of a sync's split cost the demo deployment: for sampled days of an
 * N-event history, the count per action and, for actions above the count cap, per action and
 * resource type, as {@code Reconciler} asks them. A 10M history has ~9,000 events a day, every day
 * above the cap of 2,000, so a full sync asks these ~1,100 times.
 *
 * <pre>java -Xmx2g -cp "$CP" dev.auditdesk.bench.DemoCountBenchmark 10000000 8</pre>
 */
public final class DemoCountBenchmark {

  static final List<String> ACTIONS =
      List.of(
          "create",
          "write",
          "delete",
          "start",
          "stop",
          "login",
          "logout",
          "register",
          "request_password_reset",
          "connect",
          "disconnect",
          "open",
          "close");

  private DemoCountBenchmark() {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
    int days = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    try (DemoServer server =
            DemoServer.start(
                DemoConfig.defaults().withEvents(events).withPort(0).withQuirks(DemoQuirks.REAL));
        CoderClient client = CoderClient.create(new Deployment(server.url(), ""))) {
      client.login(server.email(), server.password().toCharArray());
      LocalDate newest =
          client.auditPage("", 1, 0).events().get(0).time().atZone(ZoneOffset.UTC).toLocalDate();
      long totalMs = 0;
      int totalRequests = 0;
      for (int k = 1; k <= days; k++) {
        LocalDate d = newest.minusDays(k * 97L);
        String w = "date_from:" + d + " date_to:" + d;
        long t0 = System.nanoTime();
        int requests = 1;
        AuditPage day = client.auditPage(w, 1, 0);
        for (String a : ACTIONS) {
          AuditPage c = client.auditPage(w + " action:" + a, 1, 0);
          requests++;
          if (c.count() > c.countCap()) {
            for (String type : ResourceTypes.KNOWN) {
              requests++;
              try {
                client.auditPage(w + " action:" + a + " resource_type:" + type, 1, 0);
              } catch (dev.auditdesk.coder.CoderException refused) {
                // A type this server does not know: the sync counts it as none, so do we.
              }
            }
          }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        totalMs += ms;
        totalRequests += requests;
        System.out.printf(
            Locale.ROOT,
            "%s: %,d events (count %s), %d requests, %,d ms%n",
            d,
            day.count(),
            day.count() > day.countCap() ? "capped" : "exact",
            requests,
            ms);
      }
      System.out.printf(
          Locale.ROOT,
          "mean per day: %d requests, %,d ms; x 1,100 days = %,d s%n",
          totalRequests / days,
          totalMs / days,
          totalMs / days * 1_100 / 1_000);
    }
  }
}
