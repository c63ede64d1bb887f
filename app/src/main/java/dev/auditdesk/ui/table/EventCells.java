package dev.auditdesk.ui.table;

import dev.auditdesk.model.AuditAction;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.EventColumn;
import dev.auditdesk.model.ResourceTypes;
import dev.auditdesk.model.VisibleText;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.common.TimeText;
import java.time.Instant;
import java.util.Locale;
import javafx.beans.value.ChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.Tooltip;

/** How the event table draws a cell, by the column's kind, and how it marks a row. */
final class EventCells {

  private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
  private static final PseudoClass LOADING = PseudoClass.getPseudoClass("loading");

  private EventCells() {}

  static TableCell<EventRow, AuditEvent> of(EventColumn column) {
    return switch (column.kind()) {
      case TIME -> new TimeCell();
      case ACTION -> new ActionCell();
      case STATUS -> new StatusCell();
      default ->
          column == EventColumn.RESOURCE_TYPE ? new ResourceTypeCell() : new TextCell(column);
    };
  }

  /** The column's table wording as plain text; hidden characters show as markers. */
  private static class TextCell extends TableCell<EventRow, AuditEvent> {
    private final EventColumn column;

    TextCell(EventColumn column) {
      this.column = column;
    }

    @Override
    protected void updateItem(AuditEvent e, boolean empty) {
      super.updateItem(e, empty);
      setText(empty || e == null ? null : VisibleText.of(CellText.of(column, e)));
    }
  }

  /** The friendly name of a resource type; the tooltip says the raw type and what it is. */
  private static final class ResourceTypeCell extends TextCell {
    private final Tooltip tip = new Tooltip();

    ResourceTypeCell() {
      super(EventColumn.RESOURCE_TYPE);
    }

    @Override
    protected void updateItem(AuditEvent e, boolean empty) {
      super.updateItem(e, empty);
      if (empty || e == null) {
        setTooltip(null);
        return;
      }
      String type = e.resourceType();
      tip.setText(
          ResourceTypes.isKnown(type)
              ? VisibleText.of(type) + " \u2014 " + ResourceTypes.explanation(type)
              : VisibleText.of(ResourceTypes.explanation(type)));
      setTooltip(tip);
    }
  }

  /** Local time; the tooltip adds UTC and how long ago, computed when it shows. */
  private static final class TimeCell extends TableCell<EventRow, AuditEvent> {
    private final Tooltip tip = new Tooltip();

    TimeCell() {
      tip.setOnShowing(
          ev -> {
            AuditEvent e = getItem();
            tip.setText(e == null ? "" : TimeText.tooltip(e.time(), Instant.now()));
          });
    }

    @Override
    protected void updateItem(AuditEvent e, boolean empty) {
      super.updateItem(e, empty);
      if (empty || e == null) {
        setText(empty ? null : Messages.get("table.loading"));
        setTooltip(null);
      } else {
        setText(TimeText.local(e.time()));
        setTooltip(tip);
      }
    }
  }

  /** The friendly verb in a badge coloured by the action's tone; the tooltip explains it. */
  private static final class ActionCell extends TableCell<EventRow, AuditEvent> {
    private final Label badge = new Label();
    private final Tooltip tip = new Tooltip();
    private String toneClass;

    ActionCell() {
      badge.getStyleClass().add("action-badge");
      badge.setTooltip(tip);
      setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
    }

    @Override
    protected void updateItem(AuditEvent e, boolean empty) {
      super.updateItem(e, empty);
      if (empty || e == null) {
        setGraphic(null);
        return;
      }
      AuditAction a = AuditAction.of(e.action());
      badge.setText(VisibleText.of(a.verb()));
      tip.setText(a.known() ? a.name() + " \u2014 " + a.explanation() : a.explanation());
      String tone = "tone-" + a.tone().name().toLowerCase(Locale.ROOT);
      if (!tone.equals(toneClass)) {
        if (toneClass != null) {
          badge.getStyleClass().remove(toneClass);
        }
        badge.getStyleClass().add(tone);
        toneClass = tone;
      }
      setGraphic(badge);
    }
  }

  /** The HTTP status; failed attempts (400 and above) stand out. */
  private static final class StatusCell extends TableCell<EventRow, AuditEvent> {
    StatusCell() {
      getStyleClass().add("status-cell");
    }

    @Override
    protected void updateItem(AuditEvent e, boolean empty) {
      super.updateItem(e, empty);
      boolean failed = !empty && e != null && e.failed();
      pseudoClassStateChanged(FAILED, failed);
      setText(empty || e == null ? null : CellText.of(EventColumn.STATUS, e));
    }
  }

  /** Marks failed attempts and rows still loading, for the stylesheet. */
  static final class EventTableRow extends TableRow<EventRow> {
    private final ChangeListener<AuditEvent> onLoad = (o, a, b) -> mark(b);
    private EventRow watched;

    @Override
    protected void updateItem(EventRow row, boolean empty) {
      super.updateItem(row, empty);
      if (watched != null) {
        watched.eventProperty().removeListener(onLoad);
      }
      watched = empty ? null : row;
      if (watched != null) {
        watched.eventProperty().addListener(onLoad);
      }
      mark(watched == null ? null : watched.event());
      pseudoClassStateChanged(LOADING, watched != null && !watched.loaded());
    }

    private void mark(AuditEvent e) {
      pseudoClassStateChanged(FAILED, e != null && e.failed());
      pseudoClassStateChanged(LOADING, watched != null && e == null);
    }
  }
}
