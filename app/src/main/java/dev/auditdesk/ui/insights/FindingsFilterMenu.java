package dev.auditdesk.ui.insights;

import dev.auditdesk.ui.common.Messages;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.collections.ObservableSet;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

/**
 * One filter of the Insights panel, in the style of the window's other facet menus: each rule (or
 * severity) that has findings, with its count under the other filter, ticked when chosen.
 */
final class FindingsFilterMenu<T extends Enum<T>> extends MenuButton {

  private final String title;
  private final Supplier<Map<T, Integer>> counts;
  private final ObservableSet<T> chosen;
  private final Function<T, String> label;
  private final BiConsumer<T, Boolean> choose;

  FindingsFilterMenu(
      String id,
      String title,
      Supplier<Map<T, Integer>> counts,
      ObservableSet<T> chosen,
      Function<T, String> label,
      BiConsumer<T, Boolean> choose) {
    this.title = title;
    this.counts = counts;
    this.chosen = chosen;
    this.label = label;
    this.choose = choose;
    setId(id);
    setMnemonicParsing(false);
    getStyleClass().add("facet-picker");
    rebuild();
  }

  /** Lists the values again: after a run, or when either filter changed. */
  void rebuild() {
    NumberFormat nf = NumberFormat.getIntegerInstance();
    getItems().clear();
    Map<T, Integer> n = counts.get();
    for (Map.Entry<T, Integer> e : n.entrySet()) {
      T value = e.getKey();
      CheckMenuItem item =
          new CheckMenuItem(
              Messages.get("insights.filter.value", label.apply(value), nf.format(e.getValue())));
      item.setMnemonicParsing(false);
      item.setId(getId() + "-" + value.name().toLowerCase(Locale.ROOT).replace('_', '-'));
      item.setSelected(chosen.contains(value));
      item.setOnAction(x -> choose.accept(value, item.isSelected()));
      getItems().add(item);
    }
    // A chosen value whose findings are gone (another filter hides them) can still be unticked.
    for (T value : chosen) {
      if (!n.containsKey(value)) {
        CheckMenuItem item =
            new CheckMenuItem(Messages.get("insights.filter.value", label.apply(value), "0"));
        item.setMnemonicParsing(false);
        item.setId(getId() + "-" + value.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        item.setSelected(true);
        item.setOnAction(x -> choose.accept(value, item.isSelected()));
        getItems().add(item);
      }
    }
    MenuItem clear = new MenuItem(Messages.get("filter.clearFacet"));
    clear.setId(getId() + "-clear");
    clear.setDisable(chosen.isEmpty());
    clear.setOnAction(x -> chosen.clear());
    getItems().addAll(new SeparatorMenuItem(), clear);
    setText(
        chosen.isEmpty()
            ? title
            : Messages.get(
                "insights.filter.chosen",
                title,
                chosen.size() == 1 ? label.apply(chosen.iterator().next()) : chosen.size()));
  }
}
