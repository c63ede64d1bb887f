package dev.auditdesk.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auditdesk.coder.AuditEventJson;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.FieldChange;
import java.time.format.DateTimeFormatter;

/** The JSON text of an event for export: its original JSON on one line, nothing lost. */
final class EventJson {

  private static final ObjectMapper MAPPER = AuditEventJson.mapper();

  private EventJson() {}

  /**
   * The event's original JSON as one line. Pretty-printed originals are compacted (only whitespace
   * between tokens can hold a line break); an event that has no original text is rebuilt from its
   * fields.
   */
  static String oneLine(AuditEvent e) {
    String raw = e.rawJson();
    if (raw.isEmpty()) {
      return fromFields(e).toString();
    }
    if (raw.indexOf('\n') < 0 && raw.indexOf('\r') < 0) {
      return raw;
    }
    try {
      return MAPPER.readTree(raw).toString();
    } catch (JsonProcessingException ex) {
      return fromFields(e).toString();
    }
  }

  /**
   * The diff as compact JSON, in Coder's shape: {@code {"field":{"old":..,"new":..,"secret":..}}}.
   */
  static String diff(AuditEvent e) {
    if (e.diff().isEmpty()) {
      return "{}";
    }
    StringBuilder b = new StringBuilder(64 * e.diff().size());
    b.append('{');
    boolean first = true;
    for (FieldChange c : e.diff()) {
      if (!first) {
        b.append(',');
      }
      first = false;
      b.append('"');
      JsonStringEncoder.getInstance().quoteAsString(c.field(), b);
      b.append("\":{\"old\":")
          .append(c.secret() ? "null" : c.oldJson())
          .append(",\"new\":")
          .append(c.secret() ? "null" : c.newJson())
          .append(",\"secret\":")
          .append(c.secret())
          .append('}');
    }
    return b.append('}').toString();
  }

  private static ObjectNode fromFields(AuditEvent e) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("id", e.id());
    n.put("request_id", e.requestId());
    n.put(
        "time",
        e.timeText().isEmpty() ? DateTimeFormatter.ISO_INSTANT.format(e.time()) : e.timeText());
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
    n.set("diff", tree(diff(e)));
    n.put("status_code", e.statusCode());
    n.set("additional_fields", tree(e.additionalFieldsJson()));
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
    return n;
  }

  private static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException ex) {
      return MAPPER.getNodeFactory().textNode(json);
    }
  }
}
