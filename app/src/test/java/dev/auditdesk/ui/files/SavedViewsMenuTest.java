package dev.auditdesk.ui.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.export.SavedView;
import dev.auditdesk.export.SavedViews;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.SortColumn;
import dev.auditdesk.model.SortOrder;
import dev.auditdesk.ui.testing.Fx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.application.Platform;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

class SavedViewsMenuTest extends ApplicationTest {

  @TempDir static Path dir;

  private final SimpleObjectProperty<AuditQuery> query = new SimpleObjectProperty<>(AuditQuery.ALL);
  private final SimpleObjectProperty<SortOrder> sort =
      new SimpleObjectProperty<>(SortOrder.NEWEST_FIRST);
  private final List<String> columns = new ArrayList<>(List.of("time", "user", "action"));
  private SavedViewsViewModel vm;
  private SavedViewsMenu menu;
  private Path viewsDir;

  @Override
  public void start(Stage stage) throws Exception {
    viewsDir = Files.createTempDirectory(dir, "views");
    vm =
        new SavedViewsViewModel(
            new SavedViews(viewsDir),
            name -> new SavedView(name, query.get(), sort.get(), columns),
            v -> {
              query.set(v.query());
              sort.set(v.sort());
              columns.clear();
              columns.addAll(v.columns());
            },
            Runnable::run,
            Platform::runLater);
    menu = new SavedViewsMenu(vm);
    Menu file = new Menu("File");
    file.getItems().add(menu);
    stage.setScene(new Scene(new BorderPane(null, new MenuBar(file), null, null, null), 600, 400));
    stage.show();
  }

  @AfterEach
  void closeWindow() throws Exception {
    FxToolkit.cleanupStages();
  }

  private List<String> viewNames() {
    return Fx.get(
        () ->
            menu.getItems().stream()
                .filter(i -> i.getStyleClass().contains("saved-view"))
                .map(MenuItem::getText)
                .toList());
  }

  private void act(Runnable r) {
    interact(r);
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void aSavedViewAppearsInTheMenuAndReopensFilterSortAndColumns() {
    AuditQuery failedLogins = AuditQuery.ALL.with(Facet.ACTION, Set.of("login"));
    SortOrder byUser = new SortOrder(SortColumn.USER, true);
    act(
        () -> {
          query.set(failedLogins);
          sort.set(byUser);
          vm.saveCurrent("Logins by user");
        });
    assertEquals(List.of("Logins by user"), viewNames());
    assertEquals("Saved the view “Logins by user”.", Fx.get(() -> vm.statusProperty().get()));

    act(
        () -> {
          query.set(AuditQuery.ALL);
          sort.set(SortOrder.NEWEST_FIRST);
          columns.clear();
        });
    act(
        () -> {
          Menu view =
              (Menu)
                  menu.getItems().stream()
                      .filter(i -> "Logins by user".equals(i.getText()))
                      .findFirst()
                      .orElseThrow();
          view.getItems().get(0).fire();
        });
    assertEquals(failedLogins, query.get());
    assertEquals(byUser, sort.get());
    assertEquals(List.of("time", "user", "action"), columns);
  }

  @Test
  void renameDeleteAndImportUpdateTheMenu() throws Exception {
    act(() -> vm.saveCurrent("First"));
    act(() -> vm.saveCurrent("Second"));
    assertEquals(List.of("First", "Second"), viewNames());
    act(() -> vm.rename(vm.views().get(0), "Zeta"));
    assertEquals(List.of("Second", "Zeta"), viewNames());
    act(() -> vm.rename(vm.views().get(0), "zeta"));
    assertTrue(vm.statusProperty().get().contains("already exists"), vm.statusProperty().get());
    Path shared = dir.resolve("shared.json");
    act(() -> vm.exportView(vm.views().get(0), shared));
    act(() -> vm.delete(vm.views().get(0)));
    assertEquals(List.of("Zeta"), viewNames());
    act(() -> vm.importView(shared));
    assertEquals(List.of("Second", "Zeta"), viewNames());
    act(() -> vm.importView(shared));
    assertEquals(List.of("Second", "Second (2)", "Zeta"), viewNames());
  }
}
