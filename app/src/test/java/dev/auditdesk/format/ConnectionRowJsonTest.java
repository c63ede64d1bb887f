package dev.auditdesk.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.format.AuditEventJson.MalformedEventException;
import dev.auditdesk.model.ConnectionRow;
import dev.auditdesk.model.ConnectionStatus;
import dev.auditdesk.model.ConnectionType;
import dev.auditdesk.model.FieldLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rows of Coder's connection log as servers send them, and as hostile ones might. */
class ConnectionRowJsonTest {

  private static final String SSH =
      "{\"id\":\"c1\",\"connect_time\":\"2026-11-30T10:00:00.123456Z\","
          + "\"organization\":{\"id\":\"o1\",\"name\":\"acme\",\"display_name\":\"Acme\",\"icon\":\"\"},"
          + "\"workspace_owner_id\":\"u1\",\"workspace_owner_username\":\"alice\","
          + "\"workspace_id\":\"w1\",\"workspace_name\":\"dev\",\"agent_name\":\"main\","
          + "\"ip\":\"10.0.0.1\",\"type\":\"ssh\",\"type_display_name\":\"SSH\","
          + "\"ssh_info\":{\"connection_id\":\"k1\",\"disconnect_time\":\"2026-11-30T11:30:00Z\","
          + "\"disconnect_reason\":\"client disconnected\",\"exit_code\":130},"
          + "\"new_field\":{\"kept\":true}}";

  @Test
  void aCompletedSessionKeepsEveryFieldAndItsOriginal() throws Exception {
    ConnectionRow r = ConnectionRowJson.parse(SSH);
    assertEquals(SSH, r.rawJson(), "unknown fields survive in the original");
    assertEquals(ConnectionStatus.COMPLETED, r.status());
    assertEquals(
        Duration.ofMinutes(90).minusNanos(123_456_000), r.duration(Instant.MAX).orElseThrow());
    assertEquals(130, r.exitCode().getAsInt());
    assertEquals("Acme", r.organization().label());
    assertEquals("alice", r.username());
    String written = ConnectionRowJsonWriter.toJson(r);
    assertEquals(written, ConnectionRowJsonWriter.toJson(ConnectionRowJson.parse(written)));
    assertEquals(r.sshInfo(), ConnectionRowJson.parse(written).sshInfo());
  }

  @Test
  void anOpenSessionAWebRequestAndAnUnknownTypeAreToldApart() throws Exception {
    ConnectionRow open =
        ConnectionRowJson.parse(
            "{\"id\":\"c2\",\"connect_time\":\"2026-11-30T10:00:00Z\",\"type\":\"cursor\","
                + "\"ssh_info\":{\"connection_id\":\"k2\",\"disconnect_time\":null}}");
    assertEquals(ConnectionStatus.ONGOING, open.status());
    assertEquals(ConnectionType.VSCODE, open.family(), "Cursor is in the VS Code family");
    assertEquals(
        Duration.ofMinutes(5),
        open.duration(Instant.parse("2026-11-30T10:05:00Z")).orElseThrow(),
        "an open session's duration runs to now");

    ConnectionRow denied =
        ConnectionRowJson.parse(
            "{\"id\":\"c3\",\"connect_time\":\"2026-11-30T10:00:00Z\",\"type\":\"tunnel\","
                + "\"web_info\":{\"user_agent\":\"\",\"slug_or_port\":\"8080\",\"status_code\":403}}");
    assertEquals(ConnectionStatus.NOT_A_SESSION, denied.status());
    assertTrue(denied.failed());
    assertTrue(denied.duration(Instant.MAX).isEmpty());

    ConnectionRow odd =
        ConnectionRowJson.parse(
            "{\"id\":\"c4\",\"connect_time\":\"2026-11-30T10:00:00Z\",\"type\":\"holodeck\"}");
    assertEquals(ConnectionType.OTHER, odd.family());
    assertEquals("holodeck", odd.typeLabel(), "an unknown type is shown as the server wrote it");
  }

  @Test
  void hostileRowsAreCappedOrRefusedWithAReason() throws Exception {
    String huge = "x".repeat(FieldLimit.MAX_CHARS * 3);
    String json =
        "{\"id\":\"c5\",\"connect_time\":\"2026-11-30T10:00:00Z\",\"type\":\"workspace_app\","
            + "\"web_info\":{\"user_agent\":\""
            + huge
            + "\",\"status_code\":\"200\"}}";
    ConnectionRow r = ConnectionRowJson.parse(json);
    assertEquals(FieldLimit.MAX_CHARS, r.webInfo().userAgent().length());
    assertEquals(json, r.rawJson(), "the original is never cut");
    MalformedEventException noId =
        assertThrows(
            MalformedEventException.class,
            () -> ConnectionRowJson.parse("{\"connect_time\":\"2026-11-30T10:00:00Z\"}"));
    assertTrue(noId.getMessage().contains("id"));
    assertThrows(
        MalformedEventException.class,
        () -> ConnectionRowJson.parse("{\"id\":\"a\",\"connect_time\":\"yesterday\"}"));
    assertThrows(MalformedEventException.class, () -> ConnectionRowJson.parse("[1,2]"));
  }

  @Test
  void searchWindowsAreQuotedInstantsThatCodersSplitterAccepts() throws Exception {
    String q =
        ConnectionSearch.window(
            Instant.parse("2026-11-30T00:00:00Z"),
            Instant.parse("2026-11-30T23:59:59.999999Z"),
            Map.of("type", "ssh"));
    assertTrue(q.contains("connected_after:\"2026-11-30T00:00:00.000000Z\""), q);
    Map<String, String> terms = ConnectionSearch.parseTerms(q.toLowerCase());
    assertEquals("ssh", terms.get("type"));
    assertEquals(
        Instant.parse("2026-11-30T23:59:59.999999Z"),
        ConnectionSearch.parseInstant("connected_before", terms.get("connected_before")));
    assertThrows(
        CoderQuery.QueryParseException.class, () -> ConnectionSearch.parseTerms("status:maybe"));
    assertThrows(
        CoderQuery.QueryParseException.class, () -> ConnectionSearch.parseTerms("type:a type:b"));
    assertThrows(
        CoderQuery.QueryParseException.class, () -> ConnectionSearch.parseTerms("action:create"));
  }
}
