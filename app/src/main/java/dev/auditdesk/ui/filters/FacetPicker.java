package dev.auditdesk.ui.filters;

import dev.auditdesk.model.Facet;
import dev.auditdesk.model.FacetValue;
import dev.auditdesk.ui.common.Messages;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;

/**
 * One filter of the filter bar (Resource Type, Action, Resource Target or User): a button that
 * opens a searchable list of check boxes, each choice with its count under the other filters.
 * Checking a choice changes the query model at once; the button shows what is selected. What the
 * list shows is worked out off the FX thread by its {@link FacetPickerModel}.
 */
public final class FacetPicker extends ToggleButton {

  private final Facet facet;
  private final QueryModel queryModel;
  private final FacetPickerModel model;

  private final ObservableList<Choice> choices = FXCollections.observableArrayList();
  private final TextField search = new TextField();
  private final ListView<Choice> list = new ListView<>(choices);
  private final Label more = new Label();
  private final Popup popup = new Popup();
  private boolean syncing;

  public FacetPicker(Facet facet, FilterSource vm) {
    this.facet = facet;
    this.queryModel = vm.queryModel();
    this.model = vm.facetPicker(facet);
    String id = facet.name().toLowerCase(Locale.ROOT).replace('_', '-');
    setId("filter-" + id);
    getStyleClass().addAll("facet-picker");
    setMnemonicParsing(false);

    search.setId("filter-" + id + "-search");
    search.setPromptText(Messages.get("filter.search.prompt", facet.title()));
    search.textProperty().bindBidirectional(model.searchProperty());
    search.setOnKeyPressed(
        k -> {
          if (k.getCode() == KeyCode.DOWN) {
            list.requestFocus();
            list.getSelectionModel().selectFirst();
          } else if (k.getCode() == KeyCode.ESCAPE) {
            popup.hide();
          } else if (k.getCode() == KeyCode.ENTER && choices.size() == 1) {
            choices.get(0).selected.set(!choices.get(0).selected.get());
          }
        });
    list.setId("filter-" + id + "-list");
    list.getStyleClass().add("facet-list");
    list.setCellFactory(l -> new ChoiceCell());
    list.setPlaceholder(new Label(Messages.get("filter.none")));
    list.setPrefHeight(320);
    list.setPrefWidth(320);
    list.setOnKeyPressed(
        k -> {
          Choice c = list.getSelectionModel().getSelectedItem();
          if (k.getCode() == KeyCode.SPACE && c != null) {
            c.selected.set(!c.selected.get());
            k.consume();
          } else if (k.getCode() == KeyCode.ESCAPE) {
            popup.hide();
          }
        });

    Button clear = new Button(Messages.get("filter.clearFacet"));
    clear.setId("filter-" + id + "-clear");
    clear.getStyleClass().add("flat");
    clear.setOnAction(e -> queryModel.select(facet, Set.of()));
    more.setId("filter-" + id + "-more");
    more.getStyleClass().add("facet-more");
    more.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(more, javafx.scene.layout.Priority.ALWAYS);
    HBox footer = new HBox(8, more, clear);
    footer.setAlignment(Pos.CENTER_RIGHT);

    VBox box = new VBox(6, search, list, footer);
    box.getStyleClass().add("facet-popup");
    popup.getContent().add(box);
    popup.setAutoHide(true);
    popup.setOnHidden(e -> setSelected(false));
    popup.setOnShown(e -> search.requestFocus());

    setOnAction(
        e -> {
          if (isSelected()) {
            open();
          } else {
            popup.hide();
          }
        });

    // The page arrives worked out (the values can be millions): only its few choices are made here.
    model.pageProperty().addListener((o, a, b) -> show(b));
    queryModel.queryProperty().addListener((o, a, b) -> showSelection());
    show(model.pageProperty().get());
  }

  public Facet facet() {
    return facet;
  }

