package dev.auditdesk.ui.files;

import static dev.auditdesk.ui.testing.WindowDriver.fx;
import static dev.auditdesk.ui.testing.WindowDriver.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.export.ExportManifest;
import dev.auditdesk.export.Verifier;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Facet;
import dev.auditdesk.ui.app.MainViewModel;
import dev.auditdesk.ui.testing.SampleEvents;
import dev.auditdesk.ui.testing.WindowDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import javafx.application.Platform;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File ▸ Export… and File ▸ Saved views in the real main window, over its real H2 cache. */
class FileMenuTest {

  @TempDir Path home;
  final WindowDriver w = new WindowDriver();

  @AfterEach
  void close() throws Exception {
    w.close();
  }

  private MenuItem fileItem(String id) {
    return fx(
        () ->
            w.main().fileMenu().getItems().stream()
                .filter(i -> id.equals(i.getId()))
                .findFirst()
                .orElseThrow());
  }

  @Test
  void aSavedViewReopensItsFilterAndTheExportHoldsExactlyThatView() throws Exception {
    try (DemoServer demo = DemoServer.start(DemoConfig.defaults().withPort(0).withEvents(200))) {
      w.launch(home);
      w.signIn(demo.url().toString(), demo.email(), demo.password());
      waitFor("the main window", () -> w.app.mainView().isPresent());
      w.cache()
          .upsert(
              SampleEvents.createWriteDelete(
                  300, Instant.parse("2020-01-01T00:00:00Z"), "template", "tpl", "zoe"));
      MainViewModel vm = w.main().viewModel();
      AuditQuery deletes =
          AuditQuery.ALL.with(Facet.ACTION, Set.of("delete")).with(Facet.USER, Set.of("zoe"));
      w.robot.interact(() -> vm.queryModel().setQuery(deletes));
      w.waitForQuery();
      waitFor("100 deletes by zoe", () -> vm.matchingProperty().get() == 100);

      Platform.runLater(() -> ((Menu) fileItem("menu-saved-views")).getItems().get(0).fire());
      waitFor("the name dialog", () -> w.robot.lookup(".text-input-dialog").tryQuery().isPresent());
      w.robot.interact(
          () ->
              w.robot
                  .lookup(".text-input-dialog .text-field")
                  .queryAs(TextField.class)
                  .setText("Zoe deletes"));
      w.robot.clickOn(
          w.robot
              .lookup(".text-input-dialog .button")
              .match((javafx.scene.control.Button b) -> b.isDefaultButton())
              .queryButton());
      waitFor(
          "the view in the menu",
          () ->
              ((Menu) fileItem("menu-saved-views"))
                  .getItems().stream().anyMatch(i -> "Zoe deletes".equals(i.getText())));
      assertTrue(
          Files.list(home.resolve("config/views")).anyMatch(f -> f.toString().endsWith(".json")));

      w.robot.interact(() -> vm.queryModel().setQuery(AuditQuery.ALL));
      w.waitForQuery();
      w.robot.interact(
          () ->
              ((Menu)
                      ((Menu) fileItem("menu-saved-views"))
                          .getItems().stream()
                              .filter(i -> "Zoe deletes".equals(i.getText()))
                              .findFirst()
                              .orElseThrow())
                  .getItems()
                  .get(0)
                  .fire());
      assertEquals(deletes, w.query());
      w.waitForQuery();

      Path out = home.resolve("zoe-deletes.csv");
      Platform.runLater(() -> fileItem("menu-export").fire());
      waitFor("the export window", () -> w.robot.lookup("#export-file").tryQuery().isPresent());
      w.robot.interact(
          () -> w.robot.lookup("#export-file").queryAs(TextField.class).setText(out.toString()));
      w.robot.clickOn("#export-start");
      waitFor("the manifest", () -> Files.exists(ExportManifest.pathFor(out)));
      assertEquals(101, Files.readAllLines(out).size());
      assertTrue(Files.readString(out).lines().skip(1).allMatch(l -> l.contains(",zoe,delete,")));
      assertTrue(Verifier.verify(out).ok());
      waitFor(
          "the done message",
          () -> w.text("#export-status").startsWith("Exported 100 events to zoe-deletes.csv"));
    }
  }
}
