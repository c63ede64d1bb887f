package dev.auditdesk.ui.table;

import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.EventColumn;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.common.TableCopy;
import dev.auditdesk.ui.settings.UiSettings.ColumnLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.TableView;

/** The event table's columns, one per {@link EventColumn#table()} entry, which each carries. */
public final class TableColumns {

  private TableColumns() {}

  /** The registry column a table column shows, if it is one. */
  public static Optional<EventColumn> columnOf(TableColumnBase<?, ?> c) {
    return c != null && c.getUserData() instanceof EventColumn column
        ? Optional.of(column)
        : Optional.empty();
  }

  /** The visible columns, in the order the user arranged them, as copying writes them. */
  static List<TableCopy.Column<AuditEvent>> copyColumns(TableView<EventRow> table) {
    List<TableCopy.Column<AuditEvent>> out = new ArrayList<>();
    for (TableColumn<EventRow, ?> c : table.getVisibleLeafColumns()) {
      columnOf(c)
          .ifPresent(col -> out.add(new TableCopy.Column<>(c.getText(), e -> CellText.of(col, e))));
    }
    return out;
  }

  /** The ids of the visible columns in display order, as saved views store them. */
  static List<String> visibleIds(TableView<EventRow> table) {
    List<String> ids = new ArrayList<>();
    for (TableColumn<EventRow, ?> c : table.getColumns()) {
      if (c.isVisible()) {
        ids.add(LayoutPersistence.idOf(c));
      }
    }
    return ids;
  }

  /** Shows exactly the listed columns in that order (others hidden, after them); empty: as is. */
  static void show(TableView<EventRow> table, List<String> ids) {
    if (ids.isEmpty()) {
      return;
    }
    List<ColumnLayout> layout = new ArrayList<>();
    ids.forEach(id -> layout.add(new ColumnLayout(id, 0, true)));
    for (TableColumn<EventRow, ?> c : table.getColumns()) {
      if (!ids.contains(LayoutPersistence.idOf(c))) {
        layout.add(new ColumnLayout(LayoutPersistence.idOf(c), 0, false));
      }
    }
    LayoutPersistence.apply(table, layout);
  }

  static TableColumn<EventRow, AuditEvent> of(EventColumn c) {
    TableColumn<EventRow, AuditEvent> col =
        new TableColumn<>(Messages.get(c.titleKey().orElseThrow()));
    col.setId(c.tableColumnId());
    col.setUserData(c);
    col.setSortable(c.sort().isPresent());
    col.setPrefWidth(width(c));
    col.setCellValueFactory(d -> d.getValue().eventProperty());
    col.setCellFactory(x -> EventCells.of(c));
    return col;
  }

  /** A first width before the columns are fitted to their content (see {@link ColumnFit}). */
  private static double width(EventColumn c) {
    return switch (c) {
      case TIME -> 178;
      case RESOURCE_TYPE -> 140;
      case RESOURCE_TARGET -> 170;
      case STATUS -> 70;
      case ORGANIZATION -> 130;
      case DESCRIPTION -> 360;
      default -> 150;
    };
  }
}
