package dev.auditdesk.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.SortOrder;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportFilesTest {

  @TempDir Path dir;

  private static final Exporter.Origin ORIGIN =
      new Exporter.Origin(
          new Deployment(URI.create("https://coder.example.com"), "dep-1"),
          Instant.parse("2026-11-02T08:00:00Z"),
          500);

  private ExportResult export(List<AuditEvent> events, ExportFormat format, Path out)
      throws Exception {
    return Exporter.export(
        events::forEach,
        events.size(),
        ORIGIN,
        new Exporter.Request(AuditQuery.ALL, SortOrder.NEWEST_FIRST, format, out),
        ExportListener.NONE);
  }

  @Test
  void csvHasHeaderOneRowPerEventInOrderAndUtcIsoTimes() throws Exception {
    List<AuditEvent> events = SampleEvents.events(50);
    Path out = dir.resolve("view.csv");
    export(events, ExportFormat.CSV, out);

    List<CSVRecord> rows = csv(out);
    assertEquals(CsvEventWriter.COLUMNS, rows.get(0).toList());
    assertEquals(51, rows.size());
    for (int i = 0; i < events.size(); i++) {
      CSVRecord r = rows.get(i + 1);
      AuditEvent e = events.get(i);
      assertEquals(e.id(), r.get(0));
      assertEquals(e.time().toString(), r.get(1));
      assertTrue(r.get(1).endsWith("Z"), r.get(1));
      assertEquals(e.actor().username(), r.get(2));
      assertEquals(e.action(), r.get(3));
      assertEquals(String.valueOf(e.statusCode()), r.get(6));
      assertEquals("Coder", r.get(9));
    }
    JsonNode diff = AuditEventJson.mapper().readTree(rows.get(1).get(11));
    assertEquals("new \"quoted\", 0", diff.path("name").path("new").asText());
    assertEquals(
        "ws-0",
        AuditEventJson.mapper().readTree(rows.get(1).get(12)).path("workspace_name").asText());
    assertFalse(rows.get(1).get(11).contains("\n"), "diff is compact JSON");
  }

  @Test
  void csvNeutralisesCellsASpreadsheetWouldRunAsFormulas() throws Exception {
    List<AuditEvent> events = new ArrayList<>();
    String[] evil = {"=HYPERLINK(\"http://x\")", "+1+2", "-3", "@SUM(A1)", "\tcmd", "\rcmd"};
    for (int i = 0; i < evil.length; i++) {
      ObjectNode n = SampleEvents.json(i);
      n.put("user_agent", evil[i]);
      n.put("resource_target", evil[i]);
      events.add(SampleEvents.event(n));
    }
    Path out = dir.resolve("evil.csv");
    export(events, ExportFormat.CSV, out);
    List<CSVRecord> rows = csv(out);
    for (int i = 0; i < evil.length; i++) {
      // A carriage return is neutralised and also shown as a marker (VisibleText).
      String shown = "'" + dev.auditdesk.model.VisibleText.of(evil[i]);
      assertEquals(shown, rows.get(i + 1).get(CsvEventWriter.COLUMNS.indexOf("user_agent")));
      assertEquals(shown, rows.get(i + 1).get(CsvEventWriter.COLUMNS.indexOf("resource_target")));
    }
  }

  @Test
  void csvNeverWritesTheValuesOfSecretDiffFields() throws Exception {
    ObjectNode n = SampleEvents.json(1);
    ObjectNode token = ((ObjectNode) n.get("diff")).putObject("git_token");
    token.put("old", "ghp_oldsecretvalue");
    token.put("new", "ghp_newsecretvalue");
    token.put("secret", true);
    Path out = dir.resolve("secret.csv");
    export(List.of(SampleEvents.event(n)), ExportFormat.CSV, out);
    String text = Files.readString(out);
    assertFalse(text.contains("secretvalue"), text);
    JsonNode diff =
        AuditEventJson.mapper()
            .readTree(csv(out).get(1).get(CsvEventWriter.COLUMNS.indexOf("diff")));
    assertTrue(diff.path("git_token").path("secret").asBoolean());
  }

  @Test
  void ndjsonKeepsEveryOriginalEventJsonOnItsOwnLine() throws Exception {
    List<AuditEvent> events = SampleEvents.events(40);
    Path out = dir.resolve("view.ndjson");
    export(events, ExportFormat.NDJSON, out);
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertEquals(events.stream().map(AuditEvent::rawJson).toList(), lines);
  }

  @Test
  void ndjsonCompactsAPrettyPrintedOriginalWithoutLosingAField() throws Exception {
    ObjectNode n = SampleEvents.json(3);
    n.put("field_from_the_future", "kept");
    String pretty = AuditEventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(n);
    AuditEvent e = AuditEventJson.parse(pretty);
    Path out = dir.resolve("one.ndjson");
    export(List.of(e), ExportFormat.NDJSON, out);
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertEquals(1, lines.size());
    assertEquals(n, AuditEventJson.mapper().readTree(lines.get(0)));
  }

  @Test
  void jsonArrayHoldsTheOriginalEventsInOrder() throws Exception {
    List<AuditEvent> events = SampleEvents.events(25);
    Path out = dir.resolve("view.json");
    export(events, ExportFormat.JSON, out);
    JsonNode array = AuditEventJson.mapper().readTree(out.toFile());
    assertEquals(25, array.size());
    for (int i = 0; i < 25; i++) {
      assertEquals(AuditEventJson.mapper().readTree(events.get(i).rawJson()), array.get(i));
    }
    Path empty = dir.resolve("empty.json");
    export(List.of(), ExportFormat.JSON, empty);
    assertEquals(0, AuditEventJson.mapper().readTree(empty.toFile()).size());
  }

  @Test
  void htmlReportEscapesValuesAndSummarisesCounts() throws Exception {
    ObjectNode n = SampleEvents.json(0);
    n.put("resource_target", "<script>alert('x')</script>");
    List<AuditEvent> events = new ArrayList<>(SampleEvents.events(12));
    events.add(SampleEvents.event(n));
    Path out = dir.resolve("report.html");
    ExportResult r = export(events, ExportFormat.HTML, out);
    String html = Files.readString(out);
    assertFalse(html.contains("<script>"), "target is escaped");
    assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assertTrue(html.contains("13 events"), "summary total");
    assertTrue(html.contains("<h2>By action</h2>"));
    assertEquals(13, r.manifest().rows());
    assertTrue(Verifier.verify(out).ok());
  }

  @Test
  void manifestDescribesTheExportAndVerifies() throws Exception {
    List<AuditEvent> events = SampleEvents.events(30);
    Path out = dir.resolve("view.ndjson");
    AuditQuery q = AuditQuery.ALL.with(dev.auditdesk.model.Facet.ACTION, Set.of("create"));
    ExportResult r =
        Exporter.export(
            events::forEach,
            30,
            ORIGIN,
            new Exporter.Request(q, SortOrder.NEWEST_FIRST, ExportFormat.NDJSON, out),
            ExportListener.NONE);

    assertEquals(ExportManifest.pathFor(out), r.manifestFile());
    ExportManifest m = ExportManifest.read(r.manifestFile());
    assertEquals(30, m.rows());
    assertEquals(Files.size(out), m.bytes());
    assertEquals(Verifier.sha256(out), m.sha256());
    assertEquals(q, m.query());
    assertEquals("action:create", m.coderQuery());
    assertEquals(SortOrder.NEWEST_FIRST, m.sort());
    assertEquals(events.get(29).time(), m.oldest());
    assertEquals(events.get(0).time(), m.newest());
    assertEquals(ORIGIN.cacheLastSync(), m.cacheLastSync());
    assertEquals("https://coder.example.com", m.deployment().url().toString());
    assertEquals("view.ndjson", m.file());
    assertTrue(Verifier.verify(out).ok(), Verifier.verify(out).message());
  }

  @Test
  void aTamperedFileFailsVerificationSayingWhatDiffers() throws Exception {
    Path out = dir.resolve("view.csv");
    export(SampleEvents.events(20), ExportFormat.CSV, out);
    List<String> lines = new ArrayList<>(Files.readAllLines(out));
    lines.remove(5);
    Files.write(out, lines);

    Verifier.Result r = Verifier.verify(out);
    assertFalse(r.ok());
    assertTrue(r.message().contains("SHA-256"), r.message());
    assertTrue(r.message().contains("holds 19 events, but the manifest says 20"), r.message());

    Path same = dir.resolve("same.ndjson");
    export(SampleEvents.events(5), ExportFormat.NDJSON, same);
    String text = Files.readString(same).replace("\"alice\"", "\"mallory\"");
    Files.writeString(same, text);
    Verifier.Result r2 = Verifier.verify(same);
    assertFalse(r2.ok());
    assertTrue(r2.message().contains("changed after it was exported"), r2.message());
  }

  @Test
  void verifyingAFileWithoutManifestSaysSo() throws Exception {
    Path f = dir.resolve("lonely.csv");
    Files.writeString(f, "id\n");
    IOException e = assertThrows(IOException.class, () -> Verifier.verify(f));
    assertTrue(e.getMessage().contains("no manifest"), e.getMessage());
  }

  @Test
  void aCancelledExportLeavesNoFileAndKeepsAnOlderOne() throws Exception {
    Path out = dir.resolve("view.csv");
    Files.writeString(out, "older export\n");
    List<AuditEvent> events = SampleEvents.events(2000);
    List<Long> progress = new ArrayList<>();
    ExportListener cancelAfter1000 =
        new ExportListener() {
          long asked;

          @Override
          public boolean cancelled() {
            return ++asked > 4;
          }

          @Override
          public void progress(long written, long expected) {
            progress.add(written);
          }
        };
    assertThrows(
        ExportCancelledException.class,
        () ->
            Exporter.export(
                events::forEach,
                events.size(),
                ORIGIN,
                new Exporter.Request(AuditQuery.ALL, SortOrder.NEWEST_FIRST, ExportFormat.CSV, out),
                cancelAfter1000));
    assertEquals("older export\n", Files.readString(out));
    assertFalse(Files.exists(ExportManifest.pathFor(out)));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(out), files.toList(), "no temporary file is left behind");
    }
  }

  @Test
  void aFailingSourceLeavesNothingUnderTheFinalName() {
    Path out = dir.resolve("view.json");
    List<AuditEvent> events = SampleEvents.events(10);
    Exporter.EventSource failing =
        c -> {
          events.forEach(c);
          throw new IllegalStateException("The cache file was removed.");
        };
    assertThrows(
        IllegalStateException.class,
        () ->
            Exporter.export(
                failing,
                10,
                ORIGIN,
                new Exporter.Request(
                    AuditQuery.ALL, SortOrder.NEWEST_FIRST, ExportFormat.JSON, out),
                ExportListener.NONE));
    assertFalse(Files.exists(out));
    assertFalse(Files.exists(ExportManifest.pathFor(out)));
  }

  @Test
  void progressIsReportedUpToTheFinalCount() throws Exception {
    List<AuditEvent> events = SampleEvents.events(10_000);
    List<Long> seen = new ArrayList<>();
    Exporter.export(
        events::forEach,
        events.size(),
        ORIGIN,
        new Exporter.Request(
            AuditQuery.ALL, SortOrder.NEWEST_FIRST, ExportFormat.NDJSON, dir.resolve("p.ndjson")),
        new ExportListener() {
          @Override
          public void progress(long written, long expected) {
            assertEquals(10_000, expected);
            seen.add(written);
          }
        });
    assertTrue(seen.size() >= 2, seen.toString());
    assertEquals(10_000L, seen.get(seen.size() - 1));
  }

  static List<CSVRecord> csv(Path f) throws IOException {
    try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8);
        CSVParser p = CSVParser.builder().setReader(r).setFormat(CSVFormat.RFC4180).get()) {
      return p.getRecords();
    }
  }
}
