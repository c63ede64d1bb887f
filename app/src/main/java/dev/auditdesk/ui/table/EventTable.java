package dev.auditdesk.ui.table;

import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.EventColumn;
import dev.auditdesk.ui.common.TableCopy;
import dev.auditdesk.ui.filters.QueryModel;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The chronological event table. Its columns are {@link EventColumn#table()}, drawn by {@link
 * EventCells}; its items are an {@link EventRows} over the cache (through a {@link RowWindow} when
 * the result is large); a header click changes the query model's sort ({@link HeaderSort}), so the
 * cache orders <em>all</em> matching events. Row numbers in this class's API are positions in the
 * whole result.
 */
public final class EventTable {

  private static final PseudoClass LONG_RESULT = PseudoClass.getPseudoClass("long-result");

  /** Above this many rows the table's own scroll bar gives way to the one beside it. */
  private static final int OWN_BAR_ROWS = 500;

  private final TableView<EventRow> table = new TableView<>();

  /** Position in the whole result when the table shows a window of it (see {@link RowWindow}). */
  private final ScrollBar wholeResult = new ScrollBar();

  private final LoadFailureBar failureBar = new LoadFailureBar();
  private final HBox tableBox = new HBox(table, wholeResult);
  private final VBox node = new VBox(failureBar, tableBox);
  private RowWindow window;
  private VirtualFlow<?> flow;
  private boolean recenterQueued;
  private boolean updatingBar;

  /** Set while a moved window has not been laid out yet: its cells still show the old rows. */
  private boolean settling;

  public EventTable(QueryModel queryModel) {
    table.setId("event-table");
    table.getStyleClass().add("event-table");
    table.setTableMenuButtonVisible(true);
    table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
    table.setFixedCellSize(28);
    HBox.setHgrow(table, Priority.ALWAYS);
    VBox.setVgrow(tableBox, Priority.ALWAYS);
    tableBox.getStyleClass().add("event-table-box");
    wholeResult.setOrientation(Orientation.VERTICAL);
    wholeResult.setId("whole-result-bar");
    wholeResult.getStyleClass().add("whole-result-bar");
    wholeResult.setUnitIncrement(3);
    wholeResult.setVisible(false);
    wholeResult.setManaged(false);
    wholeResult.valueProperty().addListener((o, a, b) -> wholeResultMoved(b.doubleValue()));
    table.addEventFilter(KeyEvent.KEY_PRESSED, this::endKeys);
    table.skinProperty().addListener((o, a, b) -> Platform.runLater(this::flow));
    for (EventColumn c : EventColumn.table()) {
      table.getColumns().add(TableColumns.of(c));
    }
    table.setRowFactory(t -> new EventCells.EventTableRow());
    HeaderSort.install(table, queryModel);
  }

  public TableView<EventRow> table() {
    return table;
  }

  /** The table with the scroll bar over the whole result and the failure bar, for the layout. */
  public Node node() {
    return node;
  }

  /** The result shown, or null before the first one. */
  public EventRows rows() {
    return window == null ? null : window.rows();
  }

  /** Rows in the result (the table's own list may hold a window of them). */
  public int rowCount() {
    return window == null ? 0 : window.rows().size();
  }

  /** The visible columns, in the order the user arranged them, as copying writes them. */
  public List<TableCopy.Column<AuditEvent>> copyColumns() {
    return TableColumns.copyColumns(table);
  }

  /** The ids of the visible columns in display order, as saved views store them. */
  public List<String> visibleColumnIds() {
    return TableColumns.visibleIds(table);
  }

  /** Shows exactly the listed columns in that order (others hidden, after them); empty: as is. */
  public void showColumns(List<String> ids) {
    TableColumns.show(table, ids);
  }

  /** The table's wording of the user column (kept for callers outside the table). */
  public static String user(AuditEvent e) {
    return CellText.user(e);
  }

