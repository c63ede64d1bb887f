package dev.auditdesk.ui.evidence;

import static dev.auditdesk.ui.testing.WindowDriver.waitFor;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.testing.WindowDriver;
import java.nio.file.Path;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Help ▸ Verify this cache in the real window, over the demo deployment synced over HTTP. */
class VerifyCacheWindowTest {

  @TempDir Path home;
  final WindowDriver w = new WindowDriver();

  @AfterEach
  void close() throws Exception {
    System.clearProperty("auditdesk.demo.events");
    w.close();
  }

  @Test
  void helpVerifyThisCacheShowsTheChainWhole() throws Exception {
    System.setProperty("auditdesk.demo.events", "200");
    w.launch(home);
    w.robot.clickOn("#try-demo");
    w.waitForSyncedTable();

    w.robot.clickOn(Messages.get("menu.help")).clickOn(Messages.get("verifyCache.menu"));

    waitFor(
        "the verification's result",
        () ->
            w.robot
                .lookup("#verify-cache-result")
                .tryQueryAs(TextArea.class)
                .map(t -> !t.getText().isEmpty())
                .orElse(false));
    String result = w.robot.lookup("#verify-cache-result").queryAs(TextArea.class).getText();
    assertTrue(
        result.matches(
            "(?s)The audit log's chain is whole: \\d+ links account for all \\d+ events.*"
                + "The connection log's chain is whole: \\d+ links account for all \\d+"
                + " connection rows.*"),
        result);
    assertTrue(
        w.robot.lookup(Messages.get("verifyCache.whole")).tryQuery().isPresent(),
        "the headline says the cache is whole");
  }
}
