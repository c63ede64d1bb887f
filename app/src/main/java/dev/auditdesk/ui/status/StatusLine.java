package dev.auditdesk.ui.status;

import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.sync.SyncViewModel;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The line under the table: who is signed in (or offline), the sync state with live progress and
 * Cancel, a sync error with Retry, and when the last sync finished. When space runs short the
 * connection text gives way first; the sync state stays whole (a long error down to {@link
 * #STATUS_MIN_WIDTH}); each label's tooltip has its full text.
 */
public final class StatusLine extends PriorityRow {

  /** A sync error longer than this is shortened when space is short (its tooltip has all). */
  static final double STATUS_MIN_WIDTH = 320;

  public StatusLine(SyncViewModel sync) {
    super(10);
    setId("status-line");
    getStyleClass().add("status-line");
    setAlignment(Pos.CENTER_LEFT);

    Label connection = new Label();
    connection.setId("status-connection");
    connection.getStyleClass().add("status-connection");
    connection.textProperty().bind(sync.connectionTextProperty());
    connection.setMinWidth(0);
    connection.setTooltip(fullText(connection));

    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);

    ProgressBar progress = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
    progress.setId("sync-progress");
    progress.setPrefWidth(120);
    progress.progressProperty().bind(sync.progressProperty());
    showWhen(progress, sync.runningProperty());

    Label status =
        new Label() {
          @Override
          protected double computeMinWidth(double height) {
            return Math.min(computePrefWidth(height), STATUS_MIN_WIDTH);
          }
        };
    status.setId("sync-status");
    status.setTooltip(fullText(status));
    status.getStyleClass().add("sync-status");
    status.textProperty().bind(sync.statusTextProperty());
    sync.failedProperty()
        .addListener(
            (o, a, b) -> {
              if (b) {
                status.getStyleClass().add("failed");
              } else {
                status.getStyleClass().remove("failed");
              }
            });

    Button cancel = new Button(Messages.get("sync.cancel"));
    cancel.setId("sync-cancel");
    cancel.getStyleClass().addAll("flat", "small");
    cancel.setOnAction(e -> sync.cancel());
    showWhen(cancel, sync.runningProperty());

    Button retry = new Button(Messages.get("sync.retry"));
    retry.setId("sync-retry");
    retry.getStyleClass().addAll("small");
    retry.setOnAction(e -> sync.syncNow());
    showWhen(retry, sync.failedProperty());

    getChildren().addAll(connection, gap, progress, status, cancel, retry);
    shrinkInOrder(connection, status);
  }

  /** A tooltip that always shows the label's whole text, however short the label is drawn. */
  static Tooltip fullText(Label l) {
    Tooltip t = new Tooltip();
    t.textProperty().bind(l.textProperty());
    return t;
  }

  private static void showWhen(javafx.scene.Node n, javafx.beans.value.ObservableValue<Boolean> v) {
    n.visibleProperty().bind(v);
    n.managedProperty().bind(n.visibleProperty());
  }
}
