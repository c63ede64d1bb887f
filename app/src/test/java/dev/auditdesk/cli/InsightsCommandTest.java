package dev.auditdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.auditdesk.ExitCodes;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.coder.CoderClient;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.SortOrder;
import dev.auditdesk.sync.SyncEngine;
import dev.auditdesk.sync.SyncListener;
import dev.auditdesk.sync.SyncSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code auditdesk insights} over a cache synced from the demo deployment with its patterns. */
class InsightsCommandTest {

  static final Instant END = Instant.parse("2026-11-20T12:00:00Z");

  @TempDir static Path caches;
  static String url;
  static Set<String> cachedIds = new HashSet<>();

  @BeforeAll
  static void sync() throws Exception {
    DemoConfig cfg =
        DemoConfig.defaults().withPort(0).withEvents(3_000).withSeed(8).withHistoryEnd(END);
    try (DemoServer server = DemoServer.start(cfg.withInsightPatterns(true))) {
      Deployment d = new Deployment(server.url(), "");
      url = server.url().toString();
      try (CoderClient client = CoderClient.create(d);
          H2AuditCache cache = CacheStore.open(caches, d, CacheStore.OpenMode.READ_WRITE)) {
        client.login(server.email(), DemoServer.PASSWORD.toCharArray());
        new SyncEngine(client, cache, SyncSettings.defaults()).run(SyncListener.NONE, () -> false);
        cache.forEach(AuditQuery.ALL, SortOrder.NEWEST_FIRST, e -> cachedIds.add(e.id()));
      }
    }
  }

  @Test
  void jsonListsTheFindingsNewestFirstWithTheirEvents() throws Exception {
    CliRun r =
        CliRun.run(
            "insights", "--cache", caches.toString(), "--url", url, "--json", "--zone", "UTC");
    assertEquals(ExitCodes.OK, r.exit(), r.err());
    JsonNode n = AuditEventJson.mapper().readTree(r.out());
    assertEquals(url, n.path("deployment").asText());
    JsonNode findings = n.path("findings");
    assertEquals(findings.size(), n.path("count").asInt());
    Set<String> rules = new HashSet<>();
    Instant previous = Instant.MAX;
    for (JsonNode f : findings) {
      rules.add(f.path("rule").asText());
      Instant t = Instant.parse(f.path("time").asText());
      assertFalse(t.isAfter(previous), "newest first");
      previous = t;
      if (f.path("log").asText().equals("audit")) {
        for (JsonNode id : f.path("ids")) {
          assertTrue(cachedIds.contains(id.asText()), "an event of the cache: " + id);
        }
      }
    }
    assertTrue(
        rules.containsAll(
            Set.of(
                "failed-sign-ins",
                "new-address",
                "privilege-grant",
                "mass-deletion",
                "secret-change",
                "denied-connection")),
        rules.toString());
  }

  @Test
  void theTableHasOneLinePerFindingAndSinceLeavesOutOlderOnes() {
    CliRun all = CliRun.run("insights", "--cache", caches.toString(), "--url", url);
    assertEquals(ExitCodes.OK, all.exit(), all.err());
    String[] lines = all.out().split("\\R");
    assertTrue(lines[0].startsWith("TIME"), lines[0]);
    assertTrue(all.out().contains("14 failed sign-ins for "), all.out());
    assertTrue(all.err().contains((lines.length - 1) + " findings"), all.err());
    CliRun recent =
        CliRun.run("insights", "--cache", caches.toString(), "--url", url, "--since", "2026-11-19");
    assertEquals(ExitCodes.OK, recent.exit());
    assertTrue(recent.out().split("\\R").length < lines.length);
    assertTrue(recent.out().contains("192.0.2.44"), "the new address, yesterday: " + recent.out());
    assertFalse(recent.out().contains("24 resources"), "the mass deletion was four days ago");
  }

  @Test
  void aBadDateOrZoneIsAUsageError() {
    CliRun bad =
        CliRun.run("insights", "--cache", caches.toString(), "--url", url, "--since", "yesterday");
    assertEquals(ExitCodes.USAGE, bad.exit());
    assertTrue(bad.err().contains("--since \"yesterday\" is not a date"), bad.err());
    CliRun zone =
        CliRun.run("insights", "--cache", caches.toString(), "--url", url, "--zone", "Mars/Base");
    assertEquals(ExitCodes.USAGE, zone.exit());
    assertTrue(zone.err().contains("not a time zone"), zone.err());
  }
}