  /**
   * Sets the rows; {@code keepPosition} (a refresh of the same query) keeps the selected events and
   * the events on screen, found again by id in the new result.
   */
  public void setRows(EventRows rows, boolean keepPosition) {
    KeptPosition kept = keepPosition ? KeptPosition.of(this) : null;
    window = rows == null ? null : new RowWindow(rows, RowWindow.defaultSize);
    boolean ownBar = ownBar();
    table.pseudoClassStateChanged(LONG_RESULT, ownBar);
    wholeResult.setVisible(ownBar);
    wholeResult.setManaged(ownBar);
    table.setItems(window);
    failureBar.show(rows);
    if (rows == null) {
      return;
    }
    if (kept != null) {
      kept.restore(this, rows);
    }
    updateWholeResultBar();
  }

  /** Runs {@code r} only while the table still shows {@code rows} (a late answer is dropped). */
  void whileShowing(EventRows rows, Runnable r) {
    if (rows() == rows) {
      r.run();
    }
  }

  /** Selects result rows, {@code focus} last so it is the one the details pane shows. */
  void select(List<Integer> rows, int focus) {
    if (window == null || focus < 0 || focus >= window.rows().size()) {
      return;
    }
    if (window.local(focus) < 0) {
      scrollToRow(focus);
    }
    restoreSelection(rows, focus);
    table.getFocusModel().focus(window.local(focus));
  }

  /** Result row number of the first row on screen, 0 when unknown. */
  public int firstVisibleIndex() {
    VirtualFlow<?> f = flow();
    if (window != null && f != null && f.getFirstVisibleCell() != null) {
      return window.global(f.getFirstVisibleCell().getIndex());
    }
    return 0;
  }

  /** Pixels of the first row on screen that are scrolled out of view above it. */
  double firstVisibleOffset() {
    VirtualFlow<?> f = flow();
    IndexedCell<?> first = f == null ? null : f.getFirstVisibleCell();
    return first == null ? 0 : Math.max(0, -first.getLayoutY());
  }

  /**
   * Puts a result row on top, {@code into} pixels of it scrolled out of view; again after the next
   * layout, since the table learns the size of new rows only then and would keep a fraction of it.
   */
  void scrollToTop(int row, double into) {
    Runnable scroll =
        () -> {
          scrollToRow(row);
          VirtualFlow<?> f = flow();
          if (f != null && window != null && window.local(row) >= 0) {
            f.scrollToTop(window.local(row));
            f.scrollPixels(into);
          }
        };
    scroll.run();
    EventRows shown = rows();
    afterNextLayout(() -> whileShowing(shown, scroll));
  }

  /** Result row number of the selected (focused) row, -1 when none. */
  public int selectedRow() {
    int local = table.getSelectionModel().getSelectedIndex();
    return window == null || local < 0 ? -1 : window.global(local);
  }

  /** Result row numbers of every selected row, in selection order. */
  public List<Integer> selectedRows() {
    List<Integer> out = new ArrayList<>();
    if (window != null) {
      for (int local : table.getSelectionModel().getSelectedIndices()) {
        out.add(window.global(local));
      }
    }
    return out;
  }

  /** Brings a result row on screen (at the top when the window has to move). */
  public void scrollToRow(int row) {
    if (window == null || row < 0 || row >= window.rows().size()) {
      return;
    }
    if (window.shouldMoveFor(row)) {
      moveWindow(window.baseCentering(row));
    }
    table.scrollTo(window.local(row));
    updateWholeResultBar();
  }

  /** Selects one result row and brings it on screen. */
  public void selectRow(int row) {
    select(List.of(row), row);
  }

  /** Shows the result from another base, keeping the selection that still falls inside. */
  private boolean moveWindow(int base) {
    RowWindow moved = window.movedTo(base);
    if (moved.base() == window.base()) {
      return false;
    }
    List<Integer> selected = selectedRows();
    int focus = selectedRow();
    window = moved;
    table.setItems(moved);
    restoreSelection(selected, focus);
    settleAfterLayout();
    return true;
  }

  private void restoreSelection(List<Integer> rows, int focus) {
    table.getSelectionModel().clearSelection();
    for (int row : rows) {
      int local = window.local(row);
      if (local >= 0 && row != focus) {
        table.getSelectionModel().select(local);
      }
    }
    // The focused row last, so it stays the selected item the details pane shows.
    if (focus >= 0 && window.local(focus) >= 0) {
      table.getSelectionModel().select(window.local(focus));
    }
  }

