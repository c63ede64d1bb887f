package dev.auditdesk.coder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.coder.CoderException.Kind;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.Deployment;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS against the demo deployment with committed test certificates (see
 * src/test/resources/dev/auditdesk/coder/tls: a test CA, a server certificate for 127.0.0.1, one
 * expired in 2020 and one for another host name; all keystores use the password "changeit").
 */
class CoderClientTlsTest {

  @TempDir Path tmp;
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private DemoServer https(String keystore) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = getClass().getResourceAsStream("tls/" + keystore + ".p12")) {
      ks.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    DemoServer s = DemoServer.start(DemoConfig.defaults().withEvents(50).withTls(ctx));
    open.add(s);
    return s;
  }

  private Path caBundle() throws Exception {
    Path pem = tmp.resolve("company-ca.pem");
    try (InputStream in = getClass().getResourceAsStream("tls/ca.pem")) {
      // Text around the certificate, as openssl writes it, must not matter.
      Files.writeString(pem, "subject=CN = AuditDesk Test CA\n" + new String(in.readAllBytes()));
    }
    return pem;
  }

  private CoderClient client(URI url, ClientOptions o) throws CoderException {
    CoderClient c = CoderClient.create(new Deployment(url, ""), o);
    open.add(c);
    return c;
  }

  @Test
  void aCertificateFromAnUnknownAuthorityIsATlsFailure() throws Exception {
    DemoServer s = https("server");
    CoderException e =
        assertThrows(
            CoderException.class, () -> client(s.url(), ClientOptions.defaults()).buildInfo());
    assertEquals(Kind.TLS, e.kind());
    assertTrue(e.userMessage().contains("not signed by an authority"), e.userMessage());
  }

  @Test
  void aPemCaBundleMakesThePrivateAuthorityTrusted() throws Exception {
    DemoServer s = https("server");
    CoderClient c = client(s.url(), ClientOptions.defaults().withCaBundle(caBundle()));
    assertTrue(c.buildInfo().version().startsWith("v2."));
    c.login(s.email(), s.password().toCharArray());
    assertEquals(10, c.auditPage("", 10, 0).events().size());
  }

  @Test
  void aCertificateForAnotherHostIsATlsFailureEvenWhenTrusted() throws Exception {
    DemoServer s = https("wronghost");
    CoderException e =
        assertThrows(
            CoderException.class,
            () -> client(s.url(), ClientOptions.defaults().withCaBundle(caBundle())).buildInfo());
    assertEquals(Kind.TLS, e.kind());
    assertTrue(e.userMessage().contains("different address"), e.userMessage());
  }

  @Test
  void anExpiredCertificateIsReportedAsExpired() throws Exception {
    DemoServer s = https("expired");
    CoderException e =
        assertThrows(
            CoderException.class,
            () -> client(s.url(), ClientOptions.defaults().withCaBundle(caBundle())).buildInfo());
    assertEquals(Kind.TLS, e.kind());
    assertTrue(e.userMessage().contains("expired"), e.userMessage());
  }

  @Test
  void onlyTheScaryOptionSkipsCertificateChecks() throws Exception {
    DemoServer s = https("wronghost");
    CoderClient c =
        client(s.url(), ClientOptions.defaults().withDangerouslyTrustAnyCertificate(true));
    assertTrue(c.buildInfo().version().startsWith("v2."));
  }

  @Test
  void httpsToAPlainHttpPortSaysSo() throws Exception {
    // A plain HTTP server answers the TLS greeting with an HTTP error, as Go's and nginx's do.
    try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread t =
          new Thread(
              () -> {
                try (Socket s = plain.accept()) {
                  s.getInputStream().read(new byte[512]);
                  s.getOutputStream()
                      .write(
                          "HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n"
                              .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                  // The test fails on the client side if this goes wrong.
                }
              });
      t.setDaemon(true);
      t.start();
      URI url = URI.create("https://127.0.0.1:" + plain.getLocalPort());
      CoderException e =
          assertThrows(
              CoderException.class, () -> client(url, ClientOptions.defaults()).buildInfo());
      assertEquals(Kind.TLS, e.kind());
      assertTrue(e.userMessage().contains("does not speak HTTPS"), e.userMessage());
    }
  }

  @Test
  void anUnreadableCaBundleIsReportedWhenTheClientIsCreated() throws Exception {
    Path notPem = tmp.resolve("notes.txt");
    Files.writeString(notPem, "this is not a certificate");
    CoderException e =
        assertThrows(
            CoderException.class,
            () ->
                CoderClient.create(
                    Deployment.parse("https://coder.example.com"),
                    ClientOptions.defaults().withCaBundle(notPem)));
    assertEquals(Kind.TLS, e.kind());
    assertTrue(e.userMessage().contains("contains no certificate"), e.userMessage());
    CoderException missing =
        assertThrows(
            CoderException.class,
            () ->
                CoderClient.create(
                    Deployment.parse("https://coder.example.com"),
                    ClientOptions.defaults().withCaBundle(tmp.resolve("missing.pem"))));
    assertTrue(missing.userMessage().contains("could not be read"), missing.userMessage());
  }
}
