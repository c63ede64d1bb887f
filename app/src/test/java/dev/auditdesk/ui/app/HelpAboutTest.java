package dev.auditdesk.ui.app;

import static dev.auditdesk.ui.testing.WindowDriver.fx;
import static dev.auditdesk.ui.testing.WindowDriver.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.auditdesk.Version;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.testing.WindowDriver;
import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Help → About in the real main window, and the window's own icon. */
class HelpAboutTest {

  @TempDir Path home;
  final WindowDriver w = new WindowDriver();

  @AfterEach
  void close() throws Exception {
    System.clearProperty("auditdesk.demo.events");
    w.close();
  }

  @Test
  void helpAboutOpensTheAboutDialogWithTheVersion() throws Exception {
    System.setProperty("auditdesk.demo.events", "200");
    w.launch(home);
    w.robot.clickOn("#try-demo");
    waitFor("the main window", () -> w.app.mainView().isPresent());
    MainView v = w.main();
    Stage window = (Stage) fx(() -> v.getScene().getWindow());
    assertFalse(fx(() -> window.getIcons().isEmpty()), "the window carries the AuditDesk icon");

    w.robot.clickOn(Messages.get("menu.help")).clickOn(Messages.get("menu.help.about"));

    waitFor("the About dialog", () -> w.robot.lookup("#about-version").tryQuery().isPresent());
    assertEquals(
        "Version " + Version.version(),
        w.robot.lookup("#about-version").queryAs(Label.class).getText());
  }
}
