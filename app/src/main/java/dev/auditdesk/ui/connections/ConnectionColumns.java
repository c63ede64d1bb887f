package dev.auditdesk.ui.connections;

import dev.auditdesk.model.ConnectionRow;
import dev.auditdesk.model.ConnectionSort;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.common.SortHeaders;
import dev.auditdesk.ui.common.TableCopy;
import dev.auditdesk.ui.common.TimeText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/**
 * The columns of the connection table (short headers, the full name on hover, so all fit 1366 px),
 * their sorting by the cache, their text as copied, and the rows' look (failed requests stand out).
 */
final class ConnectionColumns {

  /** The same pseudo-class as a failed audit event's row, so the theme styles both alike. */
  static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");

  /** One column: its id, first width, the cache's sort (null: not sortable) and a row's text. */
  private record Column(
      String id,
      double width,
      ConnectionSort.Column sort,
      BiFunction<ConnectionRow, Instant, String> text) {}

  private static final List<Column> COLUMNS =
      List.of(
          new Column(
              "time", 168, ConnectionSort.Column.TIME, (r, now) -> TimeText.local(r.connectTime())),
          new Column("type", 135, ConnectionSort.Column.TYPE, (r, now) -> ConnectionText.type(r)),
          new Column(
              "owner", 118, ConnectionSort.Column.OWNER, (r, now) -> r.workspaceOwnerUsername()),
          new Column("user", 118, ConnectionSort.Column.USER, (r, now) -> r.username()),
          new Column(
              "workspace", 140, ConnectionSort.Column.WORKSPACE, (r, now) -> r.workspaceName()),
          new Column("agent", 70, null, (r, now) -> r.agentName()),
          new Column("ip", 115, null, (r, now) -> r.ip()),
          new Column(
              "status",
              105,
              ConnectionSort.Column.STATUS,
              (r, now) -> ConnectionText.statusCell(r)),
          new Column("duration", 115, ConnectionSort.Column.DURATION, ConnectionText::duration),
          new Column("exitCode", 48, null, (r, now) -> ConnectionText.exitCode(r)),
          new Column("slugOrPort", 95, null, (r, now) -> r.webInfo().slugOrPort()),
          new Column(
              "httpStatus",
              60,
              ConnectionSort.Column.HTTP_STATUS,
              (r, now) -> ConnectionText.httpStatus(r)));

  private ConnectionColumns() {}

  static void install(TableView<ConnectionRow> table, ConnectionsViewModel vm) {
    for (Column c : COLUMNS) {
      TableColumn<ConnectionRow, String> col = new TableColumn<>();
      // The header is a label so it can carry the full name as a tooltip.
      Label header = new Label(Messages.get("connections.column." + c.id()));
      header.setTooltip(new Tooltip(Messages.get("connections.column." + c.id() + ".tip")));
      col.setGraphic(header);
      col.setId("conn-col-" + c.id());
      col.setUserData(c);
      col.setPrefWidth(c.width());
      col.setSortable(c.sort() != null);
      col.setCellValueFactory(
          d ->
              Bindings.createStringBinding(
                  () ->
                      d.getValue() == null
                          ? ""
                          : c.text().apply(d.getValue(), vm.nowProperty().get()),
                  vm.nowProperty()));
      table.getColumns().add(col);
    }
    SortHeaders.install(
        table,
        new SortHeaders.Sorting<ConnectionRow, ConnectionSort.Column>(
            col -> col.getUserData() instanceof Column c ? c.sort() : null,
            () -> vm.sortProperty().get().column(),
            () -> vm.sortProperty().get().ascending(),
            vm::sortBy,
            vm.sortProperty()));
    table.setRowFactory(
        t ->
            new TableRow<>() {
              @Override
              protected void updateItem(ConnectionRow r, boolean empty) {
                super.updateItem(r, empty);
                pseudoClassStateChanged(FAILED, !empty && r != null && r.failed());
              }
            });
  }

  /** The visible columns in the order the user arranged them, as copying writes them. */
  static List<TableCopy.Column<ConnectionRow>> copyColumns(
      TableView<ConnectionRow> table, Instant now) {
    List<TableCopy.Column<ConnectionRow>> out = new ArrayList<>();
    for (TableColumn<ConnectionRow, ?> col : table.getVisibleLeafColumns()) {
      if (col.getUserData() instanceof Column c) {
        out.add(
            new TableCopy.Column<>(
                Messages.get("connections.column." + c.id() + ".tip"),
                r -> c.text().apply(r, now)));
      }
    }
    return out;
  }

  /** Shows exactly the listed columns in that order, the others hidden after them; empty: as is. */
  static void show(TableView<ConnectionRow> table, List<String> ids) {
    if (ids.isEmpty()) {
      return;
    }
    List<TableColumn<ConnectionRow, ?>> ordered = new ArrayList<>();
    for (String id : ids) {
      table.getColumns().stream()
          .filter(c -> id.equals(c.getId()))
          .findFirst()
          .ifPresent(ordered::add);
    }
    for (TableColumn<ConnectionRow, ?> c : table.getColumns()) {
      c.setVisible(ordered.contains(c));
      if (!ordered.contains(c)) {
        ordered.add(c);
      }
    }
    if (!ordered.equals(table.getColumns())) {
      table.getColumns().setAll(ordered);
    }
  }
}
