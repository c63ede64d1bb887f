package dev.auditdesk.ui.table;

import dev.auditdesk.model.SortColumn;
import dev.auditdesk.model.SortOrder;
import dev.auditdesk.ui.filters.QueryModel;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;

/**
 * Sorting is the cache's job: the table never reorders its items, a header click only changes the
 * query model's sort (first click ascending, newest first for time; again flips), and the header
 * arrow shows the model's sort.
 */
final class HeaderSort {

  private final TableView<EventRow> table;
  private final QueryModel queryModel;

  private HeaderSort(TableView<EventRow> table, QueryModel queryModel) {
    this.table = table;
    this.queryModel = queryModel;
  }

  static void install(TableView<EventRow> table, QueryModel queryModel) {
    HeaderSort s = new HeaderSort(table, queryModel);
    table.setSortPolicy(t -> true);
    table.addEventFilter(MouseEvent.MOUSE_RELEASED, s::headerClicked);
    s.showSort(queryModel.sort());
    queryModel.sortProperty().addListener((o, a, b) -> s.showSort(b));
  }

  private void headerClicked(MouseEvent e) {
    if (e.getButton() != MouseButton.PRIMARY || !e.isStillSincePress()) {
      return;
    }
    TableColumnHeader header = null;
    for (Node n = e.getPickResult().getIntersectedNode();
        n != null && n != table;
        n = n.getParent()) {
      if (n instanceof TableColumnHeader h) {
        header = h;
        break;
      }
    }
    SortColumn column =
        header == null
            ? null
            : TableColumns.columnOf(header.getTableColumn()).flatMap(c -> c.sort()).orElse(null);
    if (column == null) {
      return;
    }
    e.consume();
    SortOrder now = queryModel.sort();
    queryModel.setSort(
        now.column() == column
            ? new SortOrder(column, !now.ascending())
            : new SortOrder(column, column != SortColumn.TIME));
  }

  private void showSort(SortOrder s) {
    for (TableColumn<EventRow, ?> c : table.getColumns()) {
      if (TableColumns.columnOf(c).flatMap(col -> col.sort()).orElse(null) == s.column()) {
        c.setSortType(
            s.ascending() ? TableColumn.SortType.ASCENDING : TableColumn.SortType.DESCENDING);
        if (table.getSortOrder().size() != 1 || table.getSortOrder().get(0) != c) {
          table.getSortOrder().setAll(List.of(c));
        }
      }
    }
  }
}
