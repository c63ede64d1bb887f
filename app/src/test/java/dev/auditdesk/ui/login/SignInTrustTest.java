package dev.auditdesk.ui.login;

import static dev.auditdesk.ui.testing.WindowDriver.fx;
import static dev.auditdesk.ui.testing.WindowDriver.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.auditdesk.coder.SessionToken;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.session.TokenStore;
import dev.auditdesk.ui.testing.WindowDriver;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sign-in screen and transport trust: clear text, a company CA, a saved token. */
class SignInTrustTest {

  @TempDir Path home;
  final WindowDriver w = new WindowDriver();
  DemoServer demo;
  HttpServer flaky;

  @AfterEach
  void close() throws Exception {
    w.close();
    if (demo != null) {
      demo.close();
    }
    if (flaky != null) {
      flaky.stop(0);
    }
  }

  private void connect(String url) {
    w.robot.clickOn("#url-field").eraseText(80).write(url).type(KeyCode.ENTER);
  }

  private CheckBox clearText() {
    return w.robot.lookup("#insecure-http").queryAs(CheckBox.class);
  }

  @Test
  void plainHttpToAnotherComputerNeedsATickEachTime() throws Exception {
    w.launch(home);
    connect("http://coder.example.invalid");
    waitFor(
        "the clear-text refusal",
        () -> w.text("#url-error").equals(Messages.get("login.error.INSECURE")));
    assertTrue(fx(() -> clearText().isVisible()), "the checkbox is offered");
    assertFalse(fx(() -> clearText().isSelected()), "and not ticked for the user");

    w.robot.clickOn("#insecure-http");
    w.robot.clickOn("#check-url");
    // Allowed now: the name does not exist, so the connection itself fails.
    waitFor(
        "the connection attempt",
        () -> w.text("#url-error").equals(Messages.get("login.error.UNREACHABLE")));

    connect("http://coder2.example.invalid");
    waitFor(
        "the refusal for the new address",
        () -> w.text("#url-error").equals(Messages.get("login.error.INSECURE")));
    assertFalse(fx(() -> clearText().isSelected()), "consent is not carried to another address");
  }

  @Test
  void aCompanyCertificateIsUsedAndRememberedForItsDeployment() throws Exception {
    demo = DemoServer.start(DemoConfig.defaults().withPort(0).withEvents(200).withTls(tls()));
    Path pem = home.resolve("company-ca.pem");
    try (InputStream in = getClass().getResourceAsStream("/dev/auditdesk/coder/tls/ca.pem")) {
      Files.write(pem, in.readAllBytes());
    }
    w.launch(home);
    connect(demo.url().toString());
    waitFor(
        "the untrusted-certificate error",
        () -> w.text("#url-error").equals(Messages.get("login.error.TLS")));
    assertTrue(Messages.get("login.error.TLS").contains(Messages.get("login.ca.label")));

    w.robot.clickOn("#ca-bundle-field").write(pem.toString());
    w.robot.clickOn("#check-url");
    waitFor("the URL check", () -> w.text("#url-info").startsWith("Coder "));
    w.robot.clickOn("#email-field").write(demo.email());
    w.robot.clickOn("#password-field").write(demo.password()).type(KeyCode.ENTER);
    w.waitForSyncedTable();
    assertEquals(
        pem.toString(),
        w.app.services().connectionSettings().caBundles().get(demo.url().toString()));

    w.close();
    w.launch(home);
    waitFor(
        "the remembered certificate",
        () ->
            pem.toString()
                .equals(
                    fx(() -> w.robot.lookup("#ca-bundle-field").queryAs(TextField.class))
                        .getText()));
  }

  @Test
  void aSavedTokenIsForgottenOnlyWhenTheServerSaysItIsInvalid() throws Exception {
    AtomicInteger meStatus = new AtomicInteger(503);
    flaky = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
    flaky.createContext(
        "/",
        ex -> {
          boolean buildInfo = ex.getRequestURI().getPath().equals("/api/v2/buildinfo");
          byte[] body =
              (buildInfo
                      ? "{\"version\":\"v2.27.1\",\"deployment_id\":\"flaky\"}"
                      : "{\"message\":\"status " + meStatus.get() + "\"}")
                  .getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().set("Content-Type", "application/json");
          ex.sendResponseHeaders(buildInfo ? 200 : meStatus.get(), body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    flaky.start();
    String url = "http://127.0.0.1:" + flaky.getAddress().getPort();
    Deployment d = Deployment.parse(url);
    w.launch(home);
    TokenStore tokens = w.app.services().tokens();
    tokens.save(d, new SessionToken("AbCdEfGhIj-0123456789abcdefghijKL"));

    connect(url);
    waitFor("the URL check", () -> w.text("#url-info").startsWith("Coder "));
    assertTrue(tokens.load(d).isPresent(), "a 503 says nothing about the token: kept");

    meStatus.set(401);
    w.robot.clickOn("#check-url");
    waitFor("the token to be forgotten", () -> tokens.load(d).isEmpty());
  }

  private static SSLContext tls() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in =
        SignInTrustTest.class.getResourceAsStream("/dev/auditdesk/coder/tls/server.p12")) {
      ks.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }
}
