package dev.auditdesk.bench;

import dev.auditdesk.coder.AuditPage;
import dev.auditdesk.coder.CoderClient;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.Deployment;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

/**
 * How fast the demo deployment generates and serves a large history, and how fast {@link
 * CoderClient} reads all of it: the ceiling for the cache helper's full sync. Not a unit test.
 *
 * <p>Run: {@code ./mvnw -q -o -pl app -am test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.auditdesk.bench.DemoServerBenchmark -Dexec.args="1000000"}
 */
public final class DemoServerBenchmark {

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int pageSize = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long heapBefore = rt.totalMemory() - rt.freeMemory();
    long t0 = System.nanoTime();
    try (DemoServer s = DemoServer.start(DemoConfig.defaults().withEvents(events))) {
      double startMs = (System.nanoTime() - t0) / 1e6;
      System.gc();
      long heapAfter = rt.totalMemory() - rt.freeMemory();
      System.out.printf(
          "start with %,d events: %.0f ms, history heap ~%.1f MB (max heap %d MB)%n",
          events, startMs, (heapAfter - heapBefore) / 1e6, rt.maxMemory() >> 20);

      HttpClient http = HttpClient.newHttpClient();
      String token =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(
                  http.send(
                          HttpRequest.newBuilder(s.url().resolve("/api/v2/users/login"))
                              .POST(
                                  HttpRequest.BodyPublishers.ofString(
                                      "{\"email\":\""
                                          + s.email()
                                          + "\",\"password\":\""
                                          + s.password()
                                          + "\"}"))
                              .build(),
                          HttpResponse.BodyHandlers.ofString())
                      .body())
              .path("session_token")
              .asText();
      long[] pageNanos = new long[50];
      long bytes = 0;
      for (int i = 0; i < pageNanos.length + 10; i++) {
        long p0 = System.nanoTime();
        byte[] body =
            http.send(
                    HttpRequest.newBuilder(
                            s.url()
                                .resolve(
                                    "/api/v2/audit?limit="
                                        + pageSize
                                        + "&offset="
                                        + (long) i * pageSize * 7 % Math.max(1, events)))
                        .header("Coder-Session-Token", token)
                        .build(),
                    HttpResponse.BodyHandlers.ofByteArray())
                .body();
        if (i >= 10) {
          pageNanos[i - 10] = System.nanoTime() - p0;
          bytes += body.length;
        }
      }
      Arrays.sort(pageNanos);
      System.out.printf(
          "raw HTTP page of %d events (server generate + serialise + loopback): median %.1f ms,"
              + " p90 %.1f ms, %.0f bytes/event%n",
          pageSize,
          pageNanos[pageNanos.length / 2] / 1e6,
          pageNanos[pageNanos.length * 9 / 10] / 1e6,
          bytes / (double) (pageNanos.length * pageSize));

      try (CoderClient c = CoderClient.create(new Deployment(s.url(), ""))) {
        c.login(s.email(), s.password().toCharArray());
        com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long f0 = System.nanoTime();
        long seen = 0;
        for (long offset = 0; ; offset += pageSize) {
          AuditPage p = c.auditPage("", pageSize, offset);
          seen += p.events().size();
          if (p.received() < pageSize) {
            break;
          }
        }
        double secs = (System.nanoTime() - f0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        System.out.printf(
            "full read through CoderClient (HTTP + parse into AuditEvent): %,d events in %.1f s"
                + " wall = %,.0f events/s; %.1f s CPU for server and client together;"
                + " load average %.1f%n",
            seen, secs, seen / secs, cpu, os.getSystemLoadAverage());
        long q0 = System.nanoTime();
        AuditPage filtered = c.auditPage("action:register", 100, 0);
        System.out.printf(
            "server-side filter (linear scan of %,d events, count capped at %d): %.0f ms,"
                + " count %d%n",
            events, filtered.countCap(), (System.nanoTime() - q0) / 1e6, filtered.count());
      }
    }
  }
}
