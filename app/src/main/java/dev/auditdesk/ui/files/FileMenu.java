package dev.auditdesk.ui.files;

import dev.auditdesk.ui.common.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
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
   * @param importer null for a window on the team archive, which is read-only here (its scheduled
   *     sync fills it): no Import item then
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
    List<MenuItem> items = new ArrayList<>(List.of(exportItem));
    if (importer != null) {
      items.add(new ImportAction(importer, window).menuItem());
    }
    items.addAll(
        List.of(new SeparatorMenuItem(), new SavedViewsMenu(views), new SeparatorMenuItem()));
    fileMenu.getItems().addAll(0, items);
  }
}
