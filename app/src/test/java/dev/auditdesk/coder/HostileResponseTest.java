package dev.auditdesk.coder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.auditdesk.DemoDeployments;
import dev.auditdesk.coder.CoderException.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A hostile server on loopback: answers bigger than the client's cap, plain, endless or as a gzip
 * bomb, end in a plain {@link Kind#BAD_RESPONSE}, not an out-of-memory error or a hang.
 */
class HostileResponseTest {

  private static final long CAP = 1 << 20;

  @RegisterExtension final DemoDeployments demos = new DemoDeployments();
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private interface Answer {
    void send(HttpExchange x) throws IOException;
  }

  private CoderClient serve(Answer a) throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        x -> {
          try (x) {
            a.send(x);
          } catch (IOException clientWentAway) {
            // The client stopped reading: exactly what a capped client does.
          }
        });
    server.start();
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    return demos.client(
        url, ClientOptions.defaults().withMaxBodyBytes(CAP).withReadTimeout(Duration.ofSeconds(5)));
  }

  private static void assertTooLarge(CoderException e) {
    assertEquals(Kind.BAD_RESPONSE, e.kind(), e.getMessage());
    assertTrue(e.getMessage().contains("larger than 1 MiB"), e.getMessage());
  }

  @Test
  void aGzipBombIsCountedAtItsInflatedSize() throws Exception {
    // 64 MiB of JSON-looking spaces inside a valid page, about 64 KiB on the wire.
    ByteArrayOutputStream packed = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(packed)) {
      gz.write("{\"count\":0,\"audit_logs\":[".getBytes(StandardCharsets.US_ASCII));
      byte[] spaces = new byte[1 << 20];
      java.util.Arrays.fill(spaces, (byte) ' ');
      for (int i = 0; i < 64; i++) {
        gz.write(spaces);
      }
      gz.write("]}".getBytes(StandardCharsets.US_ASCII));
    }
    byte[] bomb = packed.toByteArray();
    assertTrue(bomb.length < CAP, "the bomb itself is small: " + bomb.length);
    CoderClient c =
        serve(
            x -> {
              x.getResponseHeaders().add("Content-Type", "application/json");
              x.getResponseHeaders().add("Content-Encoding", "gzip");
              x.sendResponseHeaders(200, bomb.length);
              x.getResponseBody().write(bomb);
            });
    c.useToken(new SessionToken("t"));
    assertTooLarge(assertThrows(CoderException.class, () -> c.auditPage("", 100, 0)));
  }

  @Test
  void aDeclaredLengthOverTheCapIsRefusedBeforeReading() throws Exception {
    CoderClient c =
        serve(
            x -> {
              x.getResponseHeaders().add("Content-Type", "application/json");
              x.sendResponseHeaders(200, 100L << 30); // says 100 GiB, sends little
              x.getResponseBody().write("{\"version\":\"v2.1\"}".getBytes(StandardCharsets.UTF_8));
            });
    assertTooLarge(assertThrows(CoderException.class, c::buildInfo));
  }

  @Test
  void anEndlessAnswerStopsAtTheCap() throws Exception {
    CoderClient c =
        serve(
            x -> {
              x.getResponseHeaders().add("Content-Type", "application/json");
              x.sendResponseHeaders(200, 0); // chunked, never ends
              OutputStream out = x.getResponseBody();
              out.write('[');
              byte[] chunk = "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",".repeat(2000).getBytes();
              while (true) {
                out.write(chunk);
              }
            });
    c.useToken(new SessionToken("t"));
    CoderException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20),
            () -> assertThrows(CoderException.class, () -> c.auditPage("", 100, 0)));
    assertTooLarge(e);
  }

  @Test
  void anAnswerUnderTheCapIsReadAsBefore() throws Exception {
    CoderClient c =
        serve(
            x -> {
              byte[] body =
                  ("{\"version\":\"v2.9.0\",\"padding\":\"" + "x".repeat((int) CAP - 100) + "\"}")
                      .getBytes(StandardCharsets.UTF_8);
              x.getResponseHeaders().add("Content-Type", "application/json");
              x.sendResponseHeaders(200, body.length);
              x.getResponseBody().write(body);
            });
    assertEquals("v2.9.0", c.buildInfo().version());
  }
}
