package dev.auditdesk.ui.status;

import dev.auditdesk.ui.common.Icons;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.sync.SyncViewModel;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The one status bar at the bottom of the window: the deployment, who is signed in, the sync with
 * live progress and Cancel (Retry after an error, Sign in again after a refused session), then what
 * the cache holds and whether it is verified. In a narrow window the texts give way in this order,
 * each down to an ellipsis, with the whole text in its tooltip: the connection text, the retention
 * note, the verified note, the deployment name, the cache size; the counts stay whole.
 */
public final class StatusBarView extends PriorityRow {

  /** A sync error longer than this is shortened when space is short (its tooltip has all). */
  static final double SYNC_STATUS_MIN_WIDTH = 320;

  private final Label connection = new Label();
  private final Region syncPart;
  private final Label retention = new Label();
  private final Hyperlink verified = new Hyperlink();
  private final Label cacheLabel = new Label();
  private final Label size = new Label();

  /**
   * @param signIn shows the sign-in screen (after the server refused the session)
   */
  public StatusBarView(StatusBarViewModel vm, SyncViewModel sync, Runnable signIn) {
    super(10);
    setId("status-bar");
    getStyleClass().add("status-bar");
    setAlignment(Pos.CENTER_LEFT);
    syncPart = syncPart(sync, signIn);

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
    cacheLabel.setTooltip(fullText(cacheLabel));
    size.setId("status-size");
    size.textProperty().bind(vm.sizeTextProperty());
    size.setMinWidth(0);
    Tooltip sizeTip = new Tooltip();
    sizeTip
        .textProperty()
        .bind(Bindings.concat(vm.sizeTextProperty(), " \u2014 ", vm.sizeTipProperty()));
    size.setTooltip(sizeTip);

    FontIcon onlineIcon = Icons.of(Material2AL.CLOUD_DONE);
    Label onlineLabel = new Label();
    onlineLabel.setId("status-online");
    onlineLabel.setGraphic(onlineIcon);
    onlineLabel.textProperty().bind(vm.onlineTextProperty());
    Tooltip onlineTip = new Tooltip();
    onlineTip.textProperty().bind(vm.onlineTipProperty());
    onlineLabel.setTooltip(onlineTip);
    Runnable onlineLook =
        () -> {
          boolean on = vm.onlineProperty().get();
          boolean archive = !on && vm.archive();
          onlineIcon.setIconCode(
              on ? Material2AL.CLOUD_DONE : archive ? Material2MZ.STORAGE : Material2AL.CLOUD_OFF);
          onlineLabel.getStyleClass().remove("offline");
          if (!on && !archive) {
            onlineLabel.getStyleClass().add("offline");
          }
        };
    vm.onlineProperty().addListener(o -> onlineLook.run());
    vm.cacheProperty().addListener(o -> onlineLook.run());
    onlineLook.run();

    HBox.setHgrow(syncPart, Priority.SOMETIMES);
    getChildren().add(syncPart);
    getChildren()
        .addAll(grow, verified, retention, cacheLabel, separator(), size, separator(), onlineLabel);
    shrinkInOrder(syncPart, retention, verified, size, cacheLabel);
  }

  /**
   * The connection text, then the sync state with its progress and buttons, in a row of its own.
   */
  private PriorityRow syncPart(SyncViewModel sync, Runnable signIn) {
    PriorityRow row = new PriorityRow(10);
    row.setId("status-sync");
    row.setAlignment(Pos.CENTER_LEFT);

    connection.setId("status-connection");
    connection.getStyleClass().add("status-connection");
    connection.textProperty().bind(sync.connectionTextProperty());
    connection.setMinWidth(0);
    connection.setTooltip(fullText(connection));

    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);

    ProgressBar progress = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
    progress.setId("sync-progress");
    progress.getStyleClass().add("status-progress");
    progress.setPrefWidth(120);
    progress.progressProperty().bind(sync.progressProperty());
    showWhen(progress, sync.runningProperty());

    Label status =
        new Label() {
          @Override
          protected double computeMinWidth(double height) {
            return Math.min(computePrefWidth(height), SYNC_STATUS_MIN_WIDTH);
          }
        };
    status.setId("sync-status");
    status.setTooltip(fullText(status));
    status.getStyleClass().add("sync-status");
    status.textProperty().bind(sync.statusTextProperty());
    sync.failedProperty()
        .addListener(
            (o, a, b) -> {
              status.getStyleClass().remove("error");
              if (b) {
                status.getStyleClass().add("error");
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
    showWhen(retry, sync.failedProperty().and(sync.signInNeededProperty().not()));

    Button signInAgain = new Button(Messages.get("sync.signIn"));
    signInAgain.setId("sync-sign-in");
    signInAgain.getStyleClass().addAll("small", "accent");
    signInAgain.setOnAction(e -> signIn.run());
    showWhen(signInAgain, sync.signInNeededProperty());

    row.getChildren().addAll(connection, gap, progress, status, cancel, retry, signInAgain);
    row.shrinkInOrder(connection, status);
    return row;
  }

  /** A tooltip that always shows the label's whole text, however short the label is drawn. */
  static Tooltip fullText(Label l) {
    Tooltip t = new Tooltip();
    t.textProperty().bind(l.textProperty());
    return t;
  }

  private static void showWhen(Node n, ObservableValue<Boolean> v) {
    n.visibleProperty().bind(v);
    n.managedProperty().bind(n.visibleProperty());
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
