package dev.auditdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.auditdesk.DemoDeployments;
import dev.auditdesk.ExitCodes;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.export.ExportManifest;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.format.ConnectionRowJson;
import dev.auditdesk.model.ConnectionRow;
import dev.auditdesk.model.ConnectionStatus;
import dev.auditdesk.model.ConnectionType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code sync} reports both logs; {@code export --log connections} writes the connection log. */
class ConnectionLogCommandTest {

  @TempDir Path dir;
  @RegisterExtension final DemoDeployments demos = new DemoDeployments();

  private CliRun sync(DemoServer s) throws Exception {
    Path pw = dir.resolve("pw");
    Files.writeString(pw, s.password() + "\n");
    return CliRun.run(
        "sync",
        "--url",
        s.url().toString(),
        "--email",
        s.email(),
        "--password-file",
        pw.toString(),
        "--cache",
        dir.resolve("caches").toString(),
        "--json");
  }

  private CliRun export(String... args) {
    List<String> all =
        new java.util.ArrayList<>(List.of("export", "--cache", dir.resolve("caches").toString()));
    all.addAll(List.of(args));
    return CliRun.run(all.toArray(String[]::new));
  }

  @Test
  void syncReportsBothLogsAndNdjsonExportWritesOneOriginalRowPerLine() throws Exception {
    DemoServer s = demos.start(DemoConfig.defaults().withEvents(400).withConnections(500));
    CliRun run = sync(s);
    assertEquals(ExitCodes.OK, run.exit(), run.err());
    JsonNode summary = AuditEventJson.mapper().readTree(run.out());
    assertEquals(400, summary.get("new_events").asLong());
    JsonNode conn = summary.get("connection_log");
    assertTrue(conn.get("available").asBoolean(), conn.toString());
    assertEquals(500, conn.get("new_rows").asLong());
    assertEquals(500, conn.get("cached_rows").asLong());
    assertTrue(conn.get("completeness").get("complete").asBoolean(), conn.toString());
    assertTrue(run.err().contains("Connection log: 500 new"), run.err());

    Path out = dir.resolve("connections.ndjson");
    CliRun ex = export("--log", "connections", "--format", "ndjson", "--out", out.toString());
    assertEquals(ExitCodes.OK, ex.exit(), ex.err());
    List<String> lines = Files.readAllLines(out);
    assertEquals(500, lines.size());
    Map<String, ConnectionRow> server = new HashMap<>();
    s.connectionRows().forEach(r -> server.put(r.id(), r));
    Set<String> ids = new HashSet<>();
    for (String line : lines) {
      ConnectionRow r = ConnectionRowJson.parse(line);
      assertEquals(line, r.rawJson());
      assertEquals(server.get(r.id()).connectTime(), r.connectTime());
      ids.add(r.id());
    }
    assertEquals(server.keySet(), ids, "one original row per line, every row once");
  }

