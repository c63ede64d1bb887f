package dev.auditdesk.ui.app;

import dev.auditdesk.insights.Finding;
import dev.auditdesk.insights.InsightSettings;
import dev.auditdesk.insights.Rule;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.common.Shortcuts;
import dev.auditdesk.ui.connections.ConnectionsViewModel;
import dev.auditdesk.ui.filters.QueryModel;
import dev.auditdesk.ui.insights.InsightsView;
import dev.auditdesk.ui.insights.InsightsViewModel;
import dev.auditdesk.ui.session.Session;
import java.io.File;
import java.util.concurrent.Executor;
import javafx.scene.Scene;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The Insights panel of a session's window: View ▸ Insights (Ctrl+I) opens it beside the main
 * window and runs the rules; choosing a finding filters the main table to exactly its events, or
 * shows the connection log around a connection finding.
 */
final class InsightsWindow {

  private final InsightsViewModel vm;
  private final MainView main;
  private Stage stage;

  private InsightsWindow(InsightsViewModel vm, MainView main) {
    this.vm = vm;
    this.main = main;
  }

  /** Adds the menu item to the main view and returns the panel's view model. */
  static InsightsViewModel install(
      MainView view,
      Session session,
      QueryModel query,
      ConnectionsViewModel connections,
      Executor background,
      Executor fx) {
    InsightsViewModel vm =
        new InsightsViewModel(session::cache, InsightSettings.defaults(), background, fx);
    vm.setOnShow(f -> show(f, query, connections));
    InsightsWindow w = new InsightsWindow(vm, view);
    MenuItem item = new MenuItem(Messages.get("menu.view.insights"));
    item.setId("menu-insights");
    item.setAccelerator(Shortcuts.INSIGHTS);
    item.setOnAction(e -> w.open());
    view.viewMenu().getItems().addAll(new SeparatorMenuItem(), item);
    return vm;
  }

  private static void show(Finding f, QueryModel query, ConnectionsViewModel connections) {
    if (!f.rule().connectionLog()) {
      connections.shownProperty().set(false);
      query.setQuery(AuditQuery.ALL.withIds(f.ids()));
      return;
    }
    int workspace = f.rule() == Rule.LONG_CONNECTION ? 2 : 3;
    connections.showWorkspace(f.args().get(workspace), f.time());
  }

  /** Shows the panel (created once) and runs the rules afresh. */
  private void open() {
    if (stage == null) {
      Window owner = main.getScene().getWindow();
      InsightsView view = new InsightsView(vm, () -> export(owner));
      stage = new Stage();
      stage.initOwner(owner);
      stage.setTitle(Messages.get("insights.window"));
      var screen = javafx.stage.Screen.getPrimary().getVisualBounds();
      Scene scene =
          new Scene(
              view, Math.min(1240, screen.getWidth() - 40), Math.min(480, screen.getHeight() - 80));
      scene.getStylesheets().setAll(main.getScene().getStylesheets());
      stage.setScene(scene);
    }
    stage.show();
    stage.toFront();
    vm.run();
  }

  private void export(Window owner) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(Messages.get("insights.export"));
    chooser.setInitialFileName("insights.csv");
    chooser
        .getExtensionFilters()
        .addAll(
            new FileChooser.ExtensionFilter("CSV", "*.csv"),
            new FileChooser.ExtensionFilter("HTML", "*.html"));
    File f = chooser.showSaveDialog(stage == null ? owner : stage);
    if (f != null) {
      vm.export(f.toPath());
    }
  }
}
