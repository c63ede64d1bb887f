package dev.auditdesk.ui.login;

import dev.auditdesk.model.Deployment;
import dev.auditdesk.ui.common.Icons;
import dev.auditdesk.ui.common.Messages;
import javafx.collections.ListChangeListener;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.material2.Material2AL;

/** The deployment name in the status bar; its menu lists every cached deployment. */
public final class DeploymentSwitcher extends MenuButton {

  private final DeploymentsViewModel vm;

  public DeploymentSwitcher(DeploymentsViewModel vm) {
    this.vm = vm;
    setId("deployment-switcher");
    getStyleClass().addAll("deployment-switcher", "flat");
    setGraphic(Icons.of(Material2AL.DNS));
    // In a narrow window the name is shortened; the tooltip keeps it whole.
    Tooltip tip = new Tooltip();
    tip.textProperty().bind(textProperty());
    setTooltip(tip);
    setText(label(vm.currentProperty().get()));
    vm.currentProperty().addListener((o, was, now) -> setText(label(now)));
    vm.entries().addListener((ListChangeListener<DeploymentsViewModel.Entry>) c -> rebuild());
    setOnShowing(e -> vm.refresh());
    rebuild();
    vm.refresh();
  }

  private void rebuild() {
    getItems().clear();
    for (DeploymentsViewModel.Entry e : vm.entries()) {
      MenuItem item = new MenuItem(DeploymentsViewModel.describe(e));
      item.setId("deployment-" + e.deployment().label());
      item.setDisable(!e.problem().isEmpty() || e.deployment().equals(vm.currentProperty().get()));
      item.setOnAction(a -> vm.switchTo(e.deployment()));
      getItems().add(item);
    }
    if (vm.entries().isEmpty()) {
      MenuItem none = new MenuItem(Messages.get("deployments.none"));
      none.setDisable(true);
      getItems().add(none);
    }
    MenuItem signOut =
        new MenuItem(Messages.get("deployments.signOut"), Icons.of(Material2AL.LOG_OUT));
    signOut.setId("deployment-sign-out");
    signOut.setOnAction(a -> vm.signOut());
    getItems().addAll(new SeparatorMenuItem(), signOut);
  }

  private static String label(Deployment d) {
    return d == null ? Messages.get("deployments.noneOpen") : d.label();
  }
}
