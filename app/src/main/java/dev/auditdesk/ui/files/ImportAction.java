package dev.auditdesk.ui.files;

import dev.auditdesk.ui.common.Messages;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Alert;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextInputDialog;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * File ▸ Import audit files…: choose files, name the offline deployment they go to, import in the
 * background, then show the report (imported, duplicates, skipped lines with their numbers).
 */
public final class ImportAction {

  private final ImportViewModel vm;
  private final MenuItem item = new MenuItem(Messages.get("import.menu"));

  public ImportAction(ImportViewModel vm, java.util.function.Supplier<Window> owner) {
    this.vm = vm;
    item.setId("menu-import");
    item.disableProperty().bind(vm.runningProperty());
    item.setOnAction(e -> choose(owner.get()));
    vm.reportProperty()
        .addListener(
            (o, was, now) -> {
              if (now != null) {
                Alert a = new Alert(Alert.AlertType.INFORMATION, vm.statusProperty().get());
                a.setTitle(Messages.get("import.title"));
                a.setHeaderText(Messages.get("import.doneHeader"));
                a.initOwner(owner.get());
                a.show();
              }
            });
    vm.problemProperty()
        .addListener(
            (o, was, now) -> {
              if (!now.isEmpty()) {
                Alert a = new Alert(Alert.AlertType.WARNING, now);
                a.setTitle(Messages.get("import.title"));
                a.setHeaderText(null);
                a.initOwner(owner.get());
                a.show();
              }
            });
  }

  public MenuItem menuItem() {
    return item;
  }

  public ImportViewModel viewModel() {
    return vm;
  }

  private void choose(Window owner) {
    FileChooser c = new FileChooser();
    c.setTitle(Messages.get("import.chooseTitle"));
    c.getExtensionFilters()
        .addAll(
            new FileChooser.ExtensionFilter(
                Messages.get("import.fileType"), "*.ndjson", "*.json", "*.jsonl", "*.log", "*.txt"),
            new FileChooser.ExtensionFilter(Messages.get("import.allFiles"), "*"));
    List<File> files = c.showOpenMultipleDialog(owner);
    if (files == null || files.isEmpty()) {
      return;
    }
    List<Path> paths = files.stream().map(File::toPath).toList();
    TextInputDialog d = new TextInputDialog(ImportViewModel.suggestName(paths));
    d.setTitle(Messages.get("import.title"));
    d.setHeaderText(Messages.get("import.nameHeader"));
    d.setContentText(Messages.get("import.name"));
    d.initOwner(owner);
    d.showAndWait()
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .ifPresent(name -> vm.start(paths, name));
  }
}
