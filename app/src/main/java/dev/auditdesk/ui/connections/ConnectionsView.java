package dev.auditdesk.ui.connections;

import dev.auditdesk.model.ConnectionFacet;
import dev.auditdesk.model.ConnectionRow;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.common.Shortcuts;
import dev.auditdesk.ui.common.TableCopy;
import dev.auditdesk.ui.filters.DateRangeBar;
import java.util.List;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The connection log in the window: its filters and count on top, the table of connections (newest
 * first, pages read as they scroll into view) and the selected connection's details on the right. A
 * deployment without a connection log shows one sentence instead.
 */
public final class ConnectionsView extends BorderPane {

  private final ConnectionsViewModel vm;
  private final TableView<ConnectionRow> table = new TableView<>();
  private final ObjectBinding<DateRange> range;
  private final Timeline clock;
  private final StackPane timelineSlot = new StackPane();

  public ConnectionsView(ConnectionsViewModel vm) {
    this.vm = vm;
    range =
        Bindings.createObjectBinding(() -> vm.queryProperty().get().range(), vm.queryProperty());
    setId("connections-view");
    getStyleClass().add("connections-view");

    table.setId("connection-table");
    table.getStyleClass().add("event-table");
    table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
    table.setFixedCellSize(28); // as the audit table: the same rows, and far cheaper to scroll
    Label empty = new Label(Messages.get("connections.empty"));
    empty.getStyleClass().add("table-placeholder");
    table.setPlaceholder(empty);
    ConnectionColumns.install(table, vm);
    // Several rows can be selected (Shift/Ctrl-click, Shift+arrows) to copy them together.
    table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    Shortcuts.installCopy(
        table,
        () ->
            vm.copyRows(
                List.copyOf(table.getSelectionModel().getSelectedIndices()),
                ConnectionColumns.copyColumns(table, vm.nowProperty().get()),
                TableCopy::toClipboard));
    vm.rowsProperty().addListener((o, was, now) -> table.setItems(now));
    table.setItems(vm.rowsProperty().get());
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((o, was, now) -> vm.selectedProperty().set(now));

    // The details pane appears with the first selection: until then the columns need the width.
    SplitPane split = new SplitPane(table);
    split.setId("conn-split");
    split.setOrientation(Orientation.HORIZONTAL);
    ConnectionDetailsView details = new ConnectionDetailsView(vm);
    vm.selectedProperty()
        .addListener(
            (o, was, now) -> {
              if (now != null && !split.getItems().contains(details)) {
                split.getItems().add(details);
                split.setDividerPositions(0.66);
              }
            });

    Label notice = new Label();
    notice.setId("conn-notice");
    notice.getStyleClass().add("table-placeholder");
    notice.setWrapText(true);
    notice.setMaxWidth(640);
    notice.textProperty().bind(vm.noticeProperty());
    StackPane center = new StackPane(split, notice);
    notice.visibleProperty().bind(vm.noticeProperty().isNotEmpty());
    split.visibleProperty().bind(vm.noticeProperty().isEmpty());
    setCenter(center);
    setTop(new VBox(filters(), errorLine(), timelineSlot));

    // Open sessions' durations grow while the window is open.
    clock = new Timeline(new KeyFrame(Duration.seconds(30), e -> vm.tick()));
    clock.setCycleCount(Timeline.INDEFINITE);
    sceneProperty()
        .addListener(
            (o, was, now) -> {
              if (now == null) {
                clock.stop();
              } else {
                clock.play();
              }
            });
  }

  public TableView<ConnectionRow> table() {
    return table;
  }

  /** The ids of the visible columns in display order, as saved views store them. */
  public List<String> visibleColumnIds() {
    return table.getColumns().stream().filter(c -> c.isVisible()).map(c -> c.getId()).toList();
  }

  /** Shows exactly the listed columns in that order (others hidden, after them); empty: as is. */
  public void showColumns(List<String> ids) {
    ConnectionColumns.show(table, ids);
  }

  /** Where the connection log's timeline goes, between the filters and the table. */
  public void setTimeline(Node timeline) {
    timelineSlot.getChildren().setAll(timeline);
  }

  private HBox filters() {
    HBox bar = new HBox(8);
    bar.setId("conn-filter-bar");
    bar.getStyleClass().add("filter-bar");
    bar.setAlignment(Pos.CENTER_LEFT);
    for (ConnectionFacet f : ConnectionsViewModel.FACETS) {
      Function<String, String> words =
          switch (f) {
            case FAMILY -> ConnectionText::familyValue;
            case STATUS -> ConnectionText::statusValue;
            default -> Function.identity();
          };
      bar.getChildren().add(new FacetMenu(f, vm, words));
    }
    DateRangeBar dates = new DateRangeBar(range, vm::setRange, "conn-");
    Button clear = new Button(Messages.get("connections.filter.clear"));
    clear.setId("conn-clear-filters");
    clear.getStyleClass().add("flat");
    clear.setOnAction(e -> vm.clearFilters());
    Label count = new Label();
    count.setId("conn-count");
    count.getStyleClass().add("count-label");
    count.textProperty().bind(vm.countTextProperty());
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    bar.getChildren().addAll(dates, clear, gap, count);
    return bar;
  }

  private Label errorLine() {
    Label error = new Label();
    error.setId("conn-query-failed");
    error.getStyleClass().addAll("notice-banner", "error-banner");
    error.setWrapText(true);
    error.setMaxWidth(Double.MAX_VALUE);
    error.textProperty().bind(vm.errorProperty());
    error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
    error.managedProperty().bind(error.visibleProperty());
    return error;
  }
}
