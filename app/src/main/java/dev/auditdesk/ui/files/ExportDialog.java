package dev.auditdesk.ui.files;

import dev.auditdesk.export.ExportFormat;
import dev.auditdesk.ui.common.JobStatusView;
import dev.auditdesk.ui.common.Messages;
import java.io.File;
import java.nio.file.Path;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * File ▸ Export…: format, file, progress and cancel for exporting the current view. The pane is
 * usable on its own (tests put it in a scene); {@link #show} puts it in a modal window.
 */
public final class ExportDialog extends VBox {

  private final ExportViewModel vm;

  public ExportDialog(ExportViewModel vm, Runnable close) {
    this.vm = vm;
    setId("export-dialog");
    setSpacing(12);
    setPadding(new Insets(16));
    setPrefWidth(560);

    Label header = new Label(vm.headerText());
    header.setWrapText(true);

    ToggleGroup formats = new ToggleGroup();
    HBox formatRow = new HBox(12, new Label(Messages.get("export.format")));
    formatRow.setAlignment(Pos.CENTER_LEFT);
    for (ExportFormat f : ExportFormat.values()) {
      RadioButton b = new RadioButton(Messages.get("export.format." + f.extension()));
      b.setId("export-format-" + f.extension());
      b.setUserData(f);
      b.setToggleGroup(formats);
      b.setSelected(vm.formatProperty().get() == f);
      formatRow.getChildren().add(b);
    }
    formats
        .selectedToggleProperty()
        .addListener(
            (o, was, now) -> {
              if (now != null) {
                vm.formatProperty().set((ExportFormat) now.getUserData());
              }
            });

    TextField file = new TextField();
    file.setId("export-file");
    file.textProperty().bindBidirectional(vm.fileProperty());
    file.setPromptText(Messages.get("export.file.prompt"));
    HBox.setHgrow(file, Priority.ALWAYS);
    Button choose = new Button(Messages.get("export.file.choose"));
    choose.setId("export-choose");
    choose.setOnAction(e -> chooseFile());
    HBox fileRow = new HBox(8, new Label(Messages.get("export.file")), file, choose);
    fileRow.setAlignment(Pos.CENTER_LEFT);

    JobStatusView progress = new JobStatusView(vm.job(), "export");

    Button start = new Button(Messages.get("export.start"));
    start.setId("export-start");
    start.setDefaultButton(true);
    start.disableProperty().bind(vm.job().runningProperty().or(vm.fileProperty().isEmpty()));
    start.setOnAction(e -> vm.start());
    Button cancel = new Button(Messages.get("export.cancel"));
    cancel.setId("export-cancel");
    cancel.disableProperty().bind(vm.job().runningProperty().not());
    cancel.setOnAction(e -> vm.cancel());
    Button closeButton = new Button(Messages.get("export.close"));
    closeButton.setId("export-close");
    closeButton.setCancelButton(true);
    closeButton.disableProperty().bind(vm.job().runningProperty());
    closeButton.setOnAction(e -> close.run());
    formatRow.disableProperty().bind(vm.job().runningProperty());
    fileRow.disableProperty().bind(vm.job().runningProperty());
    HBox buttons = new HBox(8, start, cancel, closeButton);
    buttons.setAlignment(Pos.CENTER_RIGHT);

    getChildren().addAll(header, formatRow, fileRow, progress, buttons);
  }

  private void chooseFile() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(Messages.get("export.file.chooseTitle"));
    ExportFormat f = vm.formatProperty().get();
    chooser
        .getExtensionFilters()
        .add(
            new FileChooser.ExtensionFilter(
                Messages.get("export.format." + f.extension()), "*." + f.extension()));
    String current = vm.fileProperty().get();
    if (current != null && !current.isBlank()) {
      Path p = Path.of(current).toAbsolutePath();
      if (p.getParent() != null && p.getParent().toFile().isDirectory()) {
        chooser.setInitialDirectory(p.getParent().toFile());
      }
      chooser.setInitialFileName(p.getFileName().toString());
    }
    File chosen = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
    if (chosen != null) {
      vm.fileProperty().set(chosen.getAbsolutePath());
    }
  }

  /** Opens the export window over {@code owner}; a running export keeps it open until done. */
  public static Stage show(Window owner, ExportViewModel vm) {
    return JobStatusView.window(
        owner,
        Messages.get("export.title"),
        close -> new ExportDialog(vm, close),
        vm.job(),
        vm::cancel);
  }
}
