package dev.auditdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.auditdesk.ExitCodes;
import dev.auditdesk.export.ExportFormat;
import dev.auditdesk.export.ExportListener;
import dev.auditdesk.export.Exporter;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.SortOrder;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {

  @TempDir Path dir;

  private Path exported(ExportFormat format) throws Exception {
    List<AuditEvent> events = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      events.add(
          AuditEventJson.parse(
              "{\"id\":\"e"
                  + i
                  + "\",\"time\":\"2026-11-0"
                  + (1 + i % 9)
                  + "T10:00:00Z\",\"action\":\"create\",\"resource_type\":\"workspace\","
                  + "\"user\":{\"username\":\"alice\"}}"));
    }
    Path out = dir.resolve("view." + format.extension());
    Exporter.export(
        events::forEach,
        events.size(),
        new Exporter.Origin(
            new Deployment(URI.create("https://coder.example.com"), ""), Instant.EPOCH, 12),
        new Exporter.Request(AuditQuery.ALL, SortOrder.NEWEST_FIRST, format, out),
        ExportListener.NONE);
    return out;
  }

  @Test
  void anUntouchedExportVerifiesWithExitZero() throws Exception {
    for (ExportFormat f : ExportFormat.values()) {
      Path file = exported(f);
      CliRun r = CliRun.run("verify", file.toString());
      assertEquals(ExitCodes.OK, r.exit(), r.err());
      assertTrue(r.err().contains("matches its manifest: 12 events"), r.err());
    }
  }

  @Test
  void aTamperedExportFailsWithExitSixAndSaysWhatDiffers() throws Exception {
    Path file = exported(ExportFormat.NDJSON);
    Files.writeString(file, Files.readString(file).replace("alice", "bob"));
    CliRun r = CliRun.run("verify", "--json", file.toString());
    assertEquals(ExitCodes.VERIFY_FAILED, r.exit());
    assertTrue(r.err().contains("changed after it was exported"), r.err());
    JsonNode json = AuditEventJson.mapper().readTree(r.out());
    assertEquals(false, json.path("ok").asBoolean(true));
    assertTrue(json.path("differences").get(0).asText().contains("SHA-256"), r.out());
  }

  @Test
  void aMissingManifestFailsVerificationAndAMissingFileIsAUsageError() throws Exception {
    Path file = exported(ExportFormat.CSV);
    Files.delete(dir.resolve("view.csv.manifest.json"));
    CliRun r = CliRun.run("verify", file.toString());
    assertEquals(ExitCodes.VERIFY_FAILED, r.exit());
    assertTrue(r.err().contains("no manifest"), r.err());

    CliRun missing = CliRun.run("verify", dir.resolve("nope.csv").toString());
    assertEquals(ExitCodes.USAGE, missing.exit());
    assertTrue(missing.err().contains("There is no file"), missing.err());
    assertEquals(ExitCodes.USAGE, CliRun.run("verify").exit());
  }
}
