package dev.auditdesk.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.format.ConnectionSearch;
import dev.auditdesk.model.ConnectionQuery;
import dev.auditdesk.model.ConnectionSort;
import dev.auditdesk.model.ConnectionStatus;
import dev.auditdesk.model.ConnectionType;
import dev.auditdesk.model.DateRange;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The connection log's filters and sort as JSON (saved views, export manifests). */
public final class ConnectionQueryJson {

  private ConnectionQueryJson() {}

  public static ObjectNode toJson(ConnectionQuery q) {
    ObjectNode n = AuditEventJson.mapper().createObjectNode();
    ArrayNode families = n.putArray("families");
    q.families().forEach(f -> families.add(f.name().toLowerCase(Locale.ROOT)));
    ArrayNode types = n.putArray("types");
    q.types().forEach(types::add);
    n.put("workspace_owner", q.owner());
    n.put("user", q.user());
    n.put("workspace", q.workspace());
    ArrayNode statuses = n.putArray("statuses");
    q.statuses().forEach(s -> statuses.add(s.name().toLowerCase(Locale.ROOT)));
    QueryJson.instant(n, "from", q.range().hasFrom() ? q.range().from() : null);
    QueryJson.instant(n, "to", q.range().hasTo() ? q.range().to() : null);
    return n;
  }

  /**
   * Reads the filters; throws {@link IllegalArgumentException} with a plain message if unusable.
   */
  public static ConnectionQuery query(JsonNode n) {
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("the connection filter is not a JSON object");
    }
    Instant from = QueryJson.instant(n, "from");
    Instant to = QueryJson.instant(n, "to");
    return new ConnectionQuery(
        values(n, "families", v -> named(ConnectionType.class, v, "connection type")),
        values(n, "types", v -> v),
        n.path("workspace_owner").asText(""),
        n.path("user").asText(""),
        n.path("workspace").asText(""),
        values(n, "statuses", v -> named(ConnectionStatus.class, v, "connection status")),
        new DateRange(from == null ? Instant.MIN : from, to == null ? Instant.MAX : to));
  }

  /**
   * The filters in Coder's connection-log search language, as far as it can say them: the owner,
   * the user, one status and the range ({@link #exact} says whether that is all of them).
   */
  public static String coderQuery(ConnectionQuery q) {
    Map<String, String> t = new LinkedHashMap<>();
    t.put("workspace_owner", q.owner());
    t.put("username", q.user());
    if (q.statuses().size() == 1) {
      t.put("status", q.statuses().iterator().next().searchValue());
    }
    if (q.types().size() == 1 && q.families().isEmpty()) {
      t.put("type", q.types().iterator().next());
    }
    if (q.range().hasFrom()) {
      t.put("connected_after", ConnectionSearch.instant(q.range().from()));
    }
    if (q.range().hasTo()) {
      t.put("connected_before", ConnectionSearch.instant(q.range().to().minusNanos(1000)));
    }
    return ConnectionSearch.render(t);
  }

  /** Whether {@link #coderQuery} says every filter (Coder has no key for a workspace name). */
  public static boolean exact(ConnectionQuery q) {
    return q.families().isEmpty()
        && q.types().size() <= 1
        && q.workspace().isEmpty()
        && q.statuses().size() <= 1
        && !q.statuses().contains(ConnectionStatus.NOT_A_SESSION);
  }

  public static ObjectNode toJson(ConnectionSort s) {
    ObjectNode n = AuditEventJson.mapper().createObjectNode();
    n.put("column", s.column().name().toLowerCase(Locale.ROOT));
    n.put("ascending", s.ascending());
    return n;
  }

  public static ConnectionSort sort(JsonNode n) {
    if (n == null || !n.isObject()) {
      return ConnectionSort.NEWEST_FIRST;
    }
    return new ConnectionSort(
        named(ConnectionSort.Column.class, n.path("column").asText("time"), "sort column"),
        n.path("ascending").asBoolean(false));
  }

  private static <T> Set<T> values(JsonNode n, String key, Function<String, T> parse) {
    Set<T> out = new LinkedHashSet<>();
    n.path(key).forEach(v -> out.add(parse.apply(v.asText())));
    return out;
  }

  private static <E extends Enum<E>> E named(Class<E> type, String v, String what) {
    try {
      return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the " + what + " \"" + v + "\" is unknown");
    }
  }
}
