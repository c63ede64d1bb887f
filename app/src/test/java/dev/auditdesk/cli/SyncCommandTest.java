package dev.auditdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.coder.AuditEventJson;
import dev.auditdesk.coder.CoderClient;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.SortOrder;
import dev.auditdesk.sync.SyncEngine;
import dev.auditdesk.sync.SyncSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SyncCommandTest {

  @TempDir Path dir;
  private final List<DemoServer> servers = new ArrayList<>();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @AfterEach
  void stop() {
    servers.forEach(DemoServer::close);
  }

  private DemoServer server(DemoConfig cfg) {
    DemoServer s = DemoServer.start(cfg.withPort(0));
    servers.add(s);
    return s;
  }

  private int run(Map<String, String> env, String... args) {
    CommandLine cl = AuditDeskCli.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    CommandLine sync = cl.getSubcommands().get("sync");
    ((SyncCommand) sync.getCommand()).env = env::get;
    return cl.execute(args);
  }

  private Path file(String name, String content) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, content + "\n");
    return f;
  }

  private Set<String> cachedIds(DemoServer s) throws Exception {
    Set<String> ids = new HashSet<>();
    try (H2AuditCache c =
        CacheStore.open(
            dir.resolve("caches"), new Deployment(s.url(), ""), CacheStore.OpenMode.READ_ONLY)) {
      c.forEach(AuditQuery.ALL, SortOrder.NEWEST_FIRST, e -> ids.add(e.id()));
    }
    return ids;
  }

  @Test
  void syncWithEmailAndPasswordFileFillsTheCacheAndPrintsAJsonSummary() throws Exception {
    DemoServer s = server(DemoConfig.defaults().withEvents(2_500));
    Path pw = file("pw", s.password());
    String[] args = {
      "sync",
      "--url",
      s.url().toString(),
      "--email",
      s.email(),
      "--password-file",
      pw.toString(),
      "--cache",
      dir.resolve("caches").toString(),
      "--json"
    };
    assertEquals(ExitCodes.OK, run(Map.of(), args), err.toString());
    JsonNode summary = AuditEventJson.mapper().readTree(out.toString());
    assertTrue(summary.get("ok").asBoolean());
    assertEquals(2_500, summary.get("new_events").asLong());
    assertEquals(2_500, summary.get("cached_events").asLong());
    assertTrue(summary.get("history_complete").asBoolean());
    assertEquals(s.deploymentId(), summary.get("deployment_id").asText());
    assertTrue(err.toString().contains("2,500 new events"), err.toString());
    assertFalse(err.toString().contains(s.password()));
    assertEquals(2_500, cachedIds(s).size());

    out.getBuffer().setLength(0);
    s.addEvents(7);
    assertEquals(ExitCodes.OK, run(Map.of(), args), err.toString());
    assertEquals(7, AuditEventJson.mapper().readTree(out.toString()).get("new_events").asLong());
  }

  @Test
  void aTokenFromTheEnvironmentOrAFileIsAcceptedButNeverAsAnArgument() throws Exception {
    DemoServer s = server(DemoConfig.defaults().withEvents(600));
    String token;
    try (CoderClient c = CoderClient.create(new Deployment(s.url(), ""))) {
      token = c.login(s.email(), s.password().toCharArray()).reveal();
    }
    String cache = dir.resolve("caches").toString();
    assertEquals(
        ExitCodes.OK,
        run(
            Map.of(SyncCommand.TOKEN_ENV, token),
            "sync",
            "--url",
            s.url().toString(),
            "--cache",
            cache),
        err.toString());
    assertEquals(600, cachedIds(s).size());
    Path tf = file("token", token);
    assertEquals(
        ExitCodes.OK,
        run(
            Map.of(),
            "sync",
            "--url",
            s.url().toString(),
            "--token-file",
            tf.toString(),
            "--cache",
            cache),
        err.toString());
    assertEquals(
        ExitCodes.USAGE,
        run(Map.of(), "sync", "--url", s.url().toString(), "--token", token, "--cache", cache));
  }

  @Test
  void refusedCredentialsExitWithThreeAndAPlainMessage() throws Exception {
    DemoServer s = server(DemoConfig.defaults().withEvents(100));
    String cache = dir.resolve("caches").toString();
    Path wrong = file("wrong", "not-the-password");
    assertEquals(
        ExitCodes.AUTH,
        run(
            Map.of(),
            "sync",
            "--url",
            s.url().toString(),
            "--email",
            s.email(),
            "--password-file",
            wrong.toString(),
            "--cache",
            cache));
    assertTrue(err.toString().toLowerCase().contains("password"), err.toString());
    assertFalse(err.toString().contains("Exception"), err.toString());
    Path pw = file("pw", s.password());
    err.getBuffer().setLength(0);
    assertEquals(
        ExitCodes.AUTH,
        run(
            Map.of(),
            "sync",
            "--url",
            s.url().toString(),
            "--email",
            s.memberEmail(),
            "--password-file",
            pw.toString(),
            "--cache",
            cache));
    assertFalse(err.toString().isBlank());
  }

  @Test
  void anUnreachableServerExitsWithFourAndMissingCredentialsWithTwo() throws Exception {
    int port;
    try (var socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path pw = file("pw", "x");
    assertEquals(
        ExitCodes.NETWORK,
        run(
            Map.of(),
            "sync",
            "--url",
            "http://127.0.0.1:" + port,
            "--email",
            "a@b.c",
            "--password-file",
            pw.toString(),
            "--cache",
            dir.toString()));
    assertEquals(ExitCodes.USAGE, run(Map.of(), "sync", "--url", "http://127.0.0.1:" + port));
    assertTrue(err.toString().contains("AUDITDESK_TOKEN"), err.toString());
  }

  @Test
  void aDamagedCacheExitsWithFiveAndSaysWhatToDo() throws Exception {
    DemoServer s = server(DemoConfig.defaults().withEvents(100));
    Path root = dir.resolve("caches");
    Path folder = CacheStore.folderFor(root, new Deployment(s.url(), s.deploymentId()));
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("cache.mv.db"), "garbage".repeat(500));
    Path pw = file("pw", s.password());
    assertEquals(
        ExitCodes.CACHE,
        run(
            Map.of(),
            "sync",
            "--url",
            s.url().toString(),
            "--email",
            s.email(),
            "--password-file",
            pw.toString(),
            "--cache",
            root.toString()));
    assertTrue(err.toString().contains("Move it aside"), err.toString());
  }

  @Test
  void aSyncProcessKilledMidwayLosesNothingAndTheNextSyncCompletesTheHistory() throws Exception {
    // Request 6 hangs, so the process is killed with five pages committed.
    DemoServer s =
        server(
            DemoConfig.defaults()
                .withEvents(6_000)
                .withSlowDelay(Duration.ofSeconds(60))
                .withFault(6, DemoConfig.Fault.SLOW));
    Path root = dir.resolve("caches");
    Path pw = file("pw", s.password());
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Dauditdesk.home=" + dir.resolve("home"),
                "dev.auditdesk.Main",
                "sync",
                "--url",
                s.url().toString(),
                "--email",
                s.email(),
                "--password-file",
                pw.toString(),
                "--cache",
                root.toString(),
                "--page-size",
                "500")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child.log").toFile())
            .start();
    long deadline = System.currentTimeMillis() + 60_000;
    while (s.auditRequests() < 6 && System.currentTimeMillis() < deadline && p.isAlive()) {
      Thread.sleep(20);
    }
    // The cache writes committed pages to its file at least once a second.
    Thread.sleep(1_500);
    p.destroyForcibly();
    assertTrue(p.waitFor(20, TimeUnit.SECONDS));
    Set<String> afterKill = cachedIds(s);
    assertTrue(
        afterKill.size() >= 2_000 && afterKill.size() < 6_000,
        afterKill.size() + " events survived the kill");
    try (H2AuditCache cache =
            CacheStore.open(root, new Deployment(s.url(), ""), CacheStore.OpenMode.READ_WRITE);
        CoderClient c = CoderClient.create(new Deployment(s.url(), ""))) {
      c.login(s.email(), s.password().toCharArray());
      assertTrue(cache.syncState().historyOffset() >= afterKill.size() - 500);
      new SyncEngine(c, cache, SyncSettings.defaults().withPageSize(500)).run(null, null);
    }
    assertEquals(6_000, cachedIds(s).size());
    assertTrue(cachedIds(s).containsAll(afterKill));
  }
}
