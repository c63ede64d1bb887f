package dev.auditdesk.coder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auditdesk.model.Actor;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.FieldChange;
import dev.auditdesk.model.Organization;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads one Coder audit event from JSON into an {@link AuditEvent}, keeping the original text.
 * Lenient where real servers vary (null user, missing organization, {@code organization_id} of
 * older releases, 0–9 fractional digits, any offset), strict only where an event would be
 * meaningless without it (id and time).
 */
public final class AuditEventJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AuditEventJson() {}

  /** Thrown for an element that is not a usable audit event; the message says why. */
  public static final class MalformedEventException extends Exception {
    public MalformedEventException(String message) {
      super(message);
    }
  }

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Parses JSON text; {@code rawJson} of the result is exactly {@code json}. */
  public static AuditEvent parse(String json) throws MalformedEventException {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new MalformedEventException("not valid JSON: " + e.getOriginalMessage());
    }
    return fromNode(node, json);
  }

  /**
   * Reads one line of an exported server log. Log platforms wrap each audit event: it sits under
   * {@code message.fields.audit_log} ({@code message} may itself be JSON text), or under {@code
   * fields.audit_log} in Coder's own JSON log; a line that is a bare event is read as such. {@code
   * rawJson} of the result is the event object, without the log envelope.
   */
  public static AuditEvent parseLogLine(String line) throws MalformedEventException {
    JsonNode node;
    try {
      node = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new MalformedEventException("not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new MalformedEventException("not a JSON object");
    }
    JsonNode message = node.get("message");
    if (message != null && message.isTextual()) {
      try {
        message = MAPPER.readTree(message.asText());
      } catch (JsonProcessingException notJson) {
        message = null;
      }
    }
    JsonNode event = message == null ? null : message.path("fields").get("audit_log");
    if (event == null) {
      event = node.path("fields").get("audit_log");
    }
    if (event == null) {
      event = node;
    }
    return fromNode(event);
  }

  /** Converts an already-parsed element; {@code rawJson} is its compact serialisation. */
  public static AuditEvent fromNode(JsonNode node) throws MalformedEventException {
    return fromNode(node, node == null ? "" : node.toString());
  }

  /**
   * Converts an already-parsed element whose original text is {@code raw} (kept as {@code
   * rawJson}); lets a page reader keep the server's exact bytes without serialising again.
   */
  public static AuditEvent fromNode(JsonNode n, String raw) throws MalformedEventException {
    if (n == null || !n.isObject()) {
      throw new MalformedEventException("not a JSON object");
    }
    String id = text(n, "id");
    if (id.isEmpty()) {
      throw new MalformedEventException("has no \"id\"");
    }
    String timeText = text(n, "time");
    Instant time = parseTime(timeText);

    Organization org = Organization.NONE;
    JsonNode o = n.get("organization");
    if (o != null && o.isObject()) {
      org = new Organization(text(o, "id"), text(o, "name"), text(o, "display_name"));
    } else if (!text(n, "organization_id").isEmpty()) {
      org = new Organization(text(n, "organization_id"), "", "");
    }

    Actor actor = Actor.SYSTEM;
    JsonNode u = n.get("user");
    if (u != null && u.isObject()) {
      actor = new Actor(text(u, "id"), text(u, "username"), text(u, "email"), text(u, "name"));
    } else if (!text(n, "user_id").isEmpty()) {
      actor = new Actor(text(n, "user_id"), text(n, "username"), text(n, "email"), "");
    }

    List<FieldChange> diff = new ArrayList<>();
    JsonNode d = n.get("diff");
    if (d != null && d.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = d.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode c = e.getValue();
        if (c != null && c.isObject()) {
          diff.add(
              new FieldChange(
                  e.getKey(),
                  json(c.get("old")),
                  json(c.get("new")),
                  c.path("secret").asBoolean(false)));
        } else {
          diff.add(new FieldChange(e.getKey(), "null", json(c), false));
        }
      }
    }

    JsonNode extra = n.get("additional_fields");
    String extraJson = "{}";
    String buildReason = "";
    if (extra != null && extra.isObject()) {
      extraJson = extra.toString();
      buildReason = text(extra, "build_reason");
    } else if (extra != null && extra.isTextual()) {
      // Some releases send additional_fields as a JSON document inside a string.
      try {
        JsonNode inner = MAPPER.readTree(extra.asText());
        if (inner instanceof ObjectNode) {
          extraJson = inner.toString();
          buildReason = text(inner, "build_reason");
        }
      } catch (JsonProcessingException ignored) {
        extraJson = MAPPER.createObjectNode().put("value", extra.asText()).toString();
      }
    }

    return new AuditEvent(
        id,
        text(n, "request_id"),
        time,
        timeText,
        org,
        text(n, "ip"),
        text(n, "user_agent"),
        text(n, "resource_type"),
        text(n, "resource_id"),
        text(n, "resource_target"),
        text(n, "resource_icon"),
        text(n, "resource_link"),
        text(n, "action"),
        diff,
        n.path("status_code").asInt(0),
        extraJson,
        text(n, "description"),
        n.path("is_deleted").asBoolean(false),
        actor,
        buildReason,
        raw);
  }

  /** RFC 3339 with 0–9 fractional digits and a Z or numeric offset. */
  public static Instant parseTime(String text) throws MalformedEventException {
    if (text == null || text.isEmpty()) {
      throw new MalformedEventException("has no \"time\"");
    }
    try {
      return OffsetDateTime.parse(text.replace(' ', 'T'), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .toInstant();
    } catch (DateTimeParseException e) {
      throw new MalformedEventException("has an unreadable time \"" + text + "\"");
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return "";
    }
    return v.isValueNode() ? v.asText() : v.toString();
  }

  private static String json(JsonNode v) {
    return v == null ? "null" : v.toString();
  }
}
