package dev.auditdesk.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.ConnectionQuery;
import dev.auditdesk.model.ConnectionSort;
import dev.auditdesk.model.SortOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A named view the user can reopen or share: which log it is for, the filter, the sort and the
 * visible columns (by the table's column ids, in display order; empty means the table's default
 * columns). A view of the connection log keeps its filter and sort in {@code connectionQuery} and
 * {@code connectionSort}; the audit ones are then unused.
 */
public record SavedView(
    String name,
    AuditQuery query,
    SortOrder sort,
    List<String> columns,
    Log log,
    ConnectionQuery connectionQuery,
    ConnectionSort connectionSort) {

  /** The log a view is for. */
  public enum Log {
    AUDIT,
    CONNECTIONS
  }

  /** Marks our files, so importing some other JSON gives a clear message. */
  static final String KIND = "auditdesk-view";

  private static final ObjectMapper MAPPER = AuditEventJson.mapper();

  public SavedView {
    name = name == null ? "" : name.strip();
    if (name.isEmpty()) {
      throw new IllegalArgumentException("A saved view needs a name.");
    }
    query = query == null ? AuditQuery.ALL : query;
    sort = sort == null ? SortOrder.NEWEST_FIRST : sort;
    columns = columns == null ? List.of() : List.copyOf(columns);
    log = log == null ? Log.AUDIT : log;
    connectionQuery = connectionQuery == null ? ConnectionQuery.ALL : connectionQuery;
    connectionSort = connectionSort == null ? ConnectionSort.NEWEST_FIRST : connectionSort;
  }

  /** A view of the audit log. */
  public SavedView(String name, AuditQuery query, SortOrder sort, List<String> columns) {
    this(name, query, sort, columns, Log.AUDIT, null, null);
  }

  /** A view of the connection log. */
  public static SavedView ofConnections(
      String name, ConnectionQuery query, ConnectionSort sort, List<String> columns) {
    return new SavedView(name, null, null, columns, Log.CONNECTIONS, query, sort);
  }

  public SavedView withName(String newName) {
    return new SavedView(newName, query, sort, columns, log, connectionQuery, connectionSort);
  }

  public String toJson() {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("kind", KIND);
    n.put("version", 1);
    n.put("name", name);
    if (log == Log.CONNECTIONS) {
      n.put("log", "connections");
      n.set("connection_query", ConnectionQueryJson.toJson(connectionQuery));
      n.set("connection_sort", ConnectionQueryJson.toJson(connectionSort));
    } else {
      n.set("query", QueryJson.toJson(query));
      n.set("sort", QueryJson.toJson(sort));
    }
    ArrayNode c = n.putArray("columns");
    columns.forEach(c::add);
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads a view file's text; the exception says in plain words why it is not a view. */
  public static SavedView fromJson(String json) {
    JsonNode n;
    try {
      n = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("it is not valid JSON");
    }
    if (n == null || !n.isObject() || !KIND.equals(n.path("kind").asText())) {
      throw new IllegalArgumentException("it is not an AuditDesk saved view");
    }
    List<String> columns = new ArrayList<>();
    n.path("columns").forEach(c -> columns.add(c.asText()));
    String log = n.path("log").asText("audit");
    if (log.equals("connections")) {
      return ofConnections(
          n.path("name").asText(""),
          ConnectionQueryJson.query(n.path("connection_query")),
          ConnectionQueryJson.sort(n.get("connection_sort")),
          columns);
    }
    if (!log.equals("audit")) {
      throw new IllegalArgumentException("it is a view of a log AuditDesk does not know: " + log);
    }
    return new SavedView(
        n.path("name").asText(""),
        QueryJson.query(n.path("query")),
        QueryJson.sort(n.get("sort")),
        columns);
  }
}
