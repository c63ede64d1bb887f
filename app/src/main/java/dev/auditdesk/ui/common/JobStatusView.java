package dev.auditdesk.ui.common;

import java.util.function.Function;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/** A job's progress bar (shown while it runs) above its status line (red when it failed). */
public final class JobStatusView extends VBox {

  /**
   * @param idPrefix the ids of the bar and label: {@code prefix-progress}, {@code prefix-status}
   */
  public JobStatusView(JobState job, String idPrefix) {
    super(12);
    ProgressBar bar = new ProgressBar();
    bar.setId(idPrefix + "-progress");
    bar.setMaxWidth(Double.MAX_VALUE);
    bar.progressProperty().bind(job.progressProperty());
    bar.visibleProperty().bind(job.runningProperty());
    Label status = new Label();
    status.setId(idPrefix + "-status");
    status.setWrapText(true);
    status.textProperty().bind(job.statusProperty());
    job.failedProperty()
        .addListener(
            (o, was, now) -> {
              if (now) {
                status.getStyleClass().add("danger");
              } else {
                status.getStyleClass().remove("danger");
              }
            });
    getChildren().addAll(bar, status);
  }

  /**
   * Shows the pane {@code content} makes (handed how to close its window) in a window modal to
   * {@code owner}, styled as the owner; closing it while the job runs calls {@code cancel}.
   */
  public static Stage window(
      Window owner,
      String title,
      Function<Runnable, Parent> content,
      JobState job,
      Runnable cancel) {
    Stage stage = new Stage();
    stage.initOwner(owner);
    stage.initModality(Modality.WINDOW_MODAL);
    stage.setTitle(title);
    Scene scene = new Scene(content.apply(stage::close));
    if (owner != null && owner.getScene() != null) {
      scene.getStylesheets().setAll(owner.getScene().getStylesheets());
    }
    stage.setScene(scene);
    // A result of several lines must not cut off the text above it: the window grows to fit once
    // the job has ended (progress lines while it runs are one line and come many times a second).
    job.statusProperty()
        .addListener(
            (o, was, now) -> {
              if (!job.runningProperty().get()) {
                Platform.runLater(stage::sizeToScene);
              }
            });
    stage.setOnCloseRequest(
        e -> {
          if (job.runningProperty().get()) {
            cancel.run();
          }
        });
    stage.show();
    return stage;
  }
}
