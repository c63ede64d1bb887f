package dev.auditdesk.ui.table;

import dev.auditdesk.model.AuditAction;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.EventColumn;
import dev.auditdesk.model.ResourceTypes;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.common.TimeText;

/**
 * The table's wording of a column's value, chosen by the column's kind: local time, verbs,
 * "System", the deleted marker, status 0 empty. Exports write {@link EventColumn#text} instead.
 */
public final class CellText {

  private CellText() {}

  /** What the cell of {@code column} shows for {@code e}, and what copying the row writes. */
  public static String of(EventColumn column, AuditEvent e) {
    return switch (column.kind()) {
      case TIME -> TimeText.local(e.time());
      case USER -> user(e);
      case ACTION -> AuditAction.of(e.action()).verb();
      case RESOURCE_TYPE -> resourceType(e);
      case RESOURCE_TARGET -> resourceTarget(e);
      case STATUS -> e.statusCode() == 0 ? "" : Integer.toString(e.statusCode());
      case ORGANIZATION -> e.organization().label();
      case TEXT, JSON, FLAG -> column.text(e);
    };
  }

  public static String user(AuditEvent e) {
    if (e.actor().isSystem()) {
      return e.buildReason().isEmpty()
          ? Messages.get("table.system")
          : Messages.get("table.systemWithReason", e.buildReason());
    }
    return e.actor().username().isEmpty() ? e.actor().email() : e.actor().username();
  }

  static String resourceType(AuditEvent e) {
    return ResourceTypes.isKnown(e.resourceType())
        ? ResourceTypes.label(e.resourceType())
        : e.resourceType();
  }

  static String resourceTarget(AuditEvent e) {
    return e.deleted()
        ? e.resourceTarget() + " " + Messages.get("table.deleted")
        : e.resourceTarget();
  }
}
