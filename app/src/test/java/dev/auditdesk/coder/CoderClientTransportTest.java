package dev.auditdesk.coder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.auditdesk.DemoDeployments;
import dev.auditdesk.coder.CoderException.Kind;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.Deployment;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Where the client is willing to send a password or a session token. */
class CoderClientTransportTest {

  @RegisterExtension final DemoDeployments demos = new DemoDeployments();

  /** Requests a test server saw: method, path and whether a session token came with it. */
  private final List<String> seen = new CopyOnWriteArrayList<>();

  private HttpServer server() throws IOException {
    HttpServer h = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
    h.createContext(
        "/",
        ex -> {
          seen.add(
              ex.getRequestMethod()
                  + " "
                  + ex.getRequestURI().getPath()
                  + (ex.getRequestHeaders().containsKey("Coder-Session-Token") ? " +token" : ""));
          ex.getRequestBody().readAllBytes();
          route(ex);
        });
    h.start();
    demos.closeAfter(() -> h.stop(0));
    return h;
  }

  private DemoServer target;

  private void route(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    if (path.startsWith("/moved/")) {
      byte[] body =
          "{\"version\":\"v2.27.1\",\"deployment_id\":\"moved-here\"}"
              .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
    } else if (path.startsWith("/same/")) {
      redirect(ex, 307, "/moved/" + path.substring("/same/".length()));
    } else if (path.startsWith("/otherport/")) {
      redirect(ex, 307, target.url() + "/" + path.substring("/otherport/".length()));
    } else if (path.startsWith("/post/")) {
      redirect(ex, 302, "/moved/" + path.substring("/post/".length()));
    } else {
      ex.sendResponseHeaders(404, -1);
    }
    ex.close();
  }

  private static void redirect(HttpExchange ex, int status, String location) throws IOException {
    ex.getResponseHeaders().set("Location", location);
    ex.sendResponseHeaders(status, -1);
  }

  private URI base(HttpServer h, String prefix) {
    return URI.create("http://127.0.0.1:" + h.getAddress().getPort() + "/" + prefix);
  }

  @Test
  void aRedirectOnTheSameSchemeHostAndPortIsFollowed() throws Exception {
    HttpServer h = server();
    assertEquals("moved-here", demos.client(base(h, "same")).buildInfo().deploymentId());
    assertEquals(List.of("GET /same/api/v2/buildinfo", "GET /moved/api/v2/buildinfo"), seen);
  }

  @Test
  void aRedirectToAnotherPortOfTheSameHostIsRefusedAndTheTokenStaysHome() throws Exception {
    target = demos.start(DemoConfig.defaults().withEvents(10));
    HttpServer h = server();
    CoderClient c = demos.client(base(h, "otherport"));
    c.useToken(new SessionToken("AbCdEfGhIj-0123456789abcdefghijKL"));
    CoderException e = assertThrows(CoderException.class, c::me);
    assertEquals(Kind.NOT_CODER, e.kind());
    assertTrue(e.userMessage().contains("same scheme, host and port"), e.userMessage());
    assertEquals(0, target.auditRequests());
    assertEquals(List.of("GET /otherport/api/v2/users/me +token"), seen);
  }

  @Test
  void aSignInAnsweredWithARedirectIsNeverSentAgain() throws Exception {
    HttpServer h = server();
    CoderClient c = demos.client(base(h, "post"));
    CoderException e =
        assertThrows(CoderException.class, () -> c.login("a@b.c", "a password".toCharArray()));
    assertEquals(Kind.NOT_CODER, e.kind());
    assertTrue(e.userMessage().contains("POST with a redirect"), e.userMessage());
    assertEquals(List.of("POST /post/api/v2/users/login"), seen);
  }

  @Test
  void plainHttpToAnotherComputerIsRefusedBeforeAnyConnection() {
    Deployment remote = Deployment.parse("http://coder.example.invalid");
    CoderException e =
        assertThrows(
            CoderException.class, () -> CoderClient.create(remote, ClientOptions.defaults()));
    assertEquals(Kind.INSECURE, e.kind());
    assertTrue(e.userMessage().contains("https://"), e.userMessage());
    assertTrue(e.userMessage().contains("--insecure-http"), e.userMessage());
  }

  @Test
  void plainHttpIsAllowedOnThisComputerOrWhenTheUserSaysSo() throws Exception {
    for (String local :
        List.of("http://localhost:1", "http://127.0.0.1:1", "http://[::1]:1", "http://127.8.9.1")) {
      assertTrue(Deployment.parse(local).isLoopback(), local);
      CoderClient.create(Deployment.parse(local), ClientOptions.defaults()).close();
    }
    Deployment remote = Deployment.parse("http://coder.example.invalid");
    CoderClient.create(remote, ClientOptions.defaults().withAllowClearText(true)).close();
    assertTrue(remote.isClearText());
    assertTrue(!Deployment.parse("https://coder.example.invalid").isClearText());
    assertTrue(!Deployment.parse("http://127.example.com").isLoopback());
  }
}
