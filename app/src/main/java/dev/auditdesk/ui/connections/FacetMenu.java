package dev.auditdesk.ui.connections;

import dev.auditdesk.model.ConnectionFacet;
import dev.auditdesk.model.FacetValue;
import dev.auditdesk.ui.common.Messages;
import java.text.NumberFormat;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import javafx.collections.ListChangeListener;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;

/**
 * One filter of the Connections view: a menu of the facet's values, each with its count under the
 * other filters. Type and status take several values; owner, user and workspace one, as Coder's
 * search keys do.
 */
final class FacetMenu extends MenuButton {

  /** Values the menu lists at most; a deployment's busiest values come first. */
  static final int SHOWN = 200;

  private final ConnectionFacet facet;
  private final ConnectionsViewModel vm;
  private final Function<String, String> words;
  private final boolean several;
  private final TextField search = new TextField();
  private final CustomMenuItem searchItem = new CustomMenuItem(search, false);

  FacetMenu(ConnectionFacet facet, ConnectionsViewModel vm, Function<String, String> words) {
    this.facet = facet;
    this.vm = vm;
    this.words = words;
    this.several = facet == ConnectionFacet.FAMILY || facet == ConnectionFacet.STATUS;
    setId("conn-filter-" + facet.name().toLowerCase(Locale.ROOT));
    setMnemonicParsing(false);
    getStyleClass().add("facet-picker");
    search.setId(getId() + "-search");
    search.setPromptText(Messages.get("filter.search.prompt", title()));
    search.textProperty().addListener((o, was, now) -> rebuild());
    setOnShown(e -> search.requestFocus());
    vm.facetValues(facet).addListener((ListChangeListener<FacetValue>) c -> rebuild());
    vm.queryProperty().addListener((o, was, now) -> rebuild());
    rebuild();
  }

  private String title() {
    return Messages.get("connections.filter." + facet.name().toLowerCase(Locale.ROOT));
  }

  private void rebuild() {
    Set<String> chosen = vm.selection(facet);
    NumberFormat nf = NumberFormat.getIntegerInstance();
    getItems().setAll(searchItem);
    String wanted =
        search.getText() == null ? "" : search.getText().trim().toLowerCase(Locale.ROOT);
    int n = 0;
    for (FacetValue v : vm.facetValues(facet)) {
      String value = v.value() == null ? "" : v.value();
      if (!wanted.isEmpty() && !label(value).toLowerCase(Locale.ROOT).contains(wanted)) {
        continue; // the search finds any value, not only the busiest shown without it
      }
      if (n++ == SHOWN) {
        break;
      }
      CheckMenuItem item =
          new CheckMenuItem(
              Messages.get("connections.filter.value", label(value), nf.format(v.count())));
      item.setMnemonicParsing(false);
      item.setId(getId() + "-" + value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_"));
      item.setSelected(chosen.contains(value));
      item.setOnAction(e -> choose(value, item.isSelected()));
      getItems().add(item);
    }
    MenuItem clear = new MenuItem(Messages.get("filter.clearFacet"));
    clear.setId(getId() + "-clear");
    clear.setDisable(chosen.isEmpty());
    clear.setOnAction(e -> vm.select(facet, Set.of()));
    getItems().addAll(new SeparatorMenuItem(), clear);
    setText(
        chosen.isEmpty()
            ? title()
            : Messages.get(
                "connections.filter.chosen",
                title(),
                chosen.size() == 1 ? label(chosen.iterator().next()) : chosen.size()));
  }

  private String label(String value) {
    return value.isEmpty() ? Messages.get("connections.filter.empty") : words.apply(value);
  }

  private void choose(String value, boolean on) {
    Set<String> next = several ? new HashSet<>(vm.selection(facet)) : new HashSet<>();
    if (on) {
      next.add(value);
    } else {
      next.remove(value);
    }
    vm.select(facet, next);
  }
}