  @Test
  void aConnectionExportWritesAManifestWithItsChecksumFilterAndVerifiedDays() throws Exception {
    DemoServer s = demos.start(DemoConfig.defaults().withEvents(100).withConnections(500));
    assertEquals(ExitCodes.OK, sync(s).exit());
    Path out = dir.resolve("ssh.csv");

    CliRun ex =
        export(
            "--log",
            "connections",
            "--format",
            "csv",
            "--type",
            "ssh",
            "--out",
            out.toString(),
            "--json");

    assertEquals(ExitCodes.OK, ex.exit(), ex.err());
    Path manifestFile = ExportManifest.pathFor(out);
    assertTrue(ex.err().contains("with its manifest " + manifestFile.getFileName()), ex.err());
    ExportManifest m = ExportManifest.read(manifestFile);
    assertTrue(m.ofConnections(), "a manifest of the connection log");
    assertEquals(
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(out))),
        m.sha256());
    assertEquals(Files.size(out), m.bytes());
    long ssh = s.connectionRows().stream().filter(r -> r.family() == ConnectionType.SSH).count();
    assertEquals(ssh, m.rows());
    assertEquals(ssh + 1, Files.readAllLines(out).size(), "the header and one line per row");
    assertEquals(Set.of(ConnectionType.SSH), m.connectionQuery().families());
    assertEquals(500, m.cacheEvents(), "the cached connection log it was taken from");
    Set<java.time.LocalDate> days = new HashSet<>();
    s.connectionRows().stream()
        .filter(r -> r.family() == ConnectionType.SSH)
        .forEach(r -> days.add(java.time.LocalDate.ofInstant(r.connectTime(), ZoneOffset.UTC)));
    assertEquals(days.size(), m.coverage().days(), "every UTC day the rows cover");
    assertTrue(m.coverage().verified(), "a complete sync verified every one of them");
    JsonNode raw = AuditEventJson.mapper().readTree(manifestFile.toFile());
    assertEquals("connections", raw.get("log").asText());
    assertEquals(List.of("ssh"), List.of(raw.at("/filter/connection_query/families/0").asText()));
    JsonNode summary = AuditEventJson.mapper().readTree(ex.out());
    assertEquals(manifestFile.toString(), summary.get("manifest").asText());
    assertTrue(summary.get("every_day_verified").asBoolean());

    CliRun verify = CliRun.run("verify", out.toString());
    assertEquals(
        ExitCodes.OK, verify.exit(), "verify accepts it as an audit export: " + verify.err());
    Files.writeString(out, "tampered\n", java.nio.file.StandardOpenOption.APPEND);
    assertTrue(CliRun.run("verify", out.toString()).exit() != ExitCodes.OK, "and sees a change");
  }

  @Test
  void connectionFiltersNarrowTheExportAndCsvHasAHeader() throws Exception {
    DemoServer s = demos.start(DemoConfig.defaults().withEvents(100).withConnections(400));
    assertEquals(ExitCodes.OK, sync(s).exit());
    ConnectionRow someone = s.connectionRows().get(10);
    Path out = dir.resolve("vscode.ndjson");
    CliRun ex =
        export(
            "--log",
            "connections",
            "--format",
            "ndjson",
            "--out",
            out.toString(),
            "--type",
            "vscode",
            "--type",
            "ssh",
            "--owner",
            someone.workspaceOwnerUsername());
    assertEquals(ExitCodes.OK, ex.exit(), ex.err());
    Set<String> expected =
        s.connectionRows().stream()
            .filter(r -> r.family() == ConnectionType.VSCODE || r.family() == ConnectionType.SSH)
            .filter(r -> r.workspaceOwnerUsername().equals(someone.workspaceOwnerUsername()))
            .map(ConnectionRow::id)
            .collect(Collectors.toSet());
    Set<String> got = new HashSet<>();
    for (String line : Files.readAllLines(out)) {
      got.add(ConnectionRowJson.parse(line).id());
    }
    assertEquals(expected, got);

    Path csv = dir.resolve("open.csv");
    CliRun open =
        export(
            "--log",
            "connections",
            "--format",
            "csv",
            "--out",
            csv.toString(),
            "--status",
            "ongoing");
    assertEquals(ExitCodes.OK, open.exit(), open.err());
    List<String> rows = Files.readAllLines(csv);
    assertTrue(rows.get(0).startsWith("id,connect_time,disconnect_time,duration_seconds"));
    long ongoing =
        s.connectionRows().stream().filter(r -> r.status() == ConnectionStatus.ONGOING).count();
    assertEquals(ongoing + 1, rows.size());

    CliRun mixed = export("--format", "csv", "--out", csv.toString(), "--owner", "x");
    assertEquals(ExitCodes.USAGE, mixed.exit());
    assertTrue(mixed.err().contains("--log connections"), mixed.err());
    CliRun html = export("--log", "connections", "--format", "html", "--out", csv.toString());
    assertEquals(ExitCodes.USAGE, html.exit());
  }

  @Test
  void aServerWithoutTheConnectionLogSyncsTheAuditLogAndSaysSoOnce() throws Exception {
    DemoServer s = demos.start(DemoConfig.defaults().withEvents(300).withConnectionLog(false));
    CliRun run = sync(s);
    assertEquals(ExitCodes.OK, run.exit(), run.err());
    JsonNode summary = AuditEventJson.mapper().readTree(run.out());
    assertTrue(summary.get("ok").asBoolean());
    assertEquals(300, summary.get("cached_events").asLong());
    JsonNode conn = summary.get("connection_log");
    assertFalse(conn.get("available").asBoolean(), conn.toString());
    assertEquals("not_supported", conn.get("reason").asText());
    assertTrue(conn.get("message").asText().contains("no connection log"), conn.toString());
    assertEquals(1, run.err().split("no connection log", -1).length - 1, "said once: " + run.err());
  }
}
