package dev.auditdesk.archive;

import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.format.AuditEventJsonWriter;
import dev.auditdesk.model.Actor;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.Organization;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

/**
 * One event as the columns of {@code audit_event}: the extracted filter and sort values and the
 * original JSON; and back, from the JSON (the columns when the JSON does not read as an event).
 */
final class EventRow {

  /** The columns written, in the order of {@link #values}. */
  static final List<String> COLUMNS =
      List.of(
          "id",
          "time",
          "action",
          "resource_type",
          "resource_target",
          "resource_id",
          "request_id",
          "username",
          "actor_id",
          "email_lc",
          "actor_key",
          "org_name",
          "org_display",
          "org_id",
          "org_label",
          "org_key",
          "build_reason",
          "status",
          "ip",
          "search",
          "raw");

  /** PostgreSQL's array type of each column, for the one-statement page upsert (unnest). */
  static final List<String> TYPES =
      COLUMNS.stream()
          .map(c -> c.equals("time") ? "timestamptz" : c.equals("status") ? "int4" : "text")
          .toList();

  /** What the window reads back: the JSON and the columns to rebuild an unreadable one from. */
  static final String READ =
      "id, time, action, resource_type, resource_target, username, actor_id, email_lc,"
          + " org_name, org_display, org_id, status, ip, raw";

  private static final char SEP = '\u0001';

  private EventRow() {}

  /** The column values of one event, in the order of {@link #COLUMNS}. */
  static Object[] values(AuditEvent e) {
    Actor a = e.actor();
    Organization o = e.organization();
    String raw = e.rawJson().isBlank() ? AuditEventJsonWriter.toJson(e) : e.rawJson();
    String actorKey = a.username() + SEP + a.email() + SEP + a.id() + SEP + a.name();
    String search =
        String.join(
                "\u0002",
                e.resourceTarget(),
                actorKey,
                e.description(),
                e.action(),
                e.resourceType())
            .toLowerCase(Locale.ROOT);
    return new Object[] {
      clean(e.id()),
      ArchiveFilter.timestamp(e.time()),
      clean(e.action()),
      clean(e.resourceType()),
      clean(e.resourceTarget()),
      clean(e.resourceId()),
      clean(e.requestId()),
      clean(a.username()),
      clean(a.id()),
      clean(a.email().toLowerCase(Locale.ROOT)),
      clean(actorKey),
      clean(o.name()),
      clean(o.displayName()),
      clean(o.id()),
      clean(o.name().isEmpty() ? o.id() : o.name()),
      clean(o.name() + SEP + o.displayName() + SEP + o.id()),
      clean(e.buildReason()),
      e.statusCode(),
      clean(e.ip()),
      clean(search),
      clean(raw)
    };
  }

  /** PostgreSQL's text cannot hold NUL: it becomes U+FFFD, the replacement character. */
  static String clean(String s) {
    return s.indexOf('\0') < 0 ? s : s.replace('\0', '\uFFFD');
  }

  /** An event from a row selected with {@link #READ}. */
  static AuditEvent read(ResultSet rs) throws SQLException {
    String raw = rs.getString("raw");
    try {
      return AuditEventJson.parse(raw);
    } catch (AuditEventJson.MalformedEventException e) {
      // Stored text that does not read as a Coder event (an imported wrapper): rebuild it from the
      // columns and keep the text, so the row stays visible and nothing is lost.
      return new AuditEvent(
          rs.getString("id"),
          "",
          rs.getObject("time", OffsetDateTime.class).toInstant(),
          "",
          new Organization(
              rs.getString("org_id"), rs.getString("org_name"), rs.getString("org_display")),
          rs.getString("ip"),
          "",
          rs.getString("resource_type"),
          "",
          rs.getString("resource_target"),
          "",
          "",
          rs.getString("action"),
          List.of(),
          rs.getInt("status"),
          "{}",
          "",
          false,
          new Actor(
              rs.getString("actor_id"), rs.getString("username"), rs.getString("email_lc"), ""),
          "",
          raw);
    }
  }
}
