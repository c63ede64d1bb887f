package dev.auditdesk.format;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.auditdesk.model.Actor;
import dev.auditdesk.model.ConnectionRow;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Writes a {@link ConnectionRow} in the shape of Coder's API from its fields (the demo server's
 * answers; a row read from a server keeps its own original text in {@code rawJson} instead).
 */
public final class ConnectionRowJsonWriter {

  private ConnectionRowJsonWriter() {}

  public static String toJson(ConnectionRow r) {
    StringWriter out = new StringWriter(512);
    try (JsonGenerator g = AuditEventJson.mapper().getFactory().createGenerator(out)) {
      write(g, r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** One row object at the generator's position. */
  public static void write(JsonGenerator g, ConnectionRow r) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", r.id());
    g.writeStringField("connect_time", r.connectTimeText());
    if (r.organization().isKnown()) {
      g.writeObjectFieldStart("organization");
      g.writeStringField("id", r.organization().id());
      g.writeStringField("name", r.organization().name());
      g.writeStringField("display_name", r.organization().displayName());
      g.writeStringField("icon", "");
      g.writeEndObject();
    }
    g.writeStringField("workspace_owner_id", r.workspaceOwnerId());
    g.writeStringField("workspace_owner_username", r.workspaceOwnerUsername());
    g.writeStringField("workspace_id", r.workspaceId());
    g.writeStringField("workspace_name", r.workspaceName());
    g.writeStringField("agent_name", r.agentName());
    if (!r.ip().isEmpty()) {
      g.writeStringField("ip", r.ip());
    }
    g.writeStringField("type", r.type());
    g.writeStringField("type_display_name", r.typeDisplayName());
    if (!r.webInfo().equals(ConnectionRow.WebInfo.NONE)) {
      ConnectionRow.WebInfo w = r.webInfo();
      g.writeObjectFieldStart("web_info");
      g.writeStringField("user_agent", w.userAgent());
      if (!w.user().isSystem()) {
        writeUser(g, w.user());
      }
      g.writeStringField("slug_or_port", w.slugOrPort());
      g.writeNumberField("status_code", w.statusCode());
      g.writeEndObject();
    } else {
      ConnectionRow.SshInfo s = r.sshInfo();
      g.writeObjectFieldStart("ssh_info");
      g.writeStringField("connection_id", s.connectionId());
      if (s.ended()) {
        g.writeStringField("disconnect_time", s.disconnectTimeText());
        g.writeStringField("disconnect_reason", s.disconnectReason());
      }
      if (s.hasExitCode()) {
        g.writeNumberField("exit_code", s.exitCode());
      }
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void writeUser(JsonGenerator g, Actor u) throws IOException {
    g.writeObjectFieldStart("user");
    g.writeStringField("id", u.id());
    g.writeStringField("username", u.username());
    g.writeStringField("email", u.email());
    g.writeStringField("name", u.name());
    g.writeEndObject();
  }
}
