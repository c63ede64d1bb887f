package dev.auditdesk.ui.table;

import dev.auditdesk.ui.common.Icons;
import dev.auditdesk.ui.common.Messages;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.material2.Material2AL;

/** A bar over the table, shown while rows of the result could not be read: why, and Retry. */
final class LoadFailureBar extends HBox {

  private final Label text = new Label();
  private final Button retry = new Button(Messages.get("main.retry"));
  private EventRows rows;

  LoadFailureBar() {
    setId("load-failure");
    // The same look as the failed-query banner of the window.
    getStyleClass().addAll("notice-banner", "error-banner");
    setSpacing(8);
    setAlignment(Pos.CENTER_LEFT);
    text.setId("load-failure-text");
    text.setGraphic(Icons.of(Material2AL.ERROR_OUTLINE));
    text.setWrapText(true);
    text.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(text, Priority.ALWAYS);
    retry.setId("load-failure-retry");
    retry.getStyleClass().add("small");
    retry.setOnAction(e -> rows.retry());
    getChildren().addAll(text, retry);
    show(null);
  }

  /** Follows the failures of {@code result} (null: none shown). */
  void show(EventRows result) {
    rows = result;
    text.textProperty().unbind();
    if (result == null) {
      text.setText("");
    } else {
      text.textProperty().bind(result.failureProperty());
    }
    visibleProperty().bind(text.textProperty().isNotEmpty());
    managedProperty().bind(visibleProperty());
  }
}
