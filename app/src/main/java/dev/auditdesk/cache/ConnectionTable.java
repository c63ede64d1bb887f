package dev.auditdesk.cache;

import dev.auditdesk.model.ConnectionQuery;
import dev.auditdesk.model.ConnectionRow;
import dev.auditdesk.model.ConnectionSort;
import dev.auditdesk.model.ConnectionStatus;
import dev.auditdesk.model.ConnectionType;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SQL of the {@code connection} table (schema in {@link Migrations}, step 6): the columns a row
 * is filtered, sorted and counted by, and the filter of a {@link ConnectionQuery} as a WHERE clause
 * with named parameters. Names compare lower-cased, as Coder's search does.
 */
final class ConnectionTable {

  /** {@code disconnect_us} of a session still open, and of a web request. */
  static final long NO_TIME = -1;

  static final List<String> COLUMNS =
      List.of(
          "id",
          "connect_us",
          "disconnect_us",
          "type",
          "family",
          "status",
          "owner",
          "username",
          "workspace",
          "workspace_id",
          "org",
          "http_status",
          "content_hash",
          "raw");

  static final String INSERT =
      "INSERT INTO connection("
          + String.join(", ", COLUMNS)
          + ") VALUES("
          + String.join(", ", COLUMNS.stream().map(c -> ":" + c).toList())
          + ")";

  static final String UPDATE =
      "UPDATE connection SET "
          + String.join(
              ", ", COLUMNS.stream().filter(c -> !c.equals("id")).map(c -> c + " = :" + c).toList())
          + " WHERE id = :id";

  // raw: a changed row's new chain link keeps the JSON it replaces.
  static final String HASHES = "SELECT id, content_hash, raw FROM connection WHERE id = ANY(:ids)";

  private ConnectionTable() {}

  /** Sets every column of {@code r} on an INSERT or UPDATE. */
  static void bind(NamedSql s, ConnectionRow r, String raw) throws SQLException {
    s.set("id", r.id())
        .set("connect_us", micros(r.connectTime()))
        .set("disconnect_us", r.sshInfo().ended() ? micros(r.sshInfo().disconnectTime()) : NO_TIME)
        .set("type", lower(r.type()))
        .set("family", r.family().name())
        .set("status", r.status().name())
        .set("owner", lower(r.workspaceOwnerUsername()))
        .set("username", lower(r.username()))
        .set("workspace", lower(r.workspaceName()))
        .set("workspace_id", r.workspaceId())
        .set("org", r.organization().label())
        .set("http_status", r.webInfo().statusCode())
        .set("content_hash", EventCodec.hash64(raw))
        .set("raw", raw);
  }

  /** The row's original JSON, or (for a row built in code) the JSON written from its fields. */
  static String raw(ConnectionRow r) {
    return r.rawJson().isEmpty()
        ? dev.auditdesk.format.ConnectionRowJsonWriter.toJson(r)
        : r.rawJson();
  }

  /** A WHERE clause (without the keyword; "TRUE" for no filter) and the parameters it names. */
  record Where(String sql, List<Object[]> parameters) {
    void bind(NamedSql s) throws SQLException {
      for (Object[] p : parameters) {
        s.set((String) p[0], p[1]);
      }
    }
  }

  /** The filters of {@code q}, leaving out {@code skip}'s own column (for its facet counts). */
  static Where where(ConnectionQuery q, String skip) {
    List<String> terms = new ArrayList<>();
    List<Object[]> params = new ArrayList<>();
    if (!"family".equals(skip) && !(q.families().isEmpty() && q.types().isEmpty())) {
      terms.add("(family = ANY(:families) OR type = ANY(:types))");
      params.add(
          new Object[] {"families", q.families().stream().map(ConnectionType::name).toArray()});
      params.add(new Object[] {"types", q.types().stream().map(ConnectionTable::lower).toArray()});
    }
    text(terms, params, skip, "owner", q.owner());
    text(terms, params, skip, "username", q.user());
    text(terms, params, skip, "workspace", q.workspace());
    if (!"status".equals(skip) && !q.statuses().isEmpty()) {
      terms.add("status = ANY(:statuses)");
      params.add(
          new Object[] {"statuses", q.statuses().stream().map(ConnectionStatus::name).toArray()});
    }
    if (q.range().hasFrom()) {
      terms.add("connect_us >= :from_us");
      params.add(new Object[] {"from_us", micros(q.range().from())});
    }
    if (q.range().hasTo()) {
      terms.add("connect_us < :to_us");
      params.add(new Object[] {"to_us", micros(q.range().to())});
    }
    return new Where(terms.isEmpty() ? "TRUE" : String.join(" AND ", terms), params);
  }

  private static void text(
      List<String> terms, List<Object[]> params, String skip, String column, String value) {
    if (!column.equals(skip) && !value.isEmpty()) {
      terms.add(column + " = :" + column);
      params.add(new Object[] {column, lower(value)});
    }
  }

  /**
   * The ORDER BY of {@code sort}; a duration needs {@code :now_us} bound (open sessions last until
   * now). Ties go newest first by connect time and id, the cache's total order.
   */
  static String orderBy(ConnectionSort sort) {
    String dir = sort.ascending() ? " ASC" : " DESC";
    String value =
        switch (sort.column()) {
          case TIME -> "connect_us";
          case TYPE -> "type";
          case OWNER -> "owner";
          case USER -> "username";
          case WORKSPACE -> "workspace";
          case STATUS -> "status";
          case HTTP_STATUS -> "http_status";
          case DURATION ->
              "CASE WHEN status = 'NOT_A_SESSION' THEN NULL WHEN disconnect_us = "
                  + NO_TIME
                  + " THEN GREATEST(:now_us - connect_us, 0)"
                  + " ELSE GREATEST(disconnect_us - connect_us, 0) END";
        };
    return " ORDER BY " + value + dir + " NULLS LAST, connect_us DESC, id DESC";
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  static long micros(Instant t) {
    if (t.equals(Instant.MIN)) {
      return Long.MIN_VALUE;
    }
    if (t.equals(Instant.MAX)) {
      return Long.MAX_VALUE;
    }
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }
}
