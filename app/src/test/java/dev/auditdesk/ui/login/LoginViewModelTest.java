package dev.auditdesk.ui.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.session.Services;
import dev.auditdesk.ui.session.Session;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sign-in steps without a window: the real demo deployment over loopback, a background thread
 * and a single "FX" thread standing in for the JavaFX one (the model's properties live there).
 */
class LoginViewModelTest {

  static DemoServer demo;

  @TempDir Path home;
  final ExecutorService background = Executors.newSingleThreadExecutor();
  final ExecutorService fx = Executors.newSingleThreadExecutor();
  final List<Session> sessions = new CopyOnWriteArrayList<>();
  LoginViewModel vm;

  @BeforeAll
  static void startDemo() {
    System.setProperty("auditdesk.keyring", "off");
    demo = DemoServer.start(DemoConfig.defaults().withPort(0).withEvents(50));
  }

  @AfterAll
  static void stopDemo() {
    demo.close();
  }

  @BeforeEach
  void model() {
    Services services = new Services(home.resolve("config"), home.resolve("caches"));
    vm = new LoginViewModel(services, sessions::add, background, fx);
  }

  @AfterEach
  void close() throws Exception {
    onFx(
        () -> {
          vm.dispose();
          return null;
        });
    for (Session s : sessions) {
      s.cache().close();
      s.api().ifPresent(api -> api.close());
    }
    background.shutdownNow();
    fx.shutdownNow();
  }

  @Test
  void aWrongPasswordIsSaidUnderThePasswordAndSignsNobodyIn() throws Exception {
    fill(demo.url().toString(), demo.email(), "not-the-password");
    onFx(
        () -> {
          vm.signIn();
          return null;
        });
    await("the password error", () -> !vm.passwordErrorProperty().get().isEmpty());
    assertEquals(
        Messages.get("login.error.BAD_CREDENTIALS"), onFx(vm.passwordErrorProperty()::get));
    assertTrue(sessions.isEmpty(), "nobody signed in");
    assertFalse(onFx(vm.busyProperty()::get), "no longer busy");
  }

  @Test
  void theRightPasswordSignsInToTheDeploymentAndForgetsThePassword() throws Exception {
    fill(demo.url().toString(), demo.email(), demo.password());
    onFx(
        () -> {
          vm.signIn();
          return null;
        });
    await("the session", () -> !sessions.isEmpty());
    Session s = sessions.get(0);
    assertTrue(s.online(), "an online session");
    assertEquals(demo.url().toString(), s.deployment().url().toString());
    assertFalse(s.user().isEmpty(), "the user it signed in as");
    assertEquals("", onFx(vm.passwordProperty()::get), "the password is not kept");
    assertEquals("", onFx(vm.passwordErrorProperty()::get));
  }

  @Test
  void anAddressNobodyAnswersIsSaidUnderTheUrl() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    fill("http://127.0.0.1:" + port, demo.email(), demo.password());
    onFx(
        () -> {
          vm.checkUrl();
          return null;
        });
    await("the URL error", () -> !vm.urlErrorProperty().get().isEmpty());
    assertEquals(Messages.get("login.error.UNREACHABLE"), onFx(vm.urlErrorProperty()::get));
    assertFalse(onFx(vm.urlCheckedProperty()::get), "the address is not taken as checked");
  }

  private void fill(String url, String email, String password) throws Exception {
    onFx(
        () -> {
          vm.urlProperty().set(url);
          vm.emailProperty().set(email);
          vm.passwordProperty().set(password);
          return null;
        });
  }

  private <T> T onFx(Supplier<T> s) throws Exception {
    return fx.submit(s::get).get(30, TimeUnit.SECONDS);
  }

  private void await(String what, Supplier<Boolean> condition) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < end) {
      if (onFx(condition)) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("Timed out waiting for " + what);
  }
}
