package dev.auditdesk.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.coder.CoderClient;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DayCheck;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.SortOrder;
import dev.auditdesk.sync.SyncEngine;
import dev.auditdesk.sync.SyncSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An export's manifest says whether every day it covers was reconciled with the server. */
class ExportCoverageTest {

  @TempDir Path dir;

  @Test
  void theManifestSaysEveryDayWasVerifiedAndNamesADayThatWasNot() throws Exception {
    try (DemoServer s = DemoServer.start(DemoConfig.defaults().withEvents(2_000).withPort(0));
        CoderClient c = CoderClient.create(new Deployment(s.url(), ""));
        H2AuditCache cache =
            CacheStore.open(
                dir.resolve("caches"),
                new Deployment(s.url(), ""),
                CacheStore.OpenMode.READ_WRITE)) {
      c.login(s.email(), DemoServer.PASSWORD.toCharArray());
      new SyncEngine(c, cache, SyncSettings.defaults()).run(null, null);

      ExportResult whole = export(cache, dir.resolve("all.csv"));
      assertTrue(whole.manifest().coverage().verified());
      assertEquals(s.visibleEventsPerDay().size(), whole.manifest().coverage().days());
      JsonNode json =
          AuditEventJson.mapper()
              .readTree(Files.readString(ExportManifest.pathFor(dir.resolve("all.csv"))));
      assertTrue(json.path("completeness").path("every_day_verified").asBoolean());

      DayCheck d = cache.dayChecks().lastEntry().getValue();
      cache.saveDayChecks(
          List.of(
              new DayCheck(
                  d.day(),
                  DayCheck.State.UNVERIFIED,
                  d.serverCount() + 3,
                  d.cacheCount(),
                  d.windowCount() + 3,
                  d.seamCount(),
                  d.nextOlder(),
                  Instant.now(),
                  "The server counts 3 more.")));
      ExportResult partly = export(cache, dir.resolve("partly.ndjson"));
      assertFalse(partly.manifest().coverage().verified());
      assertEquals(List.of(d.day()), partly.manifest().coverage().unverified());
      assertEquals(
          partly.manifest().coverage(),
          ExportManifest.read(ExportManifest.pathFor(dir.resolve("partly.ndjson"))).coverage(),
          "the manifest reads back what it wrote");
    }
  }

  private static ExportResult export(H2AuditCache cache, Path out) throws Exception {
    return Exporter.export(
        cache,
        new Exporter.Request(
            AuditQuery.ALL, SortOrder.NEWEST_FIRST, ExportFormat.parse(ext(out)), out),
        ExportListener.NONE);
  }

  private static String ext(Path p) {
    String n = p.getFileName().toString();
    return n.substring(n.lastIndexOf('.') + 1);
  }
}
