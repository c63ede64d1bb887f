package dev.auditdesk.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.SortColumn;
import dev.auditdesk.model.SortOrder;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * {@link AuditQuery} and {@link SortOrder} as JSON, for manifests and saved views. Readers are
 * lenient: a missing key means "any", unknown keys (from newer versions) are ignored.
 */
public final class QueryJson {

  private static final ObjectMapper MAPPER = AuditEventJson.mapper();

  private QueryJson() {}

  public static ObjectNode toJson(AuditQuery q) {
    ObjectNode n = MAPPER.createObjectNode();
    strings(n, "resource_types", q.resourceTypes());
    strings(n, "actions", q.actions());
    strings(n, "resource_targets", q.resourceTargets());
    strings(n, "users", q.users());
    strings(n, "emails", q.emails());
    strings(n, "organizations", q.organizations());
    strings(n, "build_reasons", q.buildReasons());
    n.put("resource_id", q.resourceId());
    n.put("request_id", q.requestId());
    instant(n, "from", q.range().hasFrom() ? q.range().from() : null);
    instant(n, "to", q.range().hasTo() ? q.range().to() : null);
    n.put("text", q.text());
    if (!q.ids().isEmpty()) {
      strings(n, "ids", q.ids());
    }
    return n;
  }

  /** Reads a query; throws {@link IllegalArgumentException} with a plain message if unusable. */
  public static AuditQuery query(JsonNode n) {
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("the filter is not a JSON object");
    }
    Instant from = instant(n, "from");
    Instant to = instant(n, "to");
    return new AuditQuery(
        strings(n, "resource_types"),
        strings(n, "actions"),
        strings(n, "resource_targets"),
        strings(n, "users"),
        strings(n, "emails"),
        strings(n, "organizations"),
        strings(n, "build_reasons"),
        n.path("resource_id").asText(""),
        n.path("request_id").asText(""),
        new DateRange(from, to),
        n.path("text").asText(""),
        strings(n, "ids"));
  }

  public static ObjectNode toJson(SortOrder s) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("column", s.column().name().toLowerCase(Locale.ROOT));
    n.put("ascending", s.ascending());
    return n;
  }

  public static SortOrder sort(JsonNode n) {
    if (n == null || !n.isObject()) {
      return SortOrder.NEWEST_FIRST;
    }
    String c = n.path("column").asText("time").toUpperCase(Locale.ROOT);
    try {
      return new SortOrder(SortColumn.valueOf(c), n.path("ascending").asBoolean(false));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the sort column \"" + c + "\" is unknown");
    }
  }

  /** "time, newest first" — for people. */
  public static String describe(SortOrder s) {
    String col = s.column().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    if (s.column() == SortColumn.TIME) {
      return col + (s.ascending() ? ", oldest first" : ", newest first");
    }
    return col + (s.ascending() ? ", A to Z" : ", Z to A");
  }

  private static void strings(ObjectNode n, String key, Set<String> values) {
    ArrayNode a = n.putArray(key);
    values.forEach(a::add);
  }

  private static Set<String> strings(JsonNode n, String key) {
    JsonNode a = n.get(key);
    Set<String> s = new LinkedHashSet<>();
    if (a != null && a.isArray()) {
      a.forEach(v -> s.add(v.asText()));
    } else if (a != null && a.isTextual() && !a.asText().isEmpty()) {
      s.add(a.asText());
    }
    return s;
  }

  /** A time, or JSON null; shared with {@link ConnectionQueryJson}. */
  static void instant(ObjectNode n, String key, Instant t) {
    if (t == null) {
      n.putNull(key);
    } else {
      n.put(key, t.toString());
    }
  }

  static Instant instant(JsonNode n, String key) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull() || v.asText().isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(v.asText());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "the \"" + key + "\" date \"" + v.asText() + "\" is not an ISO-8601 time");
    }
  }
}
