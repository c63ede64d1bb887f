package dev.auditdesk.ui.archive;

import dev.auditdesk.ui.common.JobStatusView;
import dev.auditdesk.ui.common.Messages;
import java.io.File;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * The window of File ▸ Take offline…: the slice (days preset, with or without the window's
 * filters), the caches folder, progress with Cancel, the result in plain words, and the later check
 * of that copy against the archive.
 */
public final class TakeOfflineDialog extends VBox {

  public TakeOfflineDialog(TakeOfflineViewModel vm, Runnable close) {
    setId("take-offline-dialog");
    setSpacing(12);
    setPadding(new Insets(16));
    setPrefWidth(600);

    Label header = new Label(Messages.get("takeOffline.header"));
    header.setWrapText(true);

    ComboBox<TakeOfflineViewModel.Dates> dates = new ComboBox<>();
    dates.setId("take-offline-dates");
    dates.getItems().setAll(TakeOfflineViewModel.Dates.values());
    dates.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(TakeOfflineViewModel.Dates d) {
            return d == null ? "" : Messages.get("takeOffline.dates." + d.name().toLowerCase());
          }

          @Override
          public TakeOfflineViewModel.Dates fromString(String s) {
            return null;
          }
        });
    dates.valueProperty().bindBidirectional(vm.datesProperty());
    CheckBox filters = new CheckBox(Messages.get("takeOffline.withFilters"));
    filters.setId("take-offline-filters");
    filters.selectedProperty().bindBidirectional(vm.withFiltersProperty());
    HBox sliceRow = new HBox(12, new Label(Messages.get("takeOffline.dates")), dates, filters);
    sliceRow.setAlignment(Pos.CENTER_LEFT);
    Label slice = new Label();
    slice.setId("take-offline-slice");
    slice.setWrapText(true);
    slice
        .textProperty()
        .bind(vm.sliceTextProperty().map(t -> Messages.get("takeOffline.slice", t)));

    TextField folder = new TextField();
    folder.setId("take-offline-folder");
    folder.textProperty().bindBidirectional(vm.folderProperty());
    HBox.setHgrow(folder, Priority.ALWAYS);
    Button choose = new Button(Messages.get("takeOffline.folder.choose"));
    choose.setId("take-offline-choose");
    choose.setOnAction(e -> chooseFolder(vm));
    HBox folderRow = new HBox(8, new Label(Messages.get("takeOffline.folder")), folder, choose);
    folderRow.setAlignment(Pos.CENTER_LEFT);
    Label note = new Label(Messages.get("takeOffline.folder.note"));
    note.getStyleClass().add("text-muted");
    note.setWrapText(true);

    JobStatusView progress = new JobStatusView(vm.job(), "take-offline");

    Button start = new Button(Messages.get("takeOffline.start"));
    start.setId("take-offline-start");
    start.setDefaultButton(true);
    start.disableProperty().bind(vm.job().runningProperty());
    start.setOnAction(e -> vm.start());
    Button check = new Button(Messages.get("takeOffline.check"));
    check.setId("take-offline-check");
    check.disableProperty().bind(vm.job().runningProperty());
    check.setOnAction(e -> vm.check());
    Button cancel = new Button(Messages.get("takeOffline.cancel"));
    cancel.setId("take-offline-cancel");
    cancel.disableProperty().bind(vm.job().runningProperty().not());
    cancel.setOnAction(e -> vm.cancel());
    Button closeButton = new Button(Messages.get("takeOffline.close"));
    closeButton.setId("take-offline-close");
    closeButton.setCancelButton(true);
    closeButton.disableProperty().bind(vm.job().runningProperty());
    closeButton.setOnAction(e -> close.run());
    sliceRow.disableProperty().bind(vm.job().runningProperty());
    folderRow.disableProperty().bind(vm.job().runningProperty());
    HBox buttons = new HBox(8, start, check, cancel, closeButton);
    buttons.setAlignment(Pos.CENTER_RIGHT);

    getChildren().addAll(header, sliceRow, slice, folderRow, note, progress, buttons);
  }

  private void chooseFolder(TakeOfflineViewModel vm) {
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle(Messages.get("takeOffline.folder.chooseTitle"));
    File current = new File(vm.folderProperty().get());
    if (current.isDirectory()) {
      chooser.setInitialDirectory(current);
    }
    File chosen = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
    if (chosen != null) {
      vm.folderProperty().set(chosen.getAbsolutePath());
    }
  }

  /** Adds File ▸ Take offline… (before the menu's first separator) for a window on the archive. */
  public static void install(
      Menu fileMenu, TakeOfflineViewModel vm, java.util.function.Supplier<Window> owner) {
    MenuItem item = new MenuItem(Messages.get("takeOffline.menu"));
    item.setId("menu-take-offline");
    item.setOnAction(e -> show(owner.get(), vm));
    int at = 0;
    while (at < fileMenu.getItems().size()
        && !(fileMenu.getItems().get(at) instanceof javafx.scene.control.SeparatorMenuItem)) {
      at++;
    }
    fileMenu.getItems().add(at, item);
  }

  /** Opens the window over {@code owner}; closing it during a copy cancels the copy. */
  public static Stage show(Window owner, TakeOfflineViewModel vm) {
    return JobStatusView.window(
        owner,
        Messages.get("takeOffline.title"),
        close -> new TakeOfflineDialog(vm, close),
        vm.job(),
        vm::cancel);
  }
}
