package dev.auditdesk.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.FieldLimit;
import dev.auditdesk.model.SortOrder;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports of events a hostile server could send, and an export whose manifest cannot be saved. */
class HostileExportTest {

  @TempDir Path dir;

  private static final Exporter.Origin ORIGIN =
      new Exporter.Origin(
          new Deployment(URI.create("https://coder.example.com"), "dep-1"),
          Instant.parse("2026-11-02T08:00:00Z"),
          500);

  private static ExportResult export(List<AuditEvent> events, ExportFormat format, Path out)
      throws Exception {
    return Exporter.export(
        events::forEach,
        events.size(),
        ORIGIN,
        new Exporter.Request(AuditQuery.ALL, SortOrder.NEWEST_FIRST, format, out),
        ExportListener.NONE);
  }

  private static int col(String name) {
    return CsvEventWriter.COLUMNS.indexOf(name);
  }

  @Test
  void csvNeutralisesFullwidthAndSpacePrefixedFormulas() throws Exception {
    String[] evil = {
      "\uff1dHYPERLINK(\"http://x\")",
      "\uff0b1+2",
      "\uff0d3",
      "\uff20SUM(A1)",
      " =1+1",
      "  \t=cmd",
      "\u3000=1",
      " +1"
    };
    List<AuditEvent> events = new ArrayList<>();
    for (int i = 0; i < evil.length; i++) {
      ObjectNode n = SampleEvents.json(i);
      n.put("user_agent", evil[i]);
      events.add(SampleEvents.event(n));
    }
    ObjectNode harmless = SampleEvents.json(99);
    harmless.put("user_agent", "  Mozilla 5.0 = fine");
    events.add(SampleEvents.event(harmless));
    Path out = dir.resolve("evil.csv");
    export(events, ExportFormat.CSV, out);
    List<CSVRecord> rows = ExportFilesTest.csv(out);
    for (int i = 0; i < evil.length; i++) {
      assertEquals("'" + evil[i], rows.get(i + 1).get(col("user_agent")), "value " + i);
    }
    assertEquals("  Mozilla 5.0 = fine", rows.get(evil.length + 1).get(col("user_agent")));
  }

  /** A workspace name that reads "exe.txt" backwards with a right-to-left override. */
  private static AuditEvent spoofed() throws Exception {
    ObjectNode n = SampleEvents.json(1);
    n.put("resource_target", "invoice\u202Etxt.exe");
    n.put("user_agent", "curl\u0000\u001b[31m\u2066x\u2069\u200F");
    n.put("description", "{user} deleted \u202Dworkspace {target}");
    return SampleEvents.event(n);
  }

  @Test
  void csvAndHtmlShowBidiAndControlCharactersAsMarkers() throws Exception {
    AuditEvent e = spoofed();
    Path csv = dir.resolve("spoof.csv");
    export(List.of(e), ExportFormat.CSV, csv);
    CSVRecord row = ExportFilesTest.csv(csv).get(1);
    assertEquals("invoice\u27e8U+202E\u27e9txt.exe", row.get(col("resource_target")));
    assertEquals(
        "curl\u27e8U+0000\u27e9\u27e8U+001B\u27e9[31m\u27e8U+2066\u27e9x\u27e8U+2069\u27e9"
            + "\u27e8U+200F\u27e9",
        row.get(col("user_agent")));

    Path html = dir.resolve("spoof.html");
    export(List.of(e), ExportFormat.HTML, html);
    String page = Files.readString(html, StandardCharsets.UTF_8);
    assertTrue(page.contains("invoice\u27e8U+202E\u27e9txt.exe"), "target shown with its marker");
    assertTrue(page.contains("deleted \u27e8U+202D\u27e9workspace"), "description too");
    for (char hidden : new char[] {'\u202E', '\u202D', '\u2066', '\u200F', '\u001b', '\u0000'}) {
      assertFalse(page.indexOf(hidden) >= 0, "no raw U+" + Integer.toHexString(hidden));
      assertFalse(Files.readString(csv).indexOf(hidden) >= 0, "no raw char in CSV");
    }

    // The line-per-event JSON export is the original: it keeps the characters (JSON-escaped or
    // not).
    Path ndjson = dir.resolve("spoof.ndjson");
    export(List.of(e), ExportFormat.NDJSON, ndjson);
    AuditEvent back = AuditEventJson.parse(Files.readAllLines(ndjson).get(0));
    assertEquals("invoice\u202Etxt.exe", back.resourceTarget());
  }

  @Test
  void aMegabyteFieldIsCappedWhileTheRawJsonKeepsItWhole() throws Exception {
    ObjectNode n = SampleEvents.json(2);
    String agent = "A".repeat(3_000_000);
    String target = "t\u00e9".repeat(1_000_000);
    n.put("user_agent", agent);
    n.put("resource_target", target);
    AuditEvent e = AuditEventJson.parse(n.toString());
    assertTrue(e.userAgent().length() <= FieldLimit.MAX_CHARS, "" + e.userAgent().length());
    assertTrue(e.userAgent().startsWith("AAAA"));
    assertTrue(e.userAgent().contains("3000000 characters"), "says how long it was");
    assertTrue(e.resourceTarget().length() <= FieldLimit.MAX_CHARS);
    assertTrue(e.rawJson().contains(agent), "the original is kept");
    assertEquals(e, AuditEventJson.parse(e.rawJson()), "re-reading the original gives the same");

    Path csv = dir.resolve("big.csv");
    export(List.of(e), ExportFormat.CSV, csv);
    assertTrue(Files.size(csv) < 400_000, "CSV holds the capped fields: " + Files.size(csv));
    Path ndjson = dir.resolve("big.ndjson");
    export(List.of(e), ExportFormat.NDJSON, ndjson);
    assertEquals(
        agent, AuditEventJson.mapper().readTree(ndjson.toFile()).path("user_agent").asText());
  }

  @Test
  void aManifestThatCannotBeSavedNeverCostsTheUserTheExport() throws Exception {
    Path out = dir.resolve("view.csv");
    export(SampleEvents.events(5), ExportFormat.CSV, out);
    byte[] before = Files.readAllBytes(out);
    // Something that is not a file now sits where the manifest goes.
    Path manifest = ExportManifest.pathFor(out);
    Files.delete(manifest);
    Files.createDirectories(manifest.resolve("in-the-way"));

    IOException e =
        assertThrows(
            IOException.class, () -> export(SampleEvents.events(9), ExportFormat.CSV, out));
    assertTrue(e.getMessage().contains("manifest could not be saved"), e.getMessage());
    assertTrue(Files.isRegularFile(out), "an export is still there");
    List<CSVRecord> rows = ExportFilesTest.csv(out);
    assertEquals(10, rows.size(), "the new export is complete");
    assertFalse(java.util.Arrays.equals(before, Files.readAllBytes(out)));
    try (var left = Files.list(dir)) {
      assertEquals(
          List.of("view.csv", manifest.getFileName().toString()),
          left.map(p -> p.getFileName().toString()).sorted().toList(),
          "no temporary files are left");
    }
  }
}