  private VirtualFlow<?> flow() {
    if (flow == null && table.lookup(".virtual-flow") instanceof VirtualFlow<?> f) {
      flow = f;
      f.positionProperty().addListener((o, a, b) -> queueRecenter());
    }
    return flow;
  }

  private void settleAfterLayout() {
    settling = true;
    if (!afterNextLayout(
        () -> {
          settling = false;
          updateWholeResultBar();
        })) {
      settling = false;
    }
  }

  /** Runs {@code r} once after the next layout; false (and never) when the table has no scene. */
  private boolean afterNextLayout(Runnable r) {
    javafx.scene.Scene scene = table.getScene();
    if (scene == null) {
      return false;
    }
    Runnable[] once = new Runnable[1];
    once[0] =
        () -> {
          scene.removePostLayoutPulseListener(once[0]);
          r.run();
        };
    scene.addPostLayoutPulseListener(once[0]);
    Platform.requestNextPulse();
    return true;
  }

  /**
   * Whether the scroll bar beside the table stands in for the table's own: for a window (the
   * table's bar would show the window) and for any long result, whose thumb in the table's own bar
   * would be a pixel high.
   */
  private boolean ownBar() {
    return window != null && window.rows().size() > OWN_BAR_ROWS;
  }

  private void queueRecenter() {
    if (recenterQueued || settling || window == null || !window.windowed()) {
      updateWholeResultBar();
      return;
    }
    recenterQueued = true;
    Platform.runLater(
        () -> {
          recenterQueued = false;
          recenterIfNeeded();
        });
  }

  /**
   * Moves the window when the rows on screen come within a quarter window of its edge, keeping the
   * same rows on screen: the user scrolls on without noticing the window at all.
   */
  private void recenterIfNeeded() {
    VirtualFlow<?> f = flow();
    if (window == null || !window.windowed() || f == null || settling) {
      return;
    }
    IndexedCell<?> first = f.getFirstVisibleCell();
    IndexedCell<?> last = f.getLastVisibleCell();
    if (first == null || last == null) {
      return;
    }
    int row = window.global(first.getIndex());
    if (window.shouldMoveFor(row) || window.shouldMoveFor(window.global(last.getIndex()))) {
      double into = -first.getLayoutY();
      if (moveWindow(window.baseCentering(row))) {
        f.scrollToTop(window.local(row));
        if (into > 0) {
          f.scrollPixels(into);
        }
      }
    }
    updateWholeResultBar();
  }

  private void updateWholeResultBar() {
    if (!ownBar() || settling) {
      return;
    }
    VirtualFlow<?> f = flow();
    int visible = 30;
    if (f != null && f.getFirstVisibleCell() != null && f.getLastVisibleCell() != null) {
      visible = Math.max(1, f.getLastVisibleCell().getIndex() - f.getFirstVisibleCell().getIndex());
    }
    updatingBar = true;
    try {
      wholeResult.setMax(Math.max(1, window.rows().size() - visible));
      // A thumb in proportion to a screenful of a million rows would be a hair: keep it grabbable.
      wholeResult.setVisibleAmount(Math.max(visible, wholeResult.getMax() / 25));
      wholeResult.setBlockIncrement(visible);
      wholeResult.setValue(Math.min(wholeResult.getMax(), firstVisibleIndex()));
    } finally {
      updatingBar = false;
    }
  }

  private void wholeResultMoved(double value) {
    if (updatingBar || !ownBar()) {
      return;
    }
    int row = (int) Math.round(value);
    if (window.shouldMoveFor(row)) {
      moveWindow(window.baseCentering(row));
    }
    VirtualFlow<?> f = flow();
    if (f != null) {
      f.scrollToTop(window.local(row));
    } else {
      table.scrollTo(window.local(row));
    }
  }

  /** Home and End (with or without Ctrl) go to the ends of the whole result, not the window. */
  private void endKeys(KeyEvent e) {
    if (window == null || !window.windowed() || e.isShiftDown() || e.isAltDown()) {
      return;
    }
    if (e.getCode() == KeyCode.HOME || e.getCode() == KeyCode.END) {
      int row = e.getCode() == KeyCode.HOME ? 0 : window.rows().size() - 1;
      scrollToRow(row);
      selectRow(row);
      e.consume();
    }
  }
}