  /** Opens the list under the button. */
  public void open() {
    Bounds b = localToScreen(getBoundsInLocal());
    if (b == null) {
      return;
    }
    setSelected(true);
    search.clear();
    popup.show(this, b.getMinX(), b.getMaxY() + 2);
  }

  public void close() {
    popup.hide();
  }

  public boolean isOpen() {
    return popup.isShowing();
  }

  /**
   * Every value offered right now (most frequent first; a selected value without events first of
   * all), whether or not the list has room to show it. Walks every value: for tests.
   */
  public List<FacetValue> values() {
    return model.values();
  }

  /** The text a choice shows for a value (a friendly verb for actions, a label for types). */
  public static String label(Facet facet, String value) {
    return FacetPage.label(facet, value);
  }

  /** Shows a page: its choices (at most {@link FacetPickerModel#shown} and the selected ones). */
  private void show(FacetPage page) {
    List<Choice> next = new ArrayList<>(page.items().size());
    for (FacetPage.Item i : page.items()) {
      next.add(new Choice(i.value(), i.count(), i.selected()));
    }
    syncing = true;
    try {
      choices.setAll(next);
    } finally {
      syncing = false;
    }
    more.setText(
        page.matching() > page.shownMatching()
            ? Messages.get("filter.more", page.shownMatching(), page.matching())
            : "");
    showSelection();
  }

  private void showSelection() {
    Set<String> selected = queryModel.query().values(facet);
    syncing = true;
    try {
      for (Choice c : choices) {
        c.selected.set(selected.contains(c.value));
      }
    } finally {
      syncing = false;
    }
    if (selected.isEmpty()) {
      setText(facet.title());
      getStyleClass().remove("active");
    } else {
      setText(
          selected.size() == 1
              ? Messages.get(
                  "filter.selectedOne", facet.title(), label(facet, selected.iterator().next()))
              : Messages.get("filter.selectedMany", facet.title(), selected.size()));
      if (!getStyleClass().contains("active")) {
        getStyleClass().add("active");
      }
    }
  }

  private void toggled(Choice c) {
    if (syncing) {
      return;
    }
    Set<String> now = new LinkedHashSet<>(queryModel.query().values(facet));
    if (c.selected.get()) {
      now.add(c.value);
    } else {
      now.remove(c.value);
    }
    queryModel.select(facet, now);
  }

  /** One value of the filter, checked or not. */
  final class Choice {
    final String value;
    final long count;
    final BooleanProperty selected = new SimpleBooleanProperty();

    Choice(String value, long count, boolean isSelected) {
      this.value = value;
      this.count = count;
      selected.set(isSelected);
      selected.addListener((o, a, b) -> toggled(this));
    }
  }

  private final class ChoiceCell extends ListCell<Choice> {
    private final CheckBox check = new CheckBox();
    private final Label count = new Label();
    private final HBox row = new HBox(8, check, count);
    private Choice bound;

    ChoiceCell() {
      getStyleClass().add("facet-choice");
      count.getStyleClass().add("facet-count");
      check.setMnemonicParsing(false);
      // The check box spans the row, so a click anywhere left of the count toggles it.
      check.setMaxWidth(Double.MAX_VALUE);
      HBox.setHgrow(check, Priority.ALWAYS);
      row.setAlignment(Pos.CENTER_LEFT);
    }

    @Override
    protected void updateItem(Choice c, boolean empty) {
      super.updateItem(c, empty);
      if (bound != null) {
        check.selectedProperty().unbindBidirectional(bound.selected);
      }
      bound = empty ? null : c;
      if (bound == null) {
        setGraphic(null);
        return;
      }
      String label = label(facet, c.value);
      check.setText(
          facet == Facet.ACTION && !label.equals(c.value) ? label + "  (" + c.value + ")" : label);
      count.setText(NumberFormat.getIntegerInstance().format(c.count));
      check.selectedProperty().bindBidirectional(c.selected);
      setGraphic(row);
      setText(null);
    }
  }
}
