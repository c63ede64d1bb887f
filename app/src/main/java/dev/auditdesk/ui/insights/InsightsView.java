package dev.auditdesk.ui.insights;

import dev.auditdesk.insights.Finding;
import dev.auditdesk.insights.Rule;
import dev.auditdesk.insights.Severity;
import dev.auditdesk.ui.common.Icons;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.common.TimeText;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The Insights panel: what the rules found, newest first, with a severity icon, the time, the rule,
 * the explanation and the number of events. Clicking a finding shows exactly its events.
 */
public final class InsightsView extends BorderPane {

  private final TableView<Finding> table = new TableView<>();

  public InsightsView(InsightsViewModel vm, Runnable onExport) {
    getStyleClass().add("ad-insights");
    setId("insights");
    Label title = new Label(Messages.get("insights.title"));
    title.getStyleClass().add("ad-insights-title");
    Label summary = new Label();
    summary.setId("insights-summary");
    summary.textProperty().bind(vm.summaryProperty());
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    Button again = new Button(Messages.get("insights.runAgain"), Icons.of(Material2MZ.REFRESH));
    again.setId("insights-run");
    again.disableProperty().bind(vm.runningProperty());
    again.setOnAction(e -> vm.run());
    Button export = new Button(Messages.get("insights.export"), Icons.of(Material2MZ.SAVE_ALT));
    export.setId("insights-export");
    export.disableProperty().bind(vm.runningProperty().or(vm.findingsProperty().emptyProperty()));
    export.setOnAction(e -> onExport.run());
    HBox top = new HBox(8, title, summary, gap, again, export);
    top.setAlignment(Pos.CENTER_LEFT);
    top.setPadding(new Insets(8, 8, 4, 8));
    setTop(new javafx.scene.layout.VBox(top, filters(vm)));

    table.setId("insights-table");
    table.setItems(vm.visibleFindings());
    table.setPlaceholder(new Label(Messages.get("insights.empty")));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.getColumns().add(severityColumn());
    table.getColumns().add(column("insights.column.time", 160, f -> TimeText.local(f.time())));
    table.getColumns().add(column("insights.column.rule", 250, f -> ruleTitle(f)));
    TableColumn<Finding, String> events =
        column("insights.column.events", 75, f -> Integer.toString(f.ids().size()));
    events.setStyle("-fx-alignment: CENTER-RIGHT;");
    table.getColumns().add(events);
    table.getColumns().add(column("insights.column.what", 520, FindingText::of));
    table.setRowFactory(
        t -> {
          TableRow<Finding> row = new TableRow<>();
          row.setOnMouseClicked(
              e -> {
                if (!row.isEmpty()) {
                  vm.show(row.getItem());
                }
              });
          return row;
        });
    table.setOnKeyPressed(
        e -> {
          if (e.getCode() == javafx.scene.input.KeyCode.ENTER) {
            vm.show(table.getSelectionModel().getSelectedItem());
          }
        });
    setCenter(table);
    Label hint = new Label();
    hint.setId("insights-hint");
    hint.textProperty()
        .bind(
            javafx.beans.binding.Bindings.when(vm.exportedProperty().isEmpty())
                .then(Messages.get("insights.hint"))
                .otherwise(vm.exportedProperty()));
    hint.getStyleClass().add("ad-muted");
    hint.setPadding(new Insets(6, 8, 8, 8));
    setBottom(hint);
  }

  /** The rule and severity menus, each value with its count, and a button that shows all again. */
  private static HBox filters(InsightsViewModel vm) {
    FindingsFilterMenu<Rule> rules =
        new FindingsFilterMenu<>(
            "insights-filter-rule",
            Messages.get("insights.filter.rule"),
            vm::ruleCounts,
            vm.chosenRules(),
            r -> Messages.get("insights.rule." + r.id()),
            vm::chooseRule);
    FindingsFilterMenu<Severity> levels =
        new FindingsFilterMenu<>(
            "insights-filter-severity",
            Messages.get("insights.filter.severity"),
            vm::severityCounts,
            vm.chosenSeverities(),
            s -> Messages.get("insights.severity." + s.name().toLowerCase(java.util.Locale.ROOT)),
            vm::chooseSeverity);
    Button all = new Button(Messages.get("insights.filter.clear"));
    all.setId("insights-filter-clear");
    all.disableProperty()
        .bind(
            javafx.beans.binding.Bindings.isEmpty(vm.chosenRules())
                .and(javafx.beans.binding.Bindings.isEmpty(vm.chosenSeverities())));
    all.setOnAction(e -> vm.clearFilters());
    Runnable rebuild =
        () -> {
          rules.rebuild();
          levels.rebuild();
        };
    vm.findingsProperty()
        .addListener((javafx.collections.ListChangeListener<Finding>) c -> rebuild.run());
    vm.chosenRules().addListener((javafx.collections.SetChangeListener<Rule>) c -> rebuild.run());
    vm.chosenSeverities()
        .addListener((javafx.collections.SetChangeListener<Severity>) c -> rebuild.run());
    HBox bar = new HBox(8, rules, levels, all);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(0, 8, 8, 8));
    return bar;
  }

  public TableView<Finding> table() {
    return table;
  }

  static String ruleTitle(Finding f) {
    return Messages.get("insights.rule." + f.rule().id());
  }

  private static TableColumn<Finding, String> severityColumn() {
    TableColumn<Finding, String> c = new TableColumn<>(Messages.get("insights.column.severity"));
    c.setPrefWidth(105);
    c.setMinWidth(105); // "Medium" beside its icon, never "Me…"
    c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().severity().name()));
    c.setCellFactory(
        col ->
            new TableCell<>() {
              @Override
              protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass()
                    .removeAll("ad-severity-high", "ad-severity-medium", "ad-severity-low");
                if (empty || item == null) {
                  setGraphic(null);
                  setText(null);
                  setTooltip(null);
                  return;
                }
                Severity s = Severity.valueOf(item);
                FontIcon icon = Icons.of(icon(s));
                String key = "insights.severity." + s.name().toLowerCase(java.util.Locale.ROOT);
                getStyleClass().add("ad-severity-" + s.name().toLowerCase(java.util.Locale.ROOT));
                setGraphic(icon);
                setText(Messages.get(key));
                setTooltip(new Tooltip(Messages.get(key)));
              }
            });
    return c;
  }

  static Ikon icon(Severity s) {
    return switch (s) {
      case HIGH -> Material2AL.ERROR;
      case MEDIUM -> Material2MZ.WARNING;
      case LOW -> Material2AL.INFO;
    };
  }

  private static TableColumn<Finding, String> column(
      String key, double width, java.util.function.Function<Finding, String> text) {
    TableColumn<Finding, String> c = new TableColumn<>(Messages.get(key));
    c.setPrefWidth(width);
    // The window may be narrow: the explanation gives way, the short columns keep their width.
    c.setMinWidth(Math.min(width, 300));
    c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(text.apply(d.getValue())));
    c.setCellFactory(
        col ->
            new TableCell<>() {
              @Override
              protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null ? null : new Tooltip(item));
              }
            });
    return c;
  }
}
