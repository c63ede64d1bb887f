package dev.auditdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.DemoDeployments;
import dev.auditdesk.ExitCodes;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sync} and the network: https only, a company CA, and no session left behind. */
class SyncTrustTest {

  @TempDir Path dir;
  @RegisterExtension final DemoDeployments demos = new DemoDeployments();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = AuditDeskCli.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    ((SyncCommand) cl.getSubcommands().get("sync").getCommand()).env = k -> null;
    return cl.execute(args);
  }

  private String[] passwordSync(DemoServer s, String... more) throws Exception {
    Path pw = dir.resolve("pw");
    Files.writeString(pw, s.password() + "\n");
    List<String> args =
        new ArrayList<>(
            List.of(
                "sync",
                "--url",
                s.url().toString(),
                "--email",
                s.email(),
                "--password-file",
                pw.toString(),
                "--cache",
                dir.resolve("caches").toString()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /** The demo deployment over HTTPS with the committed test certificate for 127.0.0.1. */
  private DemoServer https() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = getClass().getResourceAsStream("/dev/auditdesk/coder/tls/server.p12")) {
      ks.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return demos.start(DemoConfig.defaults().withEvents(300).withTls(ctx));
  }

  private Path companyCa() throws Exception {
    Path pem = dir.resolve("company-ca.pem");
    try (InputStream in = getClass().getResourceAsStream("/dev/auditdesk/coder/tls/ca.pem")) {
      Files.write(pem, in.readAllBytes());
    }
    return pem;
  }

  @Test
  void plainHttpToAnotherComputerExitsWithTwoBeforeAnyConnection() throws Exception {
    Path token = dir.resolve("token");
    Files.writeString(token, "AbCdEfGhIj-0123456789abcdefghijKL\n");
    long started = System.nanoTime();
    int exit =
        run(
            "sync",
            "--url",
            "http://coder.example.invalid",
            "--token-file",
            token.toString(),
            "--cache",
            dir.resolve("caches").toString());
    assertEquals(ExitCodes.USAGE, exit, err.toString());
    assertTrue(err.toString().contains("https://"), err.toString());
    assertTrue(err.toString().contains("--insecure-http"), err.toString());
    // Not even a name lookup: the .invalid name would fail it with exit 4 (network).
    assertTrue((System.nanoTime() - started) / 1_000_000 < 2_000);
    assertTrue(!Files.exists(dir.resolve("caches")), "nothing was created");

    err.getBuffer().setLength(0);
    int allowed =
        run(
            "sync",
            "--url",
            "http://coder.example.invalid",
            "--insecure-http",
            "--token-file",
            token.toString(),
            "--cache",
            dir.resolve("caches").toString());
    assertEquals(ExitCodes.NETWORK, allowed, err.toString());
  }

  @Test
  void helpListsTheCertificateAndInsecureOptions() {
    assertEquals(ExitCodes.OK, run("sync", "--help"));
    assertTrue(out.toString().contains("--ca-bundle=FILE"), out.toString());
    assertTrue(out.toString().contains("--insecure-http"), out.toString());
  }

  @Test
  void aCompanyCertificateAuthorityMakesAnHttpsSyncWorkAndItsAbsenceIsExplained() throws Exception {
    DemoServer s = https();
    assertEquals(ExitCodes.NETWORK, run(passwordSync(s)), err.toString());
    assertTrue(err.toString().contains("not signed by an authority"), err.toString());
    assertTrue(err.toString().contains("--ca-bundle"), err.toString());

    err.getBuffer().setLength(0);
    assertEquals(
        ExitCodes.OK, run(passwordSync(s, "--ca-bundle", companyCa().toString())), err.toString());
    assertTrue(err.toString().contains("300 new events"), err.toString());
  }

  @Test
  void anUnreadableCertificateFileIsAUsageError() throws Exception {
    DemoServer s = demos.start(DemoConfig.defaults().withEvents(10));
    assertEquals(
        ExitCodes.USAGE,
        run(passwordSync(s, "--ca-bundle", dir.resolve("missing.pem").toString())));
    assertTrue(err.toString().contains("missing.pem"), err.toString());
  }

  @Test
  void aPasswordSyncLogsItsSessionOutAndATokenSyncLeavesTheTokenAlone() throws Exception {
    DemoServer s = demos.start(DemoConfig.defaults().withEvents(200));
    assertEquals(ExitCodes.OK, run(passwordSync(s)), err.toString());
    assertEquals(1, s.issuedTokens().size());
    assertEquals(0, s.liveSessions(), "the session sync created was logged out");

    String token = demos.client(s.url()).login(s.email(), s.password().toCharArray()).reveal();
    Path tf = dir.resolve("token");
    Files.writeString(tf, token + "\n");
    assertEquals(
        ExitCodes.OK,
        run(
            "sync",
            "--url",
            s.url().toString(),
            "--token-file",
            tf.toString(),
            "--cache",
            dir.resolve("caches").toString()),
        err.toString());
    assertEquals(1, s.liveSessions(), "a token the user gave stays valid");
  }
}
