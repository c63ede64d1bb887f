package dev.auditdesk.ui.files;

import dev.auditdesk.export.SavedView;
import dev.auditdesk.ui.common.Messages;
import java.io.File;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextInputDialog;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * File ▸ Saved views: save the current view, import a shared view file, and for each saved view
 * open, rename, delete or export it.
 */
public final class SavedViewsMenu extends Menu {

  private final SavedViewsViewModel vm;

  public SavedViewsMenu(SavedViewsViewModel vm) {
    super(Messages.get("views.menu"));
    this.vm = vm;
    setId("menu-saved-views");
    vm.views().addListener((ListChangeListener<SavedView>) c -> rebuild());
    rebuild();
    vm.refresh();
  }

  private void rebuild() {
    MenuItem save = new MenuItem(Messages.get("views.saveCurrent"));
    save.setId("views-save");
    save.setOnAction(
        e -> askName(Messages.get("views.saveCurrent.title"), "").ifPresent(vm::saveCurrent));
    MenuItem importItem = new MenuItem(Messages.get("views.import"));
    importItem.setId("views-import");
    importItem.setOnAction(e -> importFile());
    getItems().setAll(save, importItem, new SeparatorMenuItem());
    if (vm.views().isEmpty()) {
      MenuItem none = new MenuItem(Messages.get("views.none"));
      none.setDisable(true);
      getItems().add(none);
    }
    for (SavedView v : vm.views()) {
      Menu m =
          new Menu(
              v.log() == SavedView.Log.CONNECTIONS
                  ? Messages.get("views.ofConnections", v.name())
                  : v.name());
      m.getStyleClass().add("saved-view");
      MenuItem open = new MenuItem(Messages.get("views.open"));
      open.setOnAction(e -> vm.open(v));
      MenuItem rename = new MenuItem(Messages.get("views.rename"));
      rename.setOnAction(
          e ->
              askName(Messages.get("views.rename.title"), v.name())
                  .ifPresent(n -> vm.rename(v, n)));
      MenuItem delete = new MenuItem(Messages.get("views.delete"));
      delete.setOnAction(e -> confirmDelete(v));
      MenuItem export = new MenuItem(Messages.get("views.export"));
      export.setOnAction(e -> exportFile(v));
      m.getItems().addAll(open, rename, export, new SeparatorMenuItem(), delete);
      getItems().add(m);
    }
  }

  private java.util.Optional<String> askName(String title, String initial) {
    TextInputDialog d = new TextInputDialog(initial);
    d.setTitle(title);
    d.setHeaderText(null);
    d.setContentText(Messages.get("views.name"));
    d.initOwner(window());
    return d.showAndWait().map(String::strip).filter(s -> !s.isEmpty());
  }

  private void confirmDelete(SavedView v) {
    Alert a =
        new Alert(
            Alert.AlertType.CONFIRMATION,
            Messages.get("views.delete.confirm", v.name()),
            ButtonType.OK,
            ButtonType.CANCEL);
    a.setHeaderText(null);
    a.initOwner(window());
    a.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> vm.delete(v));
  }

  private void importFile() {
    FileChooser c = chooser();
    c.setTitle(Messages.get("views.import"));
    File f = c.showOpenDialog(window());
    if (f != null) {
      vm.importView(f.toPath());
    }
  }

  private void exportFile(SavedView v) {
    FileChooser c = chooser();
    c.setTitle(Messages.get("views.export"));
    c.setInitialFileName(v.name().replaceAll("[\\\\/:*?\"<>|]", "_") + ".auditdesk-view.json");
    File f = c.showSaveDialog(window());
    if (f != null) {
      vm.exportView(v, f.toPath());
    }
  }

  private static FileChooser chooser() {
    FileChooser c = new FileChooser();
    c.getExtensionFilters()
        .add(new FileChooser.ExtensionFilter(Messages.get("views.fileType"), "*.json"));
    return c;
  }

  private Window window() {
    return getParentPopup() != null
        ? getParentPopup().getOwnerWindow()
        : getParentMenu() != null && getParentMenu().getParentPopup() != null
            ? getParentMenu().getParentPopup().getOwnerWindow()
            : null;
  }
}
