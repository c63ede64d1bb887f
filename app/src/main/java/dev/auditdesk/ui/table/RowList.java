package dev.auditdesk.ui.table;

import javafx.collections.ObservableListBase;

/**
 * A list of table rows in which a row knows its own position: {@link #indexOf} answers at once,
 * where the table's selection code would otherwise scan every row of a large result.
 */
abstract class RowList extends ObservableListBase<EventRow> {

  @Override
  public abstract int indexOf(Object o);

  @Override
  public int lastIndexOf(Object o) {
    return indexOf(o);
  }

  @Override
  public boolean contains(Object o) {
    return indexOf(o) >= 0;
  }
}
