package dev.auditdesk.ui.status;

import dev.auditdesk.ui.common.Icons;
import dev.auditdesk.ui.common.Messages;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
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

/**
 * The line at the bottom of the window. In a narrow window the texts give way in this order, each
 * down to an ellipsis, with the whole text in its tooltip: the sync part's connection text, the
 * retention note, the deployment name, the cache size; the count of cached events goes last.
 */
public final class StatusBarView extends PriorityRow {

  private final Timeline ticker;
  private final Region syncPart;
  private final Label retention = new Label();
  private final javafx.scene.control.Hyperlink verified = new javafx.scene.control.Hyperlink();
  private final Label cacheLabel = new Label();
  private final Label size = new Label();

  public StatusBarView(StatusBarViewModel vm) {
    this(vm, null);
  }

  /**
   * @param syncPart shown instead of this bar's own sync state, progress and buttons (the main
   *     window's sync line), or null
   */
  public StatusBarView(StatusBarViewModel vm, Node syncPart) {
    super(10);
    setId("status-bar");
    getStyleClass().add("status-bar");
    setAlignment(Pos.CENTER_LEFT);

    FontIcon syncIcon = Icons.of(Material2MZ.SYNC);
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
    sync.setTooltip(StatusLine.fullText(sync));

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
    Button syncNow = new Button(null, Icons.of(Material2MZ.REFRESH));
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

    retention.setId("status-retention");
    retention.getStyleClass().add("status-retention");
    retention.setGraphic(Icons.of(Material2AL.HISTORY));
    retention.textProperty().bind(vm.retentionTextProperty());
    Tooltip retentionTip = new Tooltip();
    retentionTip
        .textProperty()
        .bind(
            Bindings.concat(
                vm.retentionTextProperty(), "\n\n", Messages.get("status.retention.tip")));
    retentionTip.setWrapText(true);
    retentionTip.setMaxWidth(420);
    retention.setTooltip(retentionTip);
    // Once the completeness record speaks (its dialog counts the days only in this cache), the
    // retention note would repeat it in less room.
    Runnable retentionShown =
        () ->
            show(
                retention,
                !vm.retentionTextProperty().get().isEmpty()
                    && vm.verifiedTextProperty().get().isEmpty());
    retentionShown.run();
    vm.retentionTextProperty().addListener(o -> retentionShown.run());
    vm.verifiedTextProperty().addListener(o -> retentionShown.run());
    vm.onlyLocalProperty()
        .addListener(
            (o, was, now) -> {
              retention.getStyleClass().remove("warning");
              if (now.longValue() > 0) {
                retention.getStyleClass().add("warning");
              }
            });

    verified.setId("status-verified");
    verified.getStyleClass().add("status-verified");
    verified.textProperty().bind(vm.verifiedTextProperty());
    Tooltip verifiedTip = new Tooltip(Messages.get("status.verified.tip"));
    verifiedTip.setWrapText(true);
    verifiedTip.setMaxWidth(420);
    verified.setTooltip(verifiedTip);
    FontIcon verifiedIcon = Icons.of(Material2MZ.VERIFIED);
    verified.setGraphic(verifiedIcon);
    Runnable verifiedLook =
        () -> {
          var c = vm.completenessProperty().get();
          boolean bad = c != null && !c.unverified().isEmpty();
          verifiedIcon.setIconCode(bad ? Material2MZ.WARNING : Material2MZ.VERIFIED);
          verified.getStyleClass().remove("warning");
          if (bad) {
            verified.getStyleClass().add("warning");
          }
        };
    vm.completenessProperty().addListener(o -> verifiedLook.run());
    verifiedLook.run();
    show(verified, false);
    vm.verifiedTextProperty().addListener((o, was, now) -> show(verified, !now.isEmpty()));
    verified.setOnAction(
        e -> {
          verified.setVisited(false);
          var c = vm.completenessProperty().get();
          if (c != null) {
            CompletenessDialog.show(
                getScene().getWindow(), c, vm.onlineProperty().get() ? vm::verifyAll : null);
          }
        });

    cacheLabel.setId("status-cache");
    cacheLabel.setGraphic(Icons.of(Material2AL.ARCHIVE));
    cacheLabel.textProperty().bind(vm.cacheTextProperty());
    cacheLabel.setTooltip(StatusLine.fullText(cacheLabel));
    size.setId("status-size");
    size.textProperty().bind(vm.sizeTextProperty());
    size.setMinWidth(0);
    Tooltip sizeTip = new Tooltip();
    sizeTip
        .textProperty()
        .bind(Bindings.concat(vm.sizeTextProperty(), " \u2014 ", Messages.get("status.size.tip")));
    size.setTooltip(sizeTip);

    FontIcon onlineIcon = Icons.of(Material2AL.CLOUD_DONE);
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

    if (syncPart instanceof Region part) {
      this.syncPart = part;
      HBox.setHgrow(syncPart, Priority.SOMETIMES);
      getChildren().add(syncPart);
    } else {
      sync.setMinWidth(0);
      this.syncPart = sync;
      getChildren().addAll(sync, progress, cancel, retry, syncNow);
    }
    getChildren()
        .addAll(grow, verified, retention, cacheLabel, separator(), size, separator(), onlineLabel);
    shrinkInOrder(this.syncPart, retention, verified, size, cacheLabel);

    ticker = new Timeline(new KeyFrame(Duration.seconds(20), e -> vm.tick()));
    ticker.setCycleCount(Animation.INDEFINITE);
    ticker.play();
  }

  /**
   * Adds a node at the very left, e.g. the deployment switcher; it gives way after the retention
   * note and before the cache size.
   */
  public void addLeading(Region n) {
    getChildren().add(0, n);
    getChildren().add(1, separator());
    shrinkInOrder(syncPart, retention, verified, n, size, cacheLabel);
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
