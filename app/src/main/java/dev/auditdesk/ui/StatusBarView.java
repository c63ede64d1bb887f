package dev.auditdesk.ui;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The line at the bottom of the window. */
public final class StatusBarView extends HBox {

  private final Timeline ticker;

  public StatusBarView(StatusBarViewModel vm) {
    this(vm, null);
  }

  /**
   * @param syncPart shown instead of this bar's own sync state, progress and buttons (the main
   *     window's sync line), or null
   */
  public StatusBarView(StatusBarViewModel vm, Node syncPart) {
    setId("status-bar");
    getStyleClass().add("status-bar");
    setAlignment(Pos.CENTER_LEFT);
    setSpacing(10);

    FontIcon syncIcon = DetailsView.icon(Material2MZ.SYNC);
    Label sync = new Label();
    sync.setId("status-sync");
    sync.textProperty().bind(vm.syncTextProperty());
    sync.setGraphic(syncIcon);
    vm.syncErrorProperty()
        .addListener(
            (o, was, now) -> {
              sync.getStyleClass().remove("error");
              syncIcon.setIconCode(now.isEmpty() ? Material2MZ.SYNC : Material2MZ.SYNC_PROBLEM);
              if (!now.isEmpty()) {
                sync.getStyleClass().add("error");
              }
            });
    Tooltip syncTip = new Tooltip();
    syncTip.textProperty().bind(vm.syncTextProperty());
    sync.setTooltip(syncTip);

    ProgressBar progress = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
    progress.getStyleClass().add("status-progress");
    progress.setPrefWidth(80);
    show(progress, vm.syncingProperty().get());
    vm.syncingProperty().addListener((o, was, now) -> show(progress, now));

    Button cancel = new Button(Messages.get("status.cancel"));
    cancel.setId("status-cancel");
    cancel.getStyleClass().addAll("flat", "small");
    cancel.setOnAction(e -> vm.cancel());
    Button retry = new Button(Messages.get("status.retry"));
    retry.setId("status-retry");
    retry.getStyleClass().addAll("flat", "small", "accent");
    retry.setOnAction(e -> vm.syncNow());
    Button syncNow = new Button(null, DetailsView.icon(Material2MZ.REFRESH));
    syncNow.setId("status-sync-now");
    syncNow.getStyleClass().addAll("flat", "small");
    syncNow.setTooltip(new Tooltip(Messages.get("status.syncNow")));
    syncNow.setOnAction(e -> vm.syncNow());
    Runnable buttons =
        () -> {
          boolean running = vm.syncingProperty().get();
          boolean failed = !vm.syncErrorProperty().get().isEmpty();
          show(cancel, running);
          show(retry, !running && failed && vm.onlineProperty().get());
          show(syncNow, !running && !failed && vm.onlineProperty().get());
        };
    vm.syncingProperty().addListener(o -> buttons.run());
    vm.syncErrorProperty().addListener(o -> buttons.run());
    vm.onlineProperty().addListener(o -> buttons.run());
    buttons.run();

    Region grow = new Region();
    HBox.setHgrow(grow, Priority.ALWAYS);

    Label retention = new Label();
    retention.setId("status-retention");
    retention.getStyleClass().add("status-retention");
    retention.setGraphic(DetailsView.icon(Material2AL.HISTORY));
    retention.textProperty().bind(vm.retentionTextProperty());
    retention.setTooltip(new Tooltip(Messages.get("status.retention.tip")));
    show(retention, false);
    vm.retentionTextProperty().addListener((o, was, now) -> show(retention, !now.isEmpty()));
    vm.onlyLocalProperty()
        .addListener(
            (o, was, now) -> {
              retention.getStyleClass().remove("warning");
              if (now.longValue() > 0) {
                retention.getStyleClass().add("warning");
              }
            });

    Label cacheLabel = new Label();
    cacheLabel.setId("status-cache");
    cacheLabel.setGraphic(DetailsView.icon(Material2AL.ARCHIVE));
    cacheLabel.textProperty().bind(vm.cacheTextProperty());
    Label size = new Label();
    size.setId("status-size");
    size.textProperty().bind(vm.sizeTextProperty());
    size.setTooltip(new Tooltip(Messages.get("status.size.tip")));

    FontIcon onlineIcon = DetailsView.icon(Material2AL.CLOUD_DONE);
    Label onlineLabel = new Label();
    onlineLabel.setId("status-online");
    onlineLabel.setGraphic(onlineIcon);
    onlineLabel.textProperty().bind(vm.onlineTextProperty());
    Tooltip onlineTip = new Tooltip();
    onlineLabel.setTooltip(onlineTip);
    Runnable onlineLook =
        () -> {
          boolean on = vm.onlineProperty().get();
          onlineIcon.setIconCode(on ? Material2AL.CLOUD_DONE : Material2AL.CLOUD_OFF);
          onlineLabel.getStyleClass().remove("offline");
          if (!on) {
            onlineLabel.getStyleClass().add("offline");
          }
          onlineTip.setText(Messages.get(on ? "status.onlineTip" : "status.offlineTip"));
        };
    vm.onlineProperty().addListener(o -> onlineLook.run());
    onlineLook.run();

    if (syncPart == null) {
      getChildren().addAll(sync, progress, cancel, retry, syncNow);
    } else {
      HBox.setHgrow(syncPart, Priority.SOMETIMES);
      getChildren().add(syncPart);
    }
    getChildren().addAll(grow, retention, cacheLabel, separator(), size, separator(), onlineLabel);

    ticker = new Timeline(new KeyFrame(Duration.seconds(20), e -> vm.tick()));
    ticker.setCycleCount(Animation.INDEFINITE);
    ticker.play();
  }

  /** Adds a node at the very left, e.g. the deployment switcher. */
  public void addLeading(Node n) {
    getChildren().add(0, n);
    getChildren().add(1, separator());
  }

  private static Separator separator() {
    Separator s = new Separator(Orientation.VERTICAL);
    s.getStyleClass().add("status-separator");
    return s;
  }

  private static void show(Node n, boolean visible) {
    n.setVisible(visible);
    n.setManaged(visible);
  }
}
