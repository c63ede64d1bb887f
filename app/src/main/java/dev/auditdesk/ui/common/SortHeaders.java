package dev.auditdesk.ui.common;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;

/**
 * Header clicks of a table whose rows are sorted by their source (the cache, over every matching
 * row) and never reordered by the table: a click asks the source for the new order, and the header
 * arrow follows the source's order.
 *
 * @param <S> the table's row type
 * @param <C> the source's sort column
 */
public final class SortHeaders<S, C> {

  /** The source's side: which column a header sorts, the current order, and a click. */
  public record Sorting<S, C>(
      Function<TableColumn<S, ?>, C> columnOf,
      Supplier<C> column,
      Supplier<Boolean> ascending,
      Consumer<C> clicked,
      ObservableValue<?> changes) {}

  private final TableView<S> table;
  private final Sorting<S, C> sorting;

  private SortHeaders(TableView<S> table, Sorting<S, C> sorting) {
    this.table = table;
    this.sorting = sorting;
  }

  /** {@code columnOf} answers null for a column the source cannot sort by. */
  public static <S, C> void install(TableView<S> table, Sorting<S, C> sorting) {
    SortHeaders<S, C> s = new SortHeaders<>(table, sorting);
    table.setSortPolicy(t -> true);
    table.addEventFilter(MouseEvent.MOUSE_RELEASED, s::headerClicked);
    // TableView clears its sort order whenever it gets new items (not a SortedList): show it again.
    table.itemsProperty().addListener((o, was, now) -> s.showSort());
    s.showSort();
    sorting.changes().addListener((o, a, b) -> s.showSort());
  }

  @SuppressWarnings("unchecked")
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
    if (header == null || !(header.getTableColumn() instanceof TableColumn<?, ?> tc)) {
      return;
    }
    C column = sorting.columnOf().apply((TableColumn<S, ?>) tc);
    if (column == null) {
      return;
    }
    e.consume();
    sorting.clicked().accept(column);
  }

  private void showSort() {
    C sorted = sorting.column().get();
    for (TableColumn<S, ?> c : table.getColumns()) {
      if (sorted != null && sorted.equals(sorting.columnOf().apply(c))) {
        c.setSortType(
            sorting.ascending().get()
                ? TableColumn.SortType.ASCENDING
                : TableColumn.SortType.DESCENDING);
        if (table.getSortOrder().size() != 1 || table.getSortOrder().get(0) != c) {
          table.getSortOrder().setAll(List.of(c));
        }
      }
    }
  }
}
