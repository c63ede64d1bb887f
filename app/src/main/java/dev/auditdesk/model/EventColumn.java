package dev.auditdesk.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every field of an event that AuditDesk shows or exports, described once: its stable id, its CSV
 * header, its table title, how to read it, how the cache sorts it, which filter it has and how a
 * cell draws it. The constants are in CSV column order; the table columns, in table order, are
 * {@link #table()}.
 *
 * <p>{@link #text} is the plain value as exported (UTC ISO time, raw action, status as a number).
 * The table shows some kinds in the user's words instead (local time, verbs, labels); that wording
 * belongs to the UI and is chosen by {@link #kind}.
 */
public enum EventColumn {
  ID("id", "id", null, Kind.TEXT, null, null, AuditEvent::id),
  TIME("time", "time", "table.time", Kind.TIME, SortColumn.TIME, null, EventColumn::isoTime),
  USER(
      "user",
      "username",
      "table.user",
      Kind.USER,
      SortColumn.USER,
      Facet.USER,
      e -> e.actor().username()),
  ACTION(
      "action",
      "action",
      "table.action",
      Kind.ACTION,
      SortColumn.ACTION,
      Facet.ACTION,
      AuditEvent::action),
  RESOURCE_TYPE(
      "resource-type",
      "resource_type",
      "table.resourceType",
      Kind.RESOURCE_TYPE,
      SortColumn.RESOURCE_TYPE,
      Facet.RESOURCE_TYPE,
      AuditEvent::resourceType),
  RESOURCE_TARGET(
      "resource-target",
      "resource_target",
      "table.resourceTarget",
      Kind.RESOURCE_TARGET,
      SortColumn.RESOURCE_TARGET,
      Facet.RESOURCE_TARGET,
      AuditEvent::resourceTarget),
  STATUS(
      "status",
      "status_code",
      "table.status",
      Kind.STATUS,
      SortColumn.STATUS,
      null,
      e -> Integer.toString(e.statusCode())),
  IP("ip", "ip", "table.ip", Kind.TEXT, SortColumn.IP, null, AuditEvent::ip),
  USER_AGENT("user-agent", "user_agent", null, Kind.TEXT, null, null, AuditEvent::userAgent),
  ORGANIZATION(
      "organization",
      "organization",
      "table.organization",
      Kind.ORGANIZATION,
      SortColumn.ORGANIZATION,
      Facet.ORGANIZATION,
      e -> e.organization().isKnown() ? e.organization().label() : ""),
  DESCRIPTION(
      "description",
      "description",
      "table.description",
      Kind.TEXT,
      null,
      null,
      AuditEvent::filledDescription),
  DIFF("diff", "diff", null, Kind.JSON, null, null, e -> FieldChange.json(e.diff())),
  ADDITIONAL_FIELDS(
      "additional-fields",
      "additional_fields",
      null,
      Kind.JSON,
      null,
      null,
      AuditEvent::additionalFieldsJson),
  REQUEST_ID("request-id", "request_id", null, Kind.TEXT, null, null, AuditEvent::requestId),
  RESOURCE_ID("resource-id", "resource_id", null, Kind.TEXT, null, null, AuditEvent::resourceId),
  USER_ID("user-id", "user_id", null, Kind.TEXT, null, null, e -> e.actor().id()),
  EMAIL("email", "email", null, Kind.TEXT, null, null, e -> e.actor().email()),
  ORGANIZATION_ID(
      "organization-id",
      "organization_id",
      null,
      Kind.TEXT,
      null,
      null,
      e -> e.organization().id()),
  BUILD_REASON(
      "build-reason", "build_reason", null, Kind.TEXT, null, null, AuditEvent::buildReason),
  RESOURCE_LINK(
      "resource-link", "resource_link", null, Kind.TEXT, null, null, AuditEvent::resourceLink),
  DELETED("deleted", "is_deleted", null, Kind.FLAG, null, null, e -> Boolean.toString(e.deleted()));

  /** How a cell shows the value; the UI picks a cell renderer by it. */
  public enum Kind {
    /** An instant: local time in the table, UTC ISO-8601 in exports. */
    TIME,
    /** The actor: username, else email, else "System" with the build reason. */
    USER,
    /** Coder's action, shown as a verb badge. */
    ACTION,
    /** A resource type, shown by its label when AuditDesk knows it. */
    RESOURCE_TYPE,
    /** A resource name, marked when the resource was deleted. */
    RESOURCE_TARGET,
    /** An HTTP status code; failures (400 and above) stand out, 0 shows empty. */
    STATUS,
    /** The organization's best name. */
    ORGANIZATION,
    /** Text shown as it is. */
    TEXT,
    /** Compact JSON text. */
    JSON,
    /** true or false. */
    FLAG;

    /** A number or a flag: a value no spreadsheet can take for a formula, so written as is. */
    public boolean isValue() {
      return this == STATUS || this == FLAG;
    }
  }

  private static final List<EventColumn> TABLE =
      Arrays.stream(values()).filter(EventColumn::inTable).toList();

  private final String id;
  private final String csvHeader;
  private final String titleKey;
  private final Kind kind;
  private final SortColumn sort;
  private final Facet facet;
  private final Function<AuditEvent, String> text;

  EventColumn(
      String id,
      String csvHeader,
      String titleKey,
      Kind kind,
      SortColumn sort,
      Facet facet,
      Function<AuditEvent, String> text) {
    this.id = id;
    this.csvHeader = csvHeader;
    this.titleKey = titleKey;
    this.kind = kind;
    this.sort = sort;
    this.facet = facet;
    this.text = text;
  }

  /** The stable id; never change it: saved layouts and views store {@link #tableColumnId}. */
  public String id() {
    return id;
  }

  /** The id of the table column, as window layouts and saved views store it: {@code col-time}. */
  public String tableColumnId() {
    return "col-" + id;
  }

  /** The header of this column in CSV exports. */
  public String csvHeader() {
    return csvHeader;
  }

  /** The message key of the table column's title; empty when it is no table column. */
  public Optional<String> titleKey() {
    return Optional.ofNullable(titleKey);
  }

  /** True if the table shows this column by default. */
  public boolean inTable() {
    return titleKey != null;
  }

  public Kind kind() {
    return kind;
  }

  /** How the cache sorts by this column; empty if it cannot sort by it. */
  public Optional<SortColumn> sort() {
    return Optional.ofNullable(sort);
  }

  /** The filter of this column; empty if it has none. */
  public Optional<Facet> facet() {
    return Optional.ofNullable(facet);
  }

  /** The plain value of this column for {@code e}, as exported (before any CSV escaping). */
  public String text(AuditEvent e) {
    return text.apply(e);
  }

  /** The table's columns in table order. */
  public static List<EventColumn> table() {
    return TABLE;
  }

  /** The column with this {@link #id}. */
  public static Optional<EventColumn> byId(String id) {
    return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
  }

  /** The column with this {@link #tableColumnId}, as saved layouts store it. */
  public static Optional<EventColumn> byTableColumnId(String tableColumnId) {
    return tableColumnId != null && tableColumnId.startsWith("col-")
        ? byId(tableColumnId.substring(4))
        : Optional.empty();
  }

  /** The column a sort orders by. */
  public static EventColumn of(SortColumn sort) {
    for (EventColumn c : values()) {
      if (c.sort == sort) {
        return c;
      }
    }
    throw new IllegalArgumentException("No column sorts by " + sort);
  }

  /** The column a filter filters. */
  public static EventColumn of(Facet facet) {
    for (EventColumn c : values()) {
      if (c.facet == facet) {
        return c;
      }
    }
    throw new IllegalArgumentException("No column has the filter " + facet);
  }

  private static String isoTime(AuditEvent e) {
    return IsoTime.of(e.time());
  }
}
