package dev.auditdesk.ui.login;

import static dev.auditdesk.ui.testing.WindowDriver.fx;
import static dev.auditdesk.ui.testing.WindowDriver.waitFor;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.MemoryCacheKeys;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.testing.WindowDriver;
import java.nio.file.Path;
import javafx.scene.control.CheckBox;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Encrypt this computer's copy" on the sign-in screen. The window runs with the keyring off (as on
 * this headless build machine, which has no Secret Service), so what a user without a keyring sees
 * is tested for real; the encrypted cache below gets its key from an in-memory store.
 */
class EncryptCacheCheckboxTest {

  @TempDir Path home;
  final WindowDriver w = new WindowDriver();
  DemoServer demo;

  @AfterEach
  void close() throws Exception {
    w.close();
    if (demo != null) {
      demo.close();
    }
  }

  private CheckBox box() {
    return w.robot.lookup("#encrypt-cache").queryAs(CheckBox.class);
  }

  private void connect(String url) {
    w.robot.clickOn("#url-field").eraseText(80).write(url).type(KeyCode.ENTER);
    waitFor("the URL check", () -> w.text("#url-info").startsWith("Coder "));
  }

  @Test
  void theBoxWarnsShowsTheCachesStateAndRefusesPlainlyWithoutAKeyring() throws Exception {
    demo = DemoServer.start(DemoConfig.defaults().withPort(0).withEvents(200));
    w.launch(home);
    Path caches = w.app.services().cachesRoot();
    Deployment d = Deployment.parse(demo.url().toString());
    connect(demo.url().toString());
    assertFalse(fx(() -> box().isSelected()), "off by default");
    assertFalse(fx(() -> w.robot.lookup("#encrypt-cache-warning").query().isVisible()));

    w.robot.clickOn("#encrypt-cache");
    assertTrue(
        w.text("#encrypt-cache-warning").equals(Messages.get("login.encrypt.warning")),
        "the lost-key warning shows with the tick");
    w.robot.clickOn("#email-field").write(demo.email());
    w.robot.clickOn("#password-field").write(demo.password()).type(KeyCode.ENTER);
    waitFor(
        "the no-keyring refusal",
        () -> w.text("#password-error").contains("No OS keyring is available"));
    assertFalse(w.app.mainView().isPresent(), "no window with a cache it was not asked for");
    assertFalse(CacheStore.isEncrypted(caches, d));

    // A cache encrypted elsewhere (its key is not in this computer's keyring): the box shows it.
    CacheStore.encrypt(caches, d, new MemoryCacheKeys());
    w.robot.clickOn("#url-field").push(KeyCode.CONTROL, KeyCode.A).write(demo.url() + "/");
    waitFor("the box to show the encrypted cache", () -> fx(() -> box().isSelected()));
  }
}
