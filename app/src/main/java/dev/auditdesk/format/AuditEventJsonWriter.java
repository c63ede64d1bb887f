package dev.auditdesk.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.FieldChange;

/** Writes an {@link AuditEvent} as a Coder audit event object; {@link AuditEventJson} reads it. */
public final class AuditEventJsonWriter {

  private static final ObjectMapper MAPPER = AuditEventJson.mapper();

  private AuditEventJsonWriter() {}

  /**
   * A Coder-shaped JSON object built from an event's fields, for an event that has no original text
   * (built by hand, or read from a file that held something else). The values of secret fields are
   * left out ({@code null}), as Coder itself does. {@link AuditEventJson#parse} reads it back to an
   * equal event apart from {@code rawJson}.
   */
  public static String toJson(AuditEvent e) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("id", e.id());
    n.put("request_id", e.requestId());
    n.put("time", e.timeText().isEmpty() ? e.time().toString() : e.timeText());
    if (e.organization().isKnown()) {
      ObjectNode o = n.putObject("organization");
      o.put("id", e.organization().id());
      o.put("name", e.organization().name());
      o.put("display_name", e.organization().displayName());
    }
    n.put("ip", e.ip());
    n.put("user_agent", e.userAgent());
    n.put("resource_type", e.resourceType());
    n.put("resource_id", e.resourceId());
    n.put("resource_target", e.resourceTarget());
    n.put("resource_icon", e.resourceIcon());
    n.put("resource_link", e.resourceLink());
    n.put("action", e.action());
    ObjectNode diff = n.putObject("diff");
    for (FieldChange c : e.diff()) {
      ObjectNode d = diff.putObject(c.field());
      d.set("old", c.secret() ? NullNode.getInstance() : treeOrText(c.oldJson()));
      d.set("new", c.secret() ? NullNode.getInstance() : treeOrText(c.newJson()));
      d.put("secret", c.secret());
    }
    n.put("status_code", e.statusCode());
    n.set("additional_fields", treeOrText(e.additionalFieldsJson()));
    n.put("description", e.description());
    n.put("is_deleted", e.deleted());
    if (e.actor().isSystem()) {
      n.putNull("user");
    } else {
      ObjectNode u = n.putObject("user");
      u.put("id", e.actor().id());
      u.put("username", e.actor().username());
      u.put("email", e.actor().email());
      u.put("name", e.actor().name());
    }
    return n.toString();
  }

  private static JsonNode treeOrText(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      return MAPPER.getNodeFactory().textNode(json);
    }
  }
}
