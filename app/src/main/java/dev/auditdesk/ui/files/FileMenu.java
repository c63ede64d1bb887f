package dev.auditdesk.ui.files;

import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.table.LayoutPersistence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Window;

/**
 * The top of the main window's File menu: Export…, Import audit files… and Saved views, wired to
 * their view models.
 */
public final class FileMenu {

  private FileMenu() {}

  /**
   * @param window the window dialogs belong to (asked when one opens)
   */
  public static void install(
      Menu fileMenu,
      ExportViewModel export,
      SavedViewsViewModel views,
      ImportViewModel importer,
      Supplier<Window> window) {
    MenuItem exportItem = new MenuItem(Messages.get("export.menu"));
    exportItem.setId("menu-export");
    exportItem.setAccelerator(
        new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
    exportItem.setOnAction(e -> ExportDialog.show(window.get(), export));
    ImportAction importAction = new ImportAction(importer, window);
    fileMenu
        .getItems()
        .addAll(
            0,
            List.of(
                exportItem,
                importAction.menuItem(),
                new SeparatorMenuItem(),
                new SavedViewsMenu(views),
                new SeparatorMenuItem()));
  }

  /** The ids of the visible columns, in display order. */
  public static List<String> visibleColumns(TableView<?> table) {
    List<String> ids = new ArrayList<>();
    for (TableColumn<?, ?> c : table.getColumns()) {
      if (c.isVisible()) {
        ids.add(LayoutPersistence.idOf(c));
      }
    }
    return ids;
  }

  /** Shows exactly the listed columns in that order (others hidden, after them); empty: as is. */
  public static <S> void applyColumns(TableView<S> table, List<String> ids) {
    if (ids.isEmpty()) {
      return;
    }
    Map<String, TableColumn<S, ?>> byId = new HashMap<>();
    table.getColumns().forEach(c -> byId.put(LayoutPersistence.idOf(c), c));
    List<TableColumn<S, ?>> ordered = new ArrayList<>();
    for (String id : ids) {
      TableColumn<S, ?> c = byId.remove(id);
      if (c != null) {
        c.setVisible(true);
        ordered.add(c);
      }
    }
    for (TableColumn<S, ?> c : table.getColumns()) {
      if (byId.containsKey(LayoutPersistence.idOf(c))) {
        c.setVisible(false);
        ordered.add(c);
      }
    }
    if (!ordered.equals(table.getColumns())) {
      table.getColumns().setAll(ordered);
    }
  }
}
