package dev.auditdesk.ui.table;

import dev.auditdesk.model.AuditAction;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.ResourceTypes;
import dev.auditdesk.model.SortColumn;
import dev.auditdesk.model.SortOrder;
import dev.auditdesk.model.VisibleText;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.common.TimeText;
import dev.auditdesk.ui.filters.QueryModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The chronological event table. Its items are an {@link EventRows} over the cache (through a
 * {@link RowWindow} when the result is large); a header click does not sort the loaded rows but
 * changes the query model's sort, so the cache orders <em>all</em> matching events. Row numbers in
 * this class's API are positions in the whole result.
 */
public final class EventTable {

  private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
  private static final PseudoClass LOADING = PseudoClass.getPseudoClass("loading");

  private static final PseudoClass LONG_RESULT = PseudoClass.getPseudoClass("long-result");

  /** Above this many rows the table's own scroll bar gives way to the one beside it. */
  private static final int OWN_BAR_ROWS = 500;

  private final TableView<EventRow> table = new TableView<>();

  /** Position in the whole result when the table shows a window of it (see {@link RowWindow}). */
  private final ScrollBar wholeResult = new ScrollBar();

  private final HBox node = new HBox(table, wholeResult);
  private final QueryModel queryModel;
  private RowWindow window;
  private VirtualFlow<?> flow;
  private boolean recenterQueued;
  private boolean updatingBar;

  /** Set while a moved window has not been laid out yet: its cells still show the old rows. */
  private boolean settling;

  private final TableColumn<EventRow, AuditEvent> timeColumn;

  public EventTable(QueryModel queryModel) {
    this.queryModel = queryModel;
    table.setId("event-table");
    table.getStyleClass().add("event-table");
    table.setTableMenuButtonVisible(true);
    table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
    table.setFixedCellSize(28);
    HBox.setHgrow(table, Priority.ALWAYS);
    node.getStyleClass().add("event-table-box");
    wholeResult.setOrientation(Orientation.VERTICAL);
    wholeResult.setId("whole-result-bar");
    wholeResult.getStyleClass().add("whole-result-bar");
    wholeResult.setUnitIncrement(3);
    wholeResult.setVisible(false);
    wholeResult.setManaged(false);
    wholeResult.valueProperty().addListener((o, a, b) -> wholeResultMoved(b.doubleValue()));
    table.addEventFilter(KeyEvent.KEY_PRESSED, this::endKeys);
    table.skinProperty().addListener((o, a, b) -> Platform.runLater(this::flow));

    timeColumn = column("time", "table.time", SortColumn.TIME, 178, TimeCell::new);
    table.getColumns().add(timeColumn);
    table
        .getColumns()
        .add(column("user", "table.user", SortColumn.USER, 150, () -> text(EventTable::user)));
    table
        .getColumns()
        .add(column("action", "table.action", SortColumn.ACTION, 150, ActionCell::new));
    table
        .getColumns()
        .add(
            column(
                "resource-type",
                "table.resourceType",
                SortColumn.RESOURCE_TYPE,
                140,
                () -> text(EventTable::resourceType)));
    table
        .getColumns()
        .add(
            column(
                "resource-target",
                "table.resourceTarget",
                SortColumn.RESOURCE_TARGET,
                170,
                () -> text(EventTable::resourceTarget)));
    table
        .getColumns()
        .add(column("status", "table.status", SortColumn.STATUS, 70, StatusCell::new));
    table
        .getColumns()
        .add(column("ip", "table.ip", SortColumn.IP, 150, () -> text(AuditEvent::ip)));
    table
        .getColumns()
        .add(
            column(
                "organization",
                "table.organization",
                SortColumn.ORGANIZATION,
                130,
                () -> text(e -> e.organization().label())));
    table
        .getColumns()
        .add(
            column(
                "description",
                "table.description",
                null,
                360,
                () -> text(AuditEvent::filledDescription)));

    table.setRowFactory(t -> new EventTableRow());
    // Sorting is the cache's job: the table never reorders its items, a header click only
    // changes the query model's sort (first click ascending, newest first for time; again flips).
    table.setSortPolicy(t -> true);
    table.addEventFilter(MouseEvent.MOUSE_RELEASED, this::headerClicked);
    showSort(queryModel.sort());
    queryModel.sortProperty().addListener((o, a, b) -> showSort(b));
  }

  public TableView<EventRow> table() {
    return table;
  }

  /** The table with the scroll bar over the whole result, for the window's layout. */
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

  /**
   * Sets the rows; {@code keepPosition} keeps the scroll position (a refresh of the same query).
   */
  public void setRows(EventRows rows, boolean keepPosition) {
    int first = keepPosition ? firstVisibleIndex() : 0;
    int selected = keepPosition ? selectedRow() : -1;
    window = rows == null ? null : new RowWindow(rows, RowWindow.defaultSize);
    boolean ownBar = ownBar();
    table.pseudoClassStateChanged(LONG_RESULT, ownBar);
    wholeResult.setVisible(ownBar);
    wholeResult.setManaged(ownBar);
    table.setItems(window);
    if (rows == null) {
      return;
    }
    if (first > 0 && first < rows.size()) {
      scrollToRow(first);
    }
    if (selected >= 0 && selected < rows.size()) {
      selectRow(selected);
    }
    updateWholeResultBar();
  }

