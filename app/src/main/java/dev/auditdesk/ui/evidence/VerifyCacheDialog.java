package dev.auditdesk.ui.evidence;

import dev.auditdesk.AppDirs;
import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.ui.common.Messages;
import java.util.concurrent.Executor;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The Help menu's "Verify this cache…" item and the window that shows the verification running and
 * then its result; also the one-time notice that an upgrade built the cache's chain.
 */
public final class VerifyCacheDialog {

  private VerifyCacheDialog() {}

  /** Adds the item for the session's {@code cache} to {@code help}; {@code anchor}: the window. */
  public static void install(
      Menu help, AuditCache cache, Executor background, Executor fx, Node anchor) {
    install(help, VerifyCacheViewModel.of(cache, AppDirs.config(), background, fx), anchor);
  }

  static void install(Menu help, VerifyCacheViewModel vm, Node anchor) {
    MenuItem item = new MenuItem(vm.text("menu"));
    item.setId("menu-verify-cache");
    item.disableProperty().bind(vm.runningProperty());
    item.setOnAction(e -> show(vm, anchor.getScene().getWindow()));
    help.getItems().add(0, item);
    vm.upgradeNotice().ifPresent(text -> onceShown(anchor, text));
  }

  private static void show(VerifyCacheViewModel vm, Window owner) {
    Alert a = new Alert(Alert.AlertType.INFORMATION);
    a.initOwner(owner);
    a.setTitle(vm.text("title"));
    a.setHeaderText(vm.text("running"));
    ProgressIndicator busy = new ProgressIndicator();
    busy.setId("verify-cache-progress");
    TextArea text = new TextArea();
    text.setId("verify-cache-result");
    text.setEditable(false);
    text.setWrapText(true);
    text.setPrefRowCount(8);
    text.setVisible(false);
    text.managedProperty().bind(text.visibleProperty());
    busy.visibleProperty().bind(text.visibleProperty().not());
    busy.managedProperty().bind(busy.visibleProperty());
    a.getDialogPane().setContent(new VBox(8, busy, text));
    a.getDialogPane().setPrefWidth(640);
    vm.outcomeProperty()
        .addListener(
            (o, was, now) -> {
              if (now != null) {
                a.setHeaderText(now.headline());
                a.setAlertType(now.whole() ? Alert.AlertType.INFORMATION : Alert.AlertType.ERROR);
                text.setText(String.join("\n", now.lines()));
                text.setVisible(true);
              }
            });
    a.show();
    vm.verify();
  }

  /** Shows {@code text} once the window of {@code anchor} is on screen. */
  private static void onceShown(Node anchor, String text) {
    var showing =
        anchor.sceneProperty().flatMap(Scene::windowProperty).flatMap(Window::showingProperty);
    showing.addListener(
        new javafx.beans.value.ChangeListener<Boolean>() {
          @Override
          public void changed(
              javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean now) {
            if (Boolean.TRUE.equals(now)) {
              showing.removeListener(this);
              Alert a = new Alert(Alert.AlertType.INFORMATION, text);
              a.initOwner(anchor.getScene().getWindow());
              a.setTitle(Messages.get("verifyCache.title"));
              a.setHeaderText(Messages.get("verifyCache.upgradedHeader"));
              a.show();
            }
          }
        });
  }
}
