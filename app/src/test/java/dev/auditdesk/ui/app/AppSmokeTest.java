package dev.auditdesk.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.testfx.api.FxAssert.verifyThat;
import static org.testfx.matcher.base.NodeMatchers.isVisible;

import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationTest;

class AppSmokeTest extends ApplicationTest {

  private Stage stage;

  @Override
  public void start(Stage stage) throws Exception {
    this.stage = stage;
    new AuditDeskApp().start(stage);
  }

  @AfterEach
  void closeWindow() throws Exception {
    FxToolkit.cleanupStages();
  }

  @Test
  void theRealWindowOpensWithItsTitle() {
    assertEquals("AuditDesk", stage.getTitle());
    verifyThat("#app-title", isVisible());
  }
}
