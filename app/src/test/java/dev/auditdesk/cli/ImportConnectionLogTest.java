package dev.auditdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.auditdesk.DemoDeployments;
import dev.auditdesk.ExitCodes;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.export.Importer;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.format.ConnectionRowJson;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.ConnectionQuery;
import dev.auditdesk.model.ConnectionRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import} reads connection-log rows into the cache's connection log, beside audit events.
 */
class ImportConnectionLogTest {

  @TempDir Path dir;
  @RegisterExtension final DemoDeployments demos = new DemoDeployments();

  private Path synced(DemoServer s) throws Exception {
    Path pw = dir.resolve("pw");
    Files.writeString(pw, s.password() + "\n");
    Path caches = dir.resolve("caches");
    CliRun run =
        CliRun.run(
            "sync",
            "--url",
            s.url().toString(),
            "--email",
            s.email(),
            "--password-file",
            pw.toString(),
            "--cache",
            caches.toString());
    assertEquals(ExitCodes.OK, run.exit(), run.err());
    return caches;
  }

  private Path export(Path caches, String log, String name) {
    Path out = dir.resolve(name);
    CliRun ex =
        CliRun.run(
            "export",
            "--cache",
            caches.toString(),
            "--log",
            log,
            "--format",
            "ndjson",
            "--out",
            out.toString());
    assertEquals(ExitCodes.OK, ex.exit(), ex.err());
    return out;
  }

  private CliRun importInto(Path caches, String name, Path file) {
    return CliRun.run(
        "import", "--cache", caches.toString(), "--deployment", name, "--json", file.toString());
  }

  private static Map<String, ConnectionRow> byId(List<ConnectionRow> rows) {
    Map<String, ConnectionRow> m = new HashMap<>();
    rows.forEach(r -> m.put(r.id(), r));
    return m;
  }

  @Test
  void exportedConnectionsImportIntoAFreshCacheAsTheSameRows() throws Exception {
    DemoServer s = demos.start(DemoConfig.defaults().withEvents(50).withConnections(300));
    Path file = export(synced(s), "connections", "connections.ndjson");
    Path fresh = dir.resolve("fresh");

    CliRun run = importInto(fresh, "restored", file);
    assertEquals(ExitCodes.OK, run.exit(), run.err());
    assertTrue(run.err().contains("Imported 300 new connection-log rows"), run.err());
    JsonNode summary = AuditEventJson.mapper().readTree(run.out());
    assertEquals(0, summary.get("read").asLong(), "no line is taken for an audit event");
    assertEquals(0, summary.get("bad_lines").asLong(), summary.toString());
    assertEquals(300, summary.get("connection_log").get("imported").asLong());

    List<ConnectionRow> exported = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      exported.add(ConnectionRowJson.parse(line));
    }
    Map<String, ConnectionRow> want = byId(exported);
    assertEquals(byId(s.connectionRows()).keySet(), want.keySet());
    try (H2AuditCache c =
        CacheStore.open(fresh, Importer.deploymentFor("restored"), CacheStore.OpenMode.READ_ONLY)) {
      assertEquals(0, c.total());
      List<ConnectionRow> got = new ArrayList<>();
      c.connections().forEach(ConnectionQuery.ALL, got::add);
      assertEquals(want.keySet(), byId(got).keySet());
      for (ConnectionRow r : got) {
        ConnectionRow w = want.get(r.id());
        assertEquals(w.connectTime(), r.connectTime());
        assertEquals(w.status(), r.status(), r.id());
        assertEquals(w.type(), r.type());
        assertEquals(w.workspaceId(), r.workspaceId());
        assertEquals(w.workspaceOwnerUsername(), r.workspaceOwnerUsername());
        assertEquals(w.organization(), r.organization());
        assertEquals(w.sshInfo(), r.sshInfo());
        assertEquals(w.webInfo(), r.webInfo());
      }
    }

    CliRun again = importInto(fresh, "restored", file);
    JsonNode second = AuditEventJson.mapper().readTree(again.out()).get("connection_log");
    assertEquals(300, second.get("read").asLong());
    assertEquals(0, second.get("imported").asLong(), "importing twice changes nothing");
    assertEquals(0, second.get("updated").asLong());
  }

  @Test
  void aMixedFileCountsEventsAndConnectionRowsApart() throws Exception {
    DemoServer s = demos.start(DemoConfig.defaults().withEvents(120).withConnections(80));
    Path caches = synced(s);
    List<String> audit = Files.readAllLines(export(caches, "audit", "audit.ndjson"));
    List<String> conns = Files.readAllLines(export(caches, "connections", "conns.ndjson"));
    List<String> mixed = new ArrayList<>();
    for (int i = 0; i < Math.max(audit.size(), conns.size()); i++) {
      if (i < audit.size()) {
        mixed.add(audit.get(i));
      }
      if (i < conns.size() - 2) {
        mixed.add(conns.get(i));
      }
    }
    // The last two rows as the API answers them, and a row without an id.
    String tail = conns.get(conns.size() - 2) + "," + conns.get(conns.size() - 1);
    mixed.add("{\"connection_logs\":[" + tail + "],\"count\":2}");
    mixed.add(
        "{\"connect_time\":\"2026-01-01T00:00:00Z\",\"workspace_id\":\"w\",\"type\":\"ssh\"}");
    Path file = dir.resolve("mixed.ndjson");
    Files.write(file, mixed);

    CliRun run = importInto(dir.resolve("fresh"), "mixed", file);
    assertEquals(ExitCodes.OK, run.exit(), run.err());
    JsonNode summary = AuditEventJson.mapper().readTree(run.out());
    assertEquals(120, summary.get("imported").asLong());
    assertEquals(80, summary.get("connection_log").get("imported").asLong());
    assertEquals(1, summary.get("bad_lines").asLong(), summary.toString());
    assertTrue(
        summary.get("bad").get(0).get("reason").asText().contains("connection-log row"),
        summary.toString());
    assertTrue(run.err().contains("Imported 120 new events"), run.err());
    assertTrue(run.err().contains("Imported 80 new connection-log rows"), run.err());
    try (H2AuditCache c =
        CacheStore.open(
            dir.resolve("fresh"), Importer.deploymentFor("mixed"), CacheStore.OpenMode.READ_ONLY)) {
      assertEquals(120, c.count(AuditQuery.ALL));
      assertEquals(80, c.connections().total());
    }
  }
}
