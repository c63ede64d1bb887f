package dev.auditdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.auditdesk.DemoDeployments;
import dev.auditdesk.ExitCodes;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.coder.CoderClient;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.format.AuditEventJson;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SyncCommandTest {

  @TempDir Path dir;
  @RegisterExtension final DemoDeployments demos = new DemoDeployments();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Map<String, String> env, String... args) {
    CommandLine cl = AuditDeskCli.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    CommandLine sync = cl.getSubcommands().get("sync");
    ((SyncCommand) sync.getCommand()).env = env::get;
    return cl.execute(args);
  }

  /** {@code sync} signing in with an email and a password file, into {@code cache}. */
  private static String[] passwordSync(
      String url, String email, Path passwordFile, Path cache, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "sync",
                "--url",
                url,
                "--email",
                email,
                "--password-file",
                passwordFile.toString(),
                "--cache",
                cache.toString()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
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
    DemoServer s = demos.start(DemoConfig.defaults().withEvents(2_500));
    Path pw = file("pw", s.password());
    String[] args =
        passwordSync(s.url().toString(), s.email(), pw, dir.resolve("caches"), "--json");
    assertEquals(ExitCodes.OK, run(Map.of(), args), err.toString());
    JsonNode summary = AuditEventJson.mapper().readTree(out.toString());
    assertTrue(summary.get("ok").asBoolean());
    assertEquals(2_500, summary.get("new_events").asLong());
    assertEquals(2_500, summary.get("cached_events").asLong());
    assertTrue(summary.get("history_complete").asBoolean());
    JsonNode proof = summary.get("completeness");
    assertTrue(proof.get("complete").asBoolean(), proof.toString());
    assertEquals(s.visibleEventsPerDay().size(), proof.get("verified_days").asInt());
    assertEquals(0, proof.get("unverified_days").size());
    assertTrue(summary.get("date_windows").asBoolean());
    assertEquals(s.deploymentId(), summary.get("deployment_id").asText());
    assertTrue(err.toString().contains("2,500 new events"), err.toString());
    assertTrue(err.toString().contains("Verified complete through "), err.toString());
    assertFalse(err.toString().contains(s.password()));
    assertEquals(2_500, cachedIds(s).size());

    out.getBuffer().setLength(0);
    s.addEvents(7);
    assertEquals(ExitCodes.OK, run(Map.of(), args), err.toString());
    assertEquals(7, AuditEventJson.mapper().readTree(out.toString()).get("new_events").asLong());
  }

  @Test
  void aTokenFromTheEnvironmentOrAFileIsAcceptedButNeverAsAnArgument() throws Exception {
    DemoServer s = demos.start(DemoConfig.defaults().withEvents(600));
    String token = demos.client(s.url()).login(s.email(), s.password().toCharArray()).reveal();
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
    DemoServer s = demos.start(DemoConfig.defaults().withEvents(100));
    Path cache = dir.resolve("caches");
    Path wrong = file("wrong", "not-the-password");
    assertEquals(
        ExitCodes.AUTH, run(Map.of(), passwordSync(s.url().toString(), s.email(), wrong, cache)));
    assertTrue(err.toString().toLowerCase().contains("password"), err.toString());
    assertFalse(err.toString().contains("Exception"), err.toString());
    Path pw = file("pw", s.password());
    err.getBuffer().setLength(0);
    assertEquals(
        ExitCodes.AUTH,
        run(Map.of(), passwordSync(s.url().toString(), s.memberEmail(), pw, cache)));
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
        run(Map.of(), passwordSync("http://127.0.0.1:" + port, "a@b.c", pw, dir)));
    assertEquals(ExitCodes.USAGE, run(Map.of(), "sync", "--url", "http://127.0.0.1:" + port));
    assertTrue(err.toString().contains("AUDITDESK_TOKEN"), err.toString());
  }

  @Test
  void aDamagedCacheExitsWithFiveAndSaysWhatToDo() throws Exception {
    DemoServer s = demos.start(DemoConfig.defaults().withEvents(100));
    Path root = dir.resolve("caches");
    Path folder = CacheStore.folderFor(root, new Deployment(s.url(), s.deploymentId()));
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("cache.mv.db"), "garbage".repeat(500));
    Path pw = file("pw", s.password());
    assertEquals(
        ExitCodes.CACHE, run(Map.of(), passwordSync(s.url().toString(), s.email(), pw, root)));
    assertTrue(err.toString().contains("Move it aside"), err.toString());
  }

  @Test
  void aSyncProcessKilledMidwayLosesNothingAndTheNextSyncCompletesTheHistory() throws Exception {
    // Request 30 hangs, so the process is killed in the middle of the history's day windows.
    DemoServer s =
        demos.start(
            DemoConfig.defaults()
                .withEvents(6_000)
                .withSlowDelay(Duration.ofSeconds(60))
                .withFault(30, DemoConfig.Fault.SLOW));
    Path root = dir.resolve("caches");
    Path pw = file("pw", s.password());
    Process p =
        CliRun.inNewJvm(
            dir.resolve("home"),
            dir.resolve("child.log"),
            passwordSync(s.url().toString(), s.email(), pw, root, "--page-size", "500"));
    long deadline = System.currentTimeMillis() + 60_000;
    while (s.auditRequests() < 30 && System.currentTimeMillis() < deadline && p.isAlive()) {
      Thread.sleep(20);
    }
    Thread.sleep(300);
    p.destroyForcibly();
    assertTrue(p.waitFor(20, TimeUnit.SECONDS));
    Set<String> afterKill = cachedIds(s);
    assertTrue(
        afterKill.size() >= 500 && afterKill.size() < 6_000,
        afterKill.size() + " events survived the kill");
    Map<java.time.LocalDate, Long> truth = s.visibleEventsPerDay();
    try (H2AuditCache cache =
        CacheStore.open(root, new Deployment(s.url(), ""), CacheStore.OpenMode.READ_WRITE)) {
      assertFalse(cache.dayChecks().isEmpty(), "the days finished before the kill are recorded");
      cache
          .dayChecks()
          .values()
          .forEach(
              d ->
                  assertEquals(
                      truth.get(d.day()), d.serverCount(), "a recorded day is true: " + d));
      assertFalse(cache.completeness().complete());
      CoderClient c = demos.signedIn(s);
      new SyncEngine(c, cache, SyncSettings.defaults().withPageSize(500)).run(null, null);
      assertTrue(cache.completeness().complete(), cache.completeness().toString());
    }
    assertEquals(s.visibleIds(), cachedIds(s));
    assertTrue(cachedIds(s).containsAll(afterKill));
  }
}
