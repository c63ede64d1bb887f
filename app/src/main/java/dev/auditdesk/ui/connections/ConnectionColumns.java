package dev.auditdesk.ui.connections;

import dev.auditdesk.model.ConnectionRow;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.common.TimeText;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/** The columns of the connection table and its rows' look (failed requests stand out). */
final class ConnectionColumns {

  /** The same pseudo-class as a failed audit event's row, so the theme styles both alike. */
  static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");

  private record Column(String id, double width, BiFunction<ConnectionRow, Instant, String> text) {}

  private static final List<Column> COLUMNS =
      List.of(
          new Column("time", 165, (r, now) -> TimeText.local(r.connectTime())),
          new Column("type", 125, (r, now) -> ConnectionText.type(r)),
          new Column("owner", 110, (r, now) -> r.workspaceOwnerUsername()),
          new Column("user", 110, (r, now) -> r.username()),
          new Column("workspace", 140, (r, now) -> r.workspaceName()),
          new Column("agent", 62, (r, now) -> r.agentName()),
          new Column("ip", 110, (r, now) -> r.ip()),
          new Column("status", 100, (r, now) -> ConnectionText.statusCell(r)),
          new Column("duration", 135, ConnectionText::duration),
          new Column("exitCode", 72, (r, now) -> ConnectionText.exitCode(r)),
          new Column("slugOrPort", 95, (r, now) -> r.webInfo().slugOrPort()),
          new Column("httpStatus", 85, (r, now) -> ConnectionText.httpStatus(r)));

  private ConnectionColumns() {}

  static void install(TableView<ConnectionRow> table, ConnectionsViewModel vm) {
    for (Column c : COLUMNS) {
      TableColumn<ConnectionRow, String> col =
          new TableColumn<>(Messages.get("connections.column." + c.id()));
      col.setId("conn-col-" + c.id());
      col.setPrefWidth(c.width());
      col.setSortable(false); // newest first, as the cache pages them
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
}
