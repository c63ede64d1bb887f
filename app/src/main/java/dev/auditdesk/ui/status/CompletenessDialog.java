package dev.auditdesk.ui.status;

import dev.auditdesk.model.Completeness;
import dev.auditdesk.model.DayCheck;
import dev.auditdesk.ui.common.Messages;
import java.text.NumberFormat;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Which days the completeness record could not verify, with the server's and the cache's counts.
 */
final class CompletenessDialog {

  private CompletenessDialog() {}

  /**
   * Shows the dialog; {@code onVerifyAll} (null offline) backs its "Verify all days now" button.
   */
  static void show(Window owner, Completeness c, Runnable onVerifyAll) {
    Alert a = new Alert(Alert.AlertType.INFORMATION);
    a.initOwner(owner);
    a.setTitle(Messages.get("completeness.title"));
    a.setHeaderText(
        !c.historyRead()
            ? Messages.get("completeness.header.notRead")
            : c.unverified().isEmpty()
                ? Messages.get("completeness.header.complete")
                : Messages.get("completeness.header.unverified", c.unverified().size()));
    NumberFormat n = NumberFormat.getIntegerInstance();
    Label summary =
        new Label(
            Messages.get(
                "completeness.summary", n.format(c.verifiedDays()), n.format(c.onlyInCacheDays())));
    VBox box = new VBox(8, summary);
    if (!c.unverified().isEmpty()) {
      TableView<DayCheck> days = new TableView<>(FXCollections.observableArrayList(c.unverified()));
      days.setId("completeness-days");
      days.getColumns().add(column("completeness.day", d -> d.day().toString(), 110));
      days.getColumns()
          .add(
              column(
                  "completeness.server",
                  d ->
                      d.serverCount() < 0
                          ? Messages.get("completeness.serverCapped")
                          : n.format(d.serverCount()),
                  110));
      days.getColumns().add(column("completeness.cache", d -> n.format(d.cacheCount()), 80));
      days.getColumns().add(column("completeness.note", DayCheck::note, 380));
      days.setPrefHeight(220);
      box.getChildren().add(days);
    }
    a.getDialogPane().setContent(box);
    a.getDialogPane().setPrefWidth(720);
    ButtonType verify =
        new ButtonType(Messages.get("completeness.verifyAll"), ButtonBar.ButtonData.OTHER);
    if (onVerifyAll != null) {
      a.getButtonTypes().add(0, verify);
    }
    a.showAndWait().filter(verify::equals).ifPresent(b -> onVerifyAll.run());
  }

  private static TableColumn<DayCheck, String> column(
      String key, java.util.function.Function<DayCheck, String> value, double width) {
    TableColumn<DayCheck, String> col = new TableColumn<>(Messages.get(key));
    col.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
    col.setPrefWidth(width);
    return col;
  }
}
