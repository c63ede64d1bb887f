package dev.auditdesk.ui.connections;

import dev.auditdesk.model.ConnectionFacet;
import dev.auditdesk.model.ConnectionRow;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.ui.common.Messages;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
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
  private final DatePicker from = new DatePicker();
  private final DatePicker to = new DatePicker();
  private final Timeline clock;
  private boolean syncing;

  public ConnectionsView(ConnectionsViewModel vm) {
    this.vm = vm;
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
    setTop(new VBox(filters(), errorLine()));

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
    from.setId("conn-date-from");
    to.setId("conn-date-to");
    from.setPromptText(Messages.get("filter.date.from"));
    to.setPromptText(Messages.get("filter.date.to"));
    from.setPrefWidth(130);
    to.setPrefWidth(130);
    from.valueProperty().addListener((o, a, b) -> datesChanged());
    to.valueProperty().addListener((o, a, b) -> datesChanged());
    vm.queryProperty().addListener((o, a, b) -> showRange(b.range()));
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
    bar.getChildren().addAll(from, new Label("\u2013"), to, clear, gap, count);
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

  private void datesChanged() {
    if (syncing) {
      return;
    }
    ZoneId zone = ZoneId.systemDefault();
    LocalDate f = from.getValue();
    LocalDate t = to.getValue();
    if (f != null && t != null && f.isAfter(t)) {
      return;
    }
    vm.setRange(DateRange.ofDays(f, t, zone));
  }

  private void showRange(DateRange r) {
    syncing = true;
    try {
      ZoneId zone = ZoneId.systemDefault();
      from.setValue(r.firstDay(zone));
      to.setValue(r.lastDay(zone));
    } finally {
      syncing = false;
    }
  }
}
