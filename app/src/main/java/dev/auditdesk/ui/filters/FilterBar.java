package dev.auditdesk.ui.filters;

import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Facet;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.common.Shortcuts;
import java.util.EnumMap;
import java.util.Map;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The filters above the table: the four combo boxes of Coder's audit page, the date range, free
 * text, the Coder-style query field and the count. Every control reads and writes the one query
 * model, so they always agree.
 */
public final class FilterBar extends VBox {

  private final FilterSource vm;
  private final QueryModel queryModel;
  private final Map<Facet, FacetPicker> pickers = new EnumMap<>(Facet.class);
  private final TextField search = new TextField();
  private final TextField queryField = new TextField();
  private final Label queryError = new Label();
  private final Label count = new Label();
  private final PauseTransition searchPause = new PauseTransition(Duration.millis(250));
  private final PauseTransition queryPause = new PauseTransition(Duration.millis(400));
  private boolean writingQueryField;

  public FilterBar(FilterSource vm) {
    this.vm = vm;
    this.queryModel = vm.queryModel();
    getStyleClass().add("filter-bar");
    setSpacing(8);
    setPadding(new Insets(10, 12, 8, 12));

    HBox combos = new HBox(8);
    combos.setAlignment(Pos.CENTER_LEFT);
    for (Facet f : FilterSource.FACETS) {
      FacetPicker p = new FacetPicker(f, vm);
      pickers.put(f, p);
      combos.getChildren().add(p);
    }
    Button clear = new Button(Messages.get("filter.clear"));
    clear.setId("clear-filters");
    clear.getStyleClass().add("flat");
    clear.setOnAction(e -> clearFilters());
    clear
        .disableProperty()
        .bind(
            javafx.beans.binding.Bindings.createBooleanBinding(
                () -> queryModel.query().isAll(), queryModel.queryProperty()));
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    combos.getChildren().addAll(new DateRangeBar(queryModel), gap, clear);

    queryField.setId("query-field");
    queryField.getStyleClass().add("query-field");
    queryField.setPromptText(Messages.get("filter.query.prompt"));
    HBox.setHgrow(queryField, Priority.ALWAYS);
    queryField
        .textProperty()
        .addListener(
            (o, a, b) -> {
              if (!writingQueryField) {
                queryPause.playFromStart();
              }
            });
    // Typing only checks the text; Enter applies it (a half-typed word is a valid resource type).
    queryPause.setOnFinished(e -> vm.checkQueryText(queryField.getText()));
    queryField.setOnAction(
        e -> {
          queryPause.stop();
          vm.applyQueryText(queryField.getText());
        });

    search.setId("search-field");
    search.setPromptText(Messages.get("filter.text.prompt"));
    search.setPrefWidth(260);
    search.textProperty().addListener((o, a, b) -> searchPause.playFromStart());
    searchPause.setOnFinished(e -> queryModel.setText(search.getText()));
    search.setOnAction(
        e -> {
          searchPause.stop();
          queryModel.setText(search.getText());
        });
    // Esc empties the field and applies that at once (the window's Esc handling runs these too).
    escapeClears(search, this::clearSearch);
    escapeClears(queryField, this::clearQueryField);

    ProgressIndicator busy = new ProgressIndicator();
    busy.setId("query-busy");
    busy.getStyleClass().add("small-busy");
    busy.setPrefSize(16, 16);
    busy.visibleProperty().bind(vm.queryingProperty().or(vm.countingProperty()));
    count.setId("count-label");
    count.getStyleClass().add("count-label");
    count.textProperty().bind(vm.countTextProperty());
    Tooltip estimate = new Tooltip();
    estimate.textProperty().bind(vm.estimateTextProperty());
    vm.countEstimatedProperty()
        .addListener((o, was, now) -> count.setTooltip(now ? estimate : null));
    Hyperlink exact = new Hyperlink(Messages.get("filter.count.exact"));
    exact.setId("count-exact");
    exact.setTooltip(estimate);
    exact.visibleProperty().bind(vm.countEstimatedProperty());
    exact.managedProperty().bind(exact.visibleProperty());
    exact.setOnAction(e -> vm.countExactly());
    HBox queryRow = new HBox(8, queryField, search, busy, count, exact);
    queryRow.setAlignment(Pos.CENTER_LEFT);

    queryError.setId("query-error");
    queryError.getStyleClass().add("field-error");
    queryError.textProperty().bind(vm.queryErrorProperty());
    queryError.visibleProperty().bind(vm.queryErrorProperty().isNotEmpty());
    queryError.managedProperty().bind(queryError.visibleProperty());

    getChildren().addAll(combos, queryRow, queryError);

    queryModel.queryProperty().addListener((o, a, b) -> showQuery(b));
    showQuery(queryModel.query());
  }

  public FacetPicker picker(Facet f) {
    return pickers.get(f);
  }

  public TextField searchField() {
    return search;
  }

  public TextField queryField() {
    return queryField;
  }

  /** Empties the search field and drops the text filter now, not after the typing pause. */
  void clearSearch() {
    search.clear();
    searchPause.stop();
    queryModel.setText("");
  }

  /** Empties the query field and applies that: every filter it described is cleared. */
  void clearQueryField() {
    queryField.clear();
    queryPause.stop();
    vm.applyQueryText("");
  }

  private static void escapeClears(TextField f, Runnable clear) {
    f.getProperties().put(Shortcuts.CLEAR, clear);
    f.setOnKeyPressed(
        k -> {
          if (k.getCode() == KeyCode.ESCAPE && !f.getText().isEmpty()) {
            clear.run();
            k.consume();
          }
        });
  }

  public void clearFilters() {
    searchPause.stop();
    queryPause.stop();
    queryModel.clear();
  }

  // The query field follows the model unless its text already means the same query.
  private void showQuery(AuditQuery q) {
    if (!search.getText().trim().equals(q.text())
        && searchPause.getStatus() != javafx.animation.Animation.Status.RUNNING) {
      search.setText(q.text());
      searchPause.stop();
    }
    if (queryPause.getStatus() == javafx.animation.Animation.Status.RUNNING) {
      return;
    }
    String rendered = vm.queryText();
    if (!sameQuery(queryField.getText(), q)) {
      writingQueryField = true;
      try {
        queryField.setText(rendered);
      } finally {
        writingQueryField = false;
      }
    }
  }

  private boolean sameQuery(String text, AuditQuery q) {
    try {
      return vm.queryFromText(text).equals(q);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
