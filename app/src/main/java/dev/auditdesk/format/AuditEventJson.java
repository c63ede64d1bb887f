package dev.auditdesk.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auditdesk.model.Actor;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.FieldChange;
import dev.auditdesk.model.Organization;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
    return JsonObjects.parse(json, AuditEventJson::read, "event");
  }

  /**
   * Reads the event object the parser stands on ({@link JsonToken#START_OBJECT}) and leaves it on
   * the matching {@link JsonToken#END_OBJECT}; {@code raw}, asked once the parser stands there,
   * becomes {@code rawJson}. Gives exactly what {@link #fromNode(JsonNode, String)} gives for the
   * same object, at about twice the speed: the flat fields are read straight from the tokens and
   * only {@code diff} and {@code additional_fields} become trees. An object that is not a usable
   * event is consumed whole before the exception, so a page reader can go on with the next element.
   */
  public static AuditEvent read(JsonParser p, java.util.function.Supplier<String> raw)
      throws IOException, MalformedEventException {
    Fields f = new Fields();
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "id" -> f.id = text(p, v);
        case "request_id" -> f.requestId = text(p, v);
        case "time" -> f.time = text(p, v);
        case "organization" ->
            f.org = v == JsonToken.START_OBJECT ? members(p, ORGANIZATION_MEMBERS) : skip(p);
        case "organization_id" -> f.orgId = text(p, v);
        case "user" -> f.user = v == JsonToken.START_OBJECT ? members(p, USER_MEMBERS) : skip(p);
        case "user_id" -> f.userId = text(p, v);
        case "username" -> f.username = text(p, v);
        case "email" -> f.email = text(p, v);
        case "ip" -> f.ip = text(p, v);
        case "user_agent" -> f.userAgent = text(p, v);
        case "resource_type" -> f.resourceType = text(p, v);
        case "resource_id" -> f.resourceId = text(p, v);
        case "resource_target" -> f.resourceTarget = text(p, v);
        case "resource_icon" -> f.resourceIcon = text(p, v);
        case "resource_link" -> f.resourceLink = text(p, v);
        case "action" -> f.action = text(p, v);
        case "description" -> f.description = text(p, v);
        case "diff" -> f.diff = diff(p, v);
        case "additional_fields" -> f.extra = extra(p, v);
        case "status_code" -> f.status = statusCode(p, v);
        case "is_deleted" -> f.deleted = flag(p, v);
        default -> p.skipChildren();
      }
    }
    if (t != JsonToken.END_OBJECT) {
      throw new MalformedEventException("not a JSON object");
    }
    if (f.id.isEmpty()) {
      throw new MalformedEventException("has no \"id\"");
    }
    Instant time = EventTime.parse(f.time);
    Organization org = Organization.NONE;
    if (f.org != null) {
      org = new Organization(f.org.get("id"), f.org.get("name"), f.org.get("display_name"));
    } else if (!f.orgId.isEmpty()) {
      org = new Organization(f.orgId, "", "");
    }
    Actor actor = Actor.SYSTEM;
    if (f.user != null) {
      actor =
          new Actor(
              f.user.get("id"), f.user.get("username"), f.user.get("email"), f.user.get("name"));
    } else if (!f.userId.isEmpty()) {
      actor = new Actor(f.userId, f.username, f.email, "");
    }
    return new AuditEvent(
        f.id,
        f.requestId,
        time,
        f.time,
        org,
        f.ip,
        f.userAgent,
        f.resourceType,
        f.resourceId,
        f.resourceTarget,
        f.resourceIcon,
        f.resourceLink,
        f.action,
        f.diff,
        f.status,
        f.extra.json(),
        f.description,
        f.deleted,
        actor,
        f.extra.buildReason(),
        raw.get());
  }

  /** The top-level fields of one event as read; last one wins, as in a tree. */
  private static final class Fields {
    String id = "";
    String requestId = "";
    String time = "";
    Members org;
    String orgId = "";
    Members user;
    String userId = "";
    String username = "";
    String email = "";
    String ip = "";
    String userAgent = "";
    String resourceType = "";
    String resourceId = "";
    String resourceTarget = "";
    String resourceIcon = "";
    String resourceLink = "";
    String action = "";
    String description = "";
    List<FieldChange> diff = List.of();
    Extra extra = Extra.NONE;
    int status;
    boolean deleted;
  }

  /** The members of a small nested object (organization, user) as text, by name. */
  private static final class Members {
    private final List<String> kept;
    private final String[] values;

    Members(List<String> kept) {
      this.kept = kept;
      this.values = new String[kept.size()];
    }

    String get(String name) {
      String v = values[kept.indexOf(name)];
      return v == null ? "" : v;
    }
  }

  /** The members of {@code organization} and {@code user} an event keeps (the rest is in raw). */
  private static final List<String> ORGANIZATION_MEMBERS = List.of("id", "name", "display_name");

  private static final List<String> USER_MEMBERS = List.of("id", "username", "email", "name");

  /**
   * Reads the members in {@code kept} and skips the others: a user's roles and organization lists
   * would otherwise become trees and text again for every event of a sync. A list of three or four
   * names beats a hash map here, read for every event of an export.
   */
  private static Members members(JsonParser p, List<String> kept) throws IOException {
    Members m = new Members(kept);
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      int at = kept.indexOf(p.currentName());
      JsonToken v = p.nextToken();
      if (at >= 0) {
        m.values[at] = text(p, v);
      } else {
        p.skipChildren();
      }
    }
    return m;
  }

  /**
   * The diff the parser stands on, as {@link #diff(JsonNode)} reads it from a tree: building the
   * tree and serialising every value again cost more than the rest of the event (issue 19).
   */
  private static List<FieldChange> diff(JsonParser p, JsonToken v) throws IOException {
    if (v != JsonToken.START_OBJECT) {
      p.skipChildren();
      return List.of();
    }
    // A repeated field keeps its first place and its last value, as in a tree.
    Map<String, FieldChange> changes = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken c = p.nextToken();
      changes.put(
          field,
          c == JsonToken.START_OBJECT
              ? change(p, field)
              : new FieldChange(field, "null", json(p, c), false));
    }
    return new ArrayList<>(changes.values());
  }

  private static FieldChange change(JsonParser p, String field) throws IOException {
    String old = "null";
    String changed = "null";
    boolean secret = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "old" -> old = json(p, v);
        case "new" -> changed = json(p, v);
        case "secret" -> secret = flag(p, v);
        default -> p.skipChildren();
      }
    }
    return new FieldChange(field, old, changed, secret);
  }

  /**
   * {@code additional_fields} as {@link #extra(JsonNode)} reads it from a tree: an object is
   * written again member by member, a string goes the tree's way (it holds JSON as text).
   */
  private static Extra extra(JsonParser p, JsonToken v) throws IOException {
    if (v == JsonToken.VALUE_STRING) {
      return extra(MAPPER.getNodeFactory().textNode(p.getText()));
    }
    if (v != JsonToken.START_OBJECT) {
      p.skipChildren();
      return Extra.NONE;
    }
    Map<String, String> members = new LinkedHashMap<>();
    String buildReason = "";
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      if (name.equals("build_reason")) {
        JsonNode n =
            t == JsonToken.VALUE_STRING
                ? MAPPER.getNodeFactory().textNode(p.getText())
                : MAPPER.readTree(p);
        members.put(name, n.toString());
        buildReason = text(n);
      } else {
        members.put(name, json(p, t));
      }
    }
    if (members.isEmpty()) {
      return Extra.NONE;
    }
    StringBuilder b = new StringBuilder(32 * members.size()).append('{');
    for (Map.Entry<String, String> m : members.entrySet()) {
      if (b.length() > 1) {
        b.append(',');
      }
      quoted(b, m.getKey()).append(':').append(m.getValue());
    }
    return new Extra(b.append('}').toString(), buildReason);
  }

  /**
   * The value the parser stands on as compact JSON, exactly as {@link JsonNode#toString()} writes
   * it; the common values are written straight from the token, the others through a tree.
   */
  private static String json(JsonParser p, JsonToken v) throws IOException {
    return switch (v) {
      case VALUE_STRING -> quoted(new StringBuilder(p.getTextLength() + 2), p.getText()).toString();
      case VALUE_NULL -> "null";
      case VALUE_TRUE -> "true";
      case VALUE_FALSE -> "false";
      case VALUE_NUMBER_INT ->
          p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
              ? p.getBigIntegerValue().toString()
              : Long.toString(p.getLongValue());
      default -> MAPPER.readTree(p).toString();
    };
  }

  private static StringBuilder quoted(StringBuilder b, String s) {
    b.append('"');
    JsonStringEncoder.getInstance().quoteAsString(s, b);
    return b.append('"');
  }

  private static Members skip(JsonParser p) throws IOException {
    p.skipChildren();
    return null;
  }

  private static String text(JsonParser p, JsonToken v) throws IOException {
    return JsonObjects.text(p, v);
  }

  private static int statusCode(JsonParser p, JsonToken v) throws IOException {
    if (v == JsonToken.VALUE_NUMBER_INT) {
      return p.getValueAsInt(0);
    }
    return MAPPER.<JsonNode>readTree(p).asInt(0);
  }

  private static boolean flag(JsonParser p, JsonToken v) throws IOException {
    if (v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_FALSE) {
      return v == JsonToken.VALUE_TRUE;
    }
    return MAPPER.<JsonNode>readTree(p).asBoolean(false);
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
    Instant time = EventTime.parse(timeText);

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

    Extra extra = extra(n.get("additional_fields"));
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
        diff(n.get("diff")),
        n.path("status_code").asInt(0),
        extra.json(),
        text(n, "description"),
        n.path("is_deleted").asBoolean(false),
        actor,
        extra.buildReason(),
        raw);
  }

  private static List<FieldChange> diff(JsonNode d) {
    List<FieldChange> diff = new ArrayList<>();
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
    return diff;
  }

  /** {@code additional_fields} as compact JSON, and the build reason inside it. */
  private record Extra(String json, String buildReason) {
    static final Extra NONE = new Extra("{}", "");
  }

  private static Extra extra(JsonNode extra) {
    if (extra != null && extra.isObject()) {
      return new Extra(extra.toString(), text(extra, "build_reason"));
    }
    if (extra != null && extra.isTextual()) {
      // Some releases send additional_fields as a JSON document inside a string.
      try {
        JsonNode inner = MAPPER.readTree(extra.asText());
        if (inner instanceof ObjectNode) {
          return new Extra(inner.toString(), text(inner, "build_reason"));
        }
      } catch (JsonProcessingException ignored) {
        return new Extra(MAPPER.createObjectNode().put("value", extra.asText()).toString(), "");
      }
    }
    return new Extra("{}", "");
  }

  private static String text(JsonNode n, String field) {
    return text(n.get(field));
  }

  private static String text(JsonNode v) {
    if (v == null || v.isNull()) {
      return "";
    }
    return v.isValueNode() ? v.asText() : v.toString();
  }

  private static String json(JsonNode v) {
    return v == null ? "null" : v.toString();
  }
}
