package dev.auditdesk.ui;

import dev.auditdesk.model.AuditAction;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.ResourceTypes;
import dev.auditdesk.model.SortColumn;
import dev.auditdesk.model.SortOrder;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.value.ChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;

/**
 * The chronological event table. Its items are an {@link EventRows} over the cache; a header click
 * does not sort the loaded rows but changes the query model's sort, so the cache orders
 * <em>all</em> matching events.
 */
public final class EventTable {

  private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
  private static final PseudoClass LOADING = PseudoClass.getPseudoClass("loading");

  private final TableView<EventRow> table = new TableView<>();
  private final QueryModel queryModel;
  private final TableColumn<EventRow, AuditEvent> timeColumn;

  public EventTable(QueryModel queryModel) {
    this.queryModel = queryModel;
    table.setId("event-table");
    table.getStyleClass().add("event-table");
    table.setTableMenuButtonVisible(true);
    table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
    table.setFixedCellSize(28);

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

  /**
   * Sets the rows; {@code keepPosition} keeps the scroll position (a refresh of the same query).
   */
  public void setRows(EventRows rows, boolean keepPosition) {
    int first = keepPosition ? firstVisibleIndex() : 0;
    int selected = keepPosition ? table.getSelectionModel().getSelectedIndex() : -1;
    table.setItems(rows);
    if (rows == null) {
      return;
    }
    if (first > 0 && first < rows.size()) {
      table.scrollTo(first);
    }
    if (selected >= 0 && selected < rows.size()) {
      table.getSelectionModel().select(selected);
    }
  }

  /** Index of the first row on screen, 0 when unknown. */
  public int firstVisibleIndex() {
    var flow = table.lookup(".virtual-flow");
    if (flow instanceof javafx.scene.control.skin.VirtualFlow<?> vf
        && vf.getFirstVisibleCell() != null) {
      return vf.getFirstVisibleCell().getIndex();
    }
    return 0;
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

  static String user(AuditEvent e) {
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
        setText(empty || e == null ? null : f.apply(e));
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
      badge.setText(a.verb());
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