  /** Result row number of the first row on screen, 0 when unknown. */
  public int firstVisibleIndex() {
    VirtualFlow<?> f = flow();
    if (window != null && f != null && f.getFirstVisibleCell() != null) {
      return window.global(f.getFirstVisibleCell().getIndex());
    }
    return 0;
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
    if (window == null || row < 0 || row >= window.rows().size()) {
      return;
    }
    if (window.local(row) < 0) {
      scrollToRow(row);
    }
    table.getSelectionModel().clearAndSelect(window.local(row));
    table.getFocusModel().focus(window.local(row));
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
    if (table.getScene() == null) {
      settling = false;
      return;
    }
    javafx.scene.Scene scene = table.getScene();
    Runnable[] once = new Runnable[1];
    once[0] =
        () -> {
          scene.removePostLayoutPulseListener(once[0]);
          settling = false;
          updateWholeResultBar();
        };
    scene.addPostLayoutPulseListener(once[0]);
    Platform.requestNextPulse();
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
    if (header == null
        || header.getTableColumn() == null
        || !(header.getTableColumn().getUserData() instanceof SortColumn column)) {
      return;
    }
    e.consume();
    SortOrder now = queryModel.sort();
    queryModel.setSort(
        now.column() == column
            ? new SortOrder(column, !now.ascending())
            : new SortOrder(column, column != SortColumn.TIME));
  }

  /** Shows the model's sort as the header arrow. */
  private void showSort(SortOrder s) {
    for (TableColumn<EventRow, ?> c : table.getColumns()) {
      if (c.getUserData() == s.column()) {
        c.setSortType(
            s.ascending() ? TableColumn.SortType.ASCENDING : TableColumn.SortType.DESCENDING);
        if (table.getSortOrder().size() != 1 || table.getSortOrder().get(0) != c) {
          table.getSortOrder().setAll(List.of(c));
        }
      }
    }
  }

  private static TableColumn<EventRow, AuditEvent> column(
      String id,
      String titleKey,
      SortColumn sort,
      double width,
      java.util.function.Supplier<TableCell<EventRow, AuditEvent>> cell) {
    TableColumn<EventRow, AuditEvent> c = new TableColumn<>(Messages.get(titleKey));
    c.setId("col-" + id);
    c.setUserData(sort);
    c.setSortable(sort != null);
    c.setPrefWidth(width);
    c.setCellValueFactory(d -> d.getValue().eventProperty());
    c.setCellFactory(col -> cell.get());
    return c;
  }

  /** The text each column shows, by column id: for copying rows and for sizing columns. */
  public static Map<String, Function<AuditEvent, String>> cellTexts() {
    Map<String, Function<AuditEvent, String>> byId = new HashMap<>();
    byId.put("col-time", e -> TimeText.local(e.time()));
    byId.put("col-user", EventTable::user);
    byId.put("col-action", e -> AuditAction.of(e.action()).verb());
    byId.put("col-resource-type", EventTable::resourceType);
    byId.put("col-resource-target", EventTable::resourceTarget);
    byId.put("col-status", e -> e.statusCode() == 0 ? "" : Integer.toString(e.statusCode()));
    byId.put("col-ip", AuditEvent::ip);
    byId.put("col-organization", e -> e.organization().label());
    byId.put("col-description", AuditEvent::filledDescription);
    return byId;
  }

  public static String user(AuditEvent e) {
    if (e.actor().isSystem()) {
      return e.buildReason().isEmpty()
          ? Messages.get("table.system")
          : Messages.get("table.systemWithReason", e.buildReason());
    }
    return e.actor().username().isEmpty() ? e.actor().email() : e.actor().username();
  }

  static String resourceType(AuditEvent e) {
    return ResourceTypes.isKnown(e.resourceType())
        ? ResourceTypes.label(e.resourceType())
        : e.resourceType();
  }

  static String resourceTarget(AuditEvent e) {
    return e.deleted()
        ? e.resourceTarget() + " " + Messages.get("table.deleted")
        : e.resourceTarget();
  }

  private static TableCell<EventRow, AuditEvent> text(Function<AuditEvent, String> f) {
    return new TableCell<>() {
      @Override
      protected void updateItem(AuditEvent e, boolean empty) {
        super.updateItem(e, empty);
        setText(empty || e == null ? null : VisibleText.of(f.apply(e)));
      }
    };
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
      setText(
          empty || e == null ? null : e.statusCode() == 0 ? "" : Integer.toString(e.statusCode()));
    }
  }

  /** Marks failed attempts and rows still loading, for the stylesheet. */
  private static final class EventTableRow extends TableRow<EventRow> {
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
