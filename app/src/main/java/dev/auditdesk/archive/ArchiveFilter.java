package dev.auditdesk.archive;

import dev.auditdesk.model.AuditQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An {@link AuditQuery} as the WHERE clause of {@code audit_event}, with the same meaning as the H2
 * cache's (its slow reference is {@code cache/Reference}): values of one filter ORed, filters
 * ANDed, a user by name or id, an organization by name, display name or id, an email in any case,
 * and every free-text term found in one of target, actor, description, action or type.
 */
record ArchiveFilter(String sql, List<Object> params) {

  private static final java.util.regex.Pattern UUID_SHAPED =
      java.util.regex.Pattern.compile(
          "(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /** The clause (starting with {@code WHERE}, or empty) and its parameters in order. */
  static ArchiveFilter of(AuditQuery q) {
    List<String> and = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    in(and, params, "resource_type", q.resourceTypes());
    in(and, params, "action", q.actions());
    in(and, params, "resource_target", q.resourceTargets());
    if (!q.users().isEmpty()) {
      // A Coder username is at most 32 characters, so only a UUID-shaped value can be an actor id:
      // the others are asked by username alone, which the (username, time) index answers in order.
      Set<String> ids = new java.util.TreeSet<>();
      for (String u : q.users()) {
        if (UUID_SHAPED.matcher(u).matches()) {
          ids.add(u);
        }
      }
      if (ids.isEmpty()) {
        in(and, params, "username", q.users());
      } else {
        and.add("(username = ANY(?) OR actor_id = ANY(?))");
        params.add(array(q.users()));
        params.add(array(ids));
      }
    }
    if (!q.emails().isEmpty()) {
      and.add("email_lc = ANY(?)");
      params.add(q.emails().stream().map(e -> e.toLowerCase(Locale.ROOT)).toArray(String[]::new));
    }
    if (!q.organizations().isEmpty()) {
      and.add("(org_name = ANY(?) OR org_display = ANY(?) OR org_id = ANY(?))");
      for (int i = 0; i < 3; i++) {
        params.add(array(q.organizations()));
      }
    }
    in(and, params, "build_reason", q.buildReasons());
    in(and, params, "id", q.ids()); // the events of an insight finding
    if (!q.resourceId().isEmpty()) {
      and.add("resource_id = ?");
      params.add(q.resourceId());
    }
    if (!q.requestId().isEmpty()) {
      and.add("request_id = ?");
      params.add(q.requestId());
    }
    if (q.range().hasFrom()) {
      and.add("time >= ?");
      params.add(timestamp(q.range().from()));
    }
    if (q.range().hasTo()) {
      and.add("time < ?");
      params.add(timestamp(q.range().to()));
    }
    for (String term : terms(q.text())) {
      and.add("search LIKE ?");
      params.add(containing(term));
    }
    return new ArchiveFilter(and.isEmpty() ? "" : " WHERE " + String.join(" AND ", and), params);
  }

  /** This clause with one more condition ANDed (a keyset bound). */
  ArchiveFilter and(String condition, List<Object> more) {
    List<Object> p = new ArrayList<>(params);
    p.addAll(more);
    return new ArchiveFilter(sql.isEmpty() ? " WHERE " + condition : sql + " AND " + condition, p);
  }

  /** Binds the parameters from position {@code first}; returns the next free position. */
  int bind(Connection c, PreparedStatement ps, int first) throws SQLException {
    int i = first;
    for (Object p : params) {
      if (p instanceof String[] a) {
        ps.setArray(i++, c.createArrayOf("text", a));
      } else {
        ps.setObject(i++, p);
      }
    }
    return i;
  }

  static OffsetDateTime timestamp(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  private static void in(List<String> and, List<Object> params, String column, Set<String> v) {
    if (v.size() == 1) {
      // "= value", not "= ANY(array)": only then does the planner read the (column, time) index
      // in order for a first page instead of sorting every match.
      and.add(column + " = ?");
      params.add(EventRow.clean(v.iterator().next()));
    } else if (!v.isEmpty()) {
      and.add(column + " = ANY(?)");
      params.add(array(v));
    }
  }

  private static String[] array(Set<String> v) {
    return v.stream().map(EventRow::clean).toArray(String[]::new);
  }

  /** The free-text terms of {@code text} as {@code search} holds them: lower-cased, cleaned. */
  static List<String> terms(String text) {
    if (text.isBlank()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String term : text.toLowerCase(Locale.ROOT).trim().split("\\s+")) {
      out.add(EventRow.clean(term));
    }
    return out;
  }

  /** The LIKE pattern of a text holding {@code term} anywhere. */
  static String containing(String term) {
    return "%" + likeEscape(term) + "%";
  }

  private static String likeEscape(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
