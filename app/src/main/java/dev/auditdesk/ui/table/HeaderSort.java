package dev.auditdesk.ui.table;

import dev.auditdesk.model.SortColumn;
import dev.auditdesk.model.SortOrder;
import dev.auditdesk.ui.common.SortHeaders;
import dev.auditdesk.ui.filters.QueryModel;
import javafx.scene.control.TableView;

/**
 * Sorting is the cache's job: the table never reorders its items, a header click only changes the
 * query model's sort (first click ascending, newest first for time; again flips), and the header
 * arrow shows the model's sort.
 */
final class HeaderSort {

  private HeaderSort() {}

  static void install(TableView<EventRow> table, QueryModel queryModel) {
    SortHeaders.install(
        table,
        new SortHeaders.Sorting<EventRow, SortColumn>(
            c -> TableColumns.columnOf(c).flatMap(col -> col.sort()).orElse(null),
            () -> queryModel.sort().column(),
            () -> queryModel.sort().ascending(),
            column -> {
              SortOrder now = queryModel.sort();
              queryModel.setSort(
                  now.column() == column
                      ? new SortOrder(column, !now.ascending())
                      : new SortOrder(column, column != SortColumn.TIME));
            },
            queryModel.sortProperty()));
  }
}
