package dev.auditdesk.ui.table;

import dev.auditdesk.model.AuditEvent;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * One line of the event table. It exists before its event is loaded (a placeholder); cells bind to
 * {@link #eventProperty()} and redraw themselves when the page with the event arrives.
 */
public final class EventRow {

  private final EventRows owner;
  private final int index;
  private final ReadOnlyObjectWrapper<AuditEvent> event = new ReadOnlyObjectWrapper<>();

  EventRow(EventRows owner, int index) {
    this.owner = owner;
    this.index = index;
  }

  EventRows owner() {
    return owner;
  }

  /** Position of this row in the current result (0 = first row of the table). */
  public int index() {
    return index;
  }

  public ReadOnlyObjectProperty<AuditEvent> eventProperty() {
    return event.getReadOnlyProperty();
  }

  /** The event, or null while its page is still loading. */
  public AuditEvent event() {
    return event.get();
  }

  public boolean loaded() {
    return event.get() != null;
  }

  void fill(AuditEvent e) {
    event.set(e);
  }
}
