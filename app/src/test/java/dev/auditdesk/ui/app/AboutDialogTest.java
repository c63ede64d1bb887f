package dev.auditdesk.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.Version;
import dev.auditdesk.ui.testing.Fx;
import dev.auditdesk.ui.testing.SceneText;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

class AboutDialogTest extends ApplicationTest {

  private Stage owner;
  private AboutDialog dialog;

  @Override
  public void start(Stage stage) {
    owner = stage;
    stage.setScene(new Scene(new StackPane(), 800, 600));
    stage.show();
  }

  @AfterEach
  void close() throws Exception {
    FxToolkit.cleanupStages();
  }

  @Test
  void showsTheStampedVersionAndBuildDate() {
    open();

    String version = lookup("#about-version").queryAs(Label.class).getText();
    assertEquals("Version " + Version.version(), version);
    assertTrue(version.matches("Version \\d+\\.\\d+\\.\\d+.*"), "stamped by Maven: " + version);
    String built = lookup("#about-built").queryAs(Label.class).getText();
    assertTrue(built.matches("Built on \\d{4}-\\d{2}-\\d{2}"), built);
  }

  @Test
  void listsEveryBundledLibraryWithItsLicence() {
    open();
    TableView<AboutDialog.Library> table = lookup("#about-libraries").queryTableView();
    List<AboutDialog.Library> rows = table.getItems();

    AboutDialog.Library h2 =
        rows.stream()
            .filter(l -> l.coordinates().startsWith("com.h2database:h2:"))
            .findFirst()
            .get();
    assertEquals("EPL-1.0; MPL-2.0", h2.licences());
    assertTrue(
        rows.stream()
            .anyMatch(
                l ->
                    l.coordinates().startsWith("org.openjfx:javafx-controls:")
                        && l.licences().equals("GPL-2.0 with Classpath Exception")),
        "JavaFX is listed");
    assertTrue(rows.stream().noneMatch(l -> l.licences().isBlank()), "every library has a licence");
    assertTrue(
        rows.stream().noneMatch(l -> l.coordinates().startsWith("org.junit")),
        "test-only libraries are not bundled, so not listed");

    interact(() -> table.scrollTo(h2));
    WaitForAsyncUtils.waitForFxEvents();
    Node cell = lookup("EPL-1.0; MPL-2.0").query();
    assertTrue(cell.isVisible(), "the H2 licence line is on screen");
    assertTrue(SceneText.of(table).contains("H2 Database Engine"));
  }

  @Test
  void closeButtonClosesTheDialog() {
    open();
    Button close = (Button) dialog.getDialogPane().lookupButton(ButtonType.CLOSE);

    clickOn(close);

    assertFalse(Fx.get(dialog::isShowing));
  }

  private void open() {
    interact(
        () -> {
          dialog = new AboutDialog(owner);
          dialog.show();
        });
    WaitForAsyncUtils.waitForFxEvents();
  }
}
