package dev.auditdesk.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.DemoDeployments;
import dev.auditdesk.cli.AuditDeskCli;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.SortOrder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill tests: a real child JVM syncing, exporting, compacting or migrating is killed with SIGKILL
 * at a random point; then the cache must open, hold every event committed before the kill, and the
 * next sync must complete to exactly the server's events; an export must leave the old file or a
 * complete new one under its name, never half of one. 3 kills per operation in the normal suite;
 * {@code -Dauditdesk.killRuns=20} for the figures in docs/SECURITY.md.
 */
class CrashSafetyTest {

  static final int RUNS = Integer.getInteger("auditdesk.killRuns", 3);
  static final long SEED = Long.getLong("auditdesk.killSeed", System.nanoTime());
  static final int EVENTS = 3_000;
  static final int PAGE = 300;

  @TempDir Path dir;
  @RegisterExtension final DemoDeployments demos = new DemoDeployments();

  private final Random random = new Random(SEED);
  private final Map<String, Integer> phases = new TreeMap<>();
  private DemoServer server;
  private Deployment deployment;
  private Path password;
  private Path reference;
  private Set<String> serverIds;

  @BeforeEach
  void syncAReferenceCache() throws Exception {
    server = demos.start(DemoConfig.defaults().withEvents(EVENTS));
    deployment = new Deployment(server.url(), "");
    password = Files.writeString(dir.resolve("pw"), server.password() + "\n");
    reference = dir.resolve("reference");
    assertEquals(0, sync(reference), "the reference sync");
    serverIds = ids(reference);
    assertEquals(EVENTS, serverIds.size());
  }

  @Test
  void aSyncKilledAnywhereKeepsWhatItCommittedAndTheNextSyncCompletes() throws Exception {
    int pages = EVENTS / PAGE + 1;
    for (int run = 0; run < RUNS; run++) {
      Path root = dir.resolve("sync-" + run);
      int before = server.auditRequests();
      int target = random.nextInt(pages + 1); // 0: killed before its first page arrives
      Process child = inNewJvm(root, "dev.auditdesk.Main", syncArgs(root));
      long deadline = System.currentTimeMillis() + 60_000;
      while (child.isAlive()
          && server.auditRequests() - before < target
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(2);
      }
      Thread.sleep(random.nextInt(target == 0 ? 1_500 : 120));
      Set<String> committed = target == 0 ? Set.of() : idsWhileInUse(root);
      int served = server.auditRequests() - before;
      String phase =
          !child.isAlive()
              ? "finished before the kill"
              : served == 0 ? "before the first page" : "after " + pageBucket(served) + " pages";
      kill(child);
      tally("sync: " + phase);
      Set<String> after = idsOnceUnlocked(root);
      assertTrue(after.containsAll(committed), "events committed before the kill were lost");
      assertTrue(serverIds.containsAll(after), "only the server's events");
      assertEquals(0, sync(root), "the next sync");
      assertEquals(serverIds, ids(root), "the next sync completes the history");
    }
    report("sync");
  }

  @Test
  void anExportKilledAnywhereLeavesTheOldFileOrACompleteNewOne() throws Exception {
    Path root = dir.resolve("export-cache");
    copy(reference, root);
    Path out = dir.resolve("exports").resolve("view.csv");
    Files.createDirectories(out.getParent());
    // The export already there: a filtered one, so it differs from every new one.
    assertEquals(0, AuditDeskCli.run(exportArgs(root, out, "--action", "login")));
    byte[] old = Files.readAllBytes(out);
    // When a child starts writing and when it is done, to aim the kills at the writing.
    long[] window = exportWindow(root, dir.resolve("calibration").resolve("view.csv"));
    for (int run = 0; run < RUNS; run++) {
      Process child = inNewJvm(dir.resolve("home"), "dev.auditdesk.Main", exportArgs(root, out));
      long from = window[0] * 4 / 5;
      Thread.sleep(from + random.nextInt((int) Math.max(1, window[1] * 11 / 10 - from)));
      String phase =
          !child.isAlive()
              ? "ended before the kill (exit " + child.exitValue() + ")"
              : partFileIn(out) ? "while writing" : "before writing began";
      kill(child);
      byte[] now = Files.readAllBytes(out);
      boolean complete = java.util.Arrays.equals(old, now) || completeCsv(now, EVENTS);
      assertTrue(complete, "a half-written export under the final name (" + phase + ")");
      tally("export: " + phase + (java.util.Arrays.equals(old, now) ? ", old file" : ", new file"));
      assertEquals(serverIds, ids(root), "the cache it read from opens whole");
      if (!java.util.Arrays.equals(old, now)) {
        old = now;
      }
    }
    assertEquals(0, AuditDeskCli.run(exportArgs(root, out)), "the next export");
    assertEquals(0, AuditDeskCli.run("verify", out.toString()), "and it verifies");
    report("export");
  }

  @Test
  void aCompactionKilledAnywhereKeepsEveryEvent() throws Exception {
    long compactMillis = timed(reference, H2AuditCache::compact);
    for (int run = 0; run < RUNS; run++) {
      Path root = dir.resolve("compact-" + run);
      copy(reference, root);
      Process child = inNewJvm(root, CrashChild.class.getName(), childArgs("compact", root));
      List<String> out = ChildOutput.of(child);
      ChildOutput.awaitLine(child, out, "compact 1 start");
      Thread.sleep(random.nextInt((int) (3 * compactMillis) + 1));
      kill(child);
      String last = lastLine(out);
      tally(
          "compaction: "
              + (last.endsWith("start") ? "killed while compacting" : "killed between two"));
      assertEquals(serverIds, ids(root), "every event survives");
      assertEquals(0, sync(root), "the next sync");
      assertEquals(serverIds, ids(root));
    }
    report("compaction");
  }

  @Test
  void aMigrationKilledAnywhereOpensAndUpgradesNextTime() throws Exception {
    Path old = dir.resolve("schema-3");
    copy(reference, old);
    toSchema3(old);
    // The kill window: a cold child opens slower than this warm JVM does.
    Path probe = dir.resolve("probe");
    copy(old, probe);
    long openMillis = 2 * timed(probe, c -> {});
    for (int run = 0; run < RUNS; run++) {
      Path root = dir.resolve("migrate-" + run);
      copy(old, root);
      Process child = inNewJvm(root, CrashChild.class.getName(), childArgs("open", root));
      List<String> out = ChildOutput.of(child);
      ChildOutput.awaitLine(child, out, "opening");
      Thread.sleep(random.nextInt((int) (openMillis * 5 / 4) + 1));
      kill(child);
      String last = lastLine(out);
      tally(
          "migration: "
              + (last.startsWith("opening")
                  ? "killed while opening/migrating"
                  : "after it opened"));
      assertEquals(serverIds, ids(root), "every event survives");
      try (Connection c = DriverManager.getConnection(jdbc(root), "sa", "")) {
        assertEquals(Migrations.latest(), Migrations.current(c), "upgraded on the next open");
      }
      assertEquals(0, sync(root), "the next sync");
      assertEquals(serverIds, ids(root));
    }
    report("migration (child opens in about " + openMillis + " ms)");
  }

  // ---------------------------------------------------------------------------------------------

  private String[] syncArgs(Path root) {
    return new String[] {
      "sync",
      "--url",
      server.url().toString(),
      "--email",
      server.email(),
      "--password-file",
      password.toString(),
      "--cache",
      root.toString(),
      "--page-size",
      Integer.toString(PAGE)
    };
  }

  private int sync(Path root) {
    return AuditDeskCli.run(syncArgs(root));
  }

  private String[] exportArgs(Path root, Path out, String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "export",
                "--cache",
                root.toString(),
                "--url",
                server.url().toString(),
                "--format",
                "csv",
                "--out",
                out.toString()));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  private String[] childArgs(String mode, Path root) {
    return new String[] {mode, root.toString(), server.url().toString()};
  }

  /** Every event id in the cache under {@code root}, opened for writing as the app would. */
  private Set<String> ids(Path root) throws CacheException {
    Set<String> ids = new HashSet<>();
    List<String> all = new ArrayList<>();
    try (H2AuditCache c = CacheStore.open(root, deployment, CacheStore.OpenMode.READ_WRITE)) {
      c.forEach(AuditQuery.ALL, SortOrder.NEWEST_FIRST, (AuditEvent e) -> all.add(e.id()));
    }
    ids.addAll(all);
    assertEquals(all.size(), ids.size(), "no event is stored twice");
    return ids;
  }

  /**
   * {@link #ids} once the file lock is free. The 20-run bench once found the file still locked
   * right after a killed sync child had been reaped (not reproduced since); such a wait is counted
   * in the tally rather than hidden, and a lock held longer than 10 s fails the test.
   */
  private Set<String> idsOnceUnlocked(Path root) throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    while (true) {
      try {
        return ids(root);
      } catch (CacheException e) {
        if (e.problem() != CacheException.Problem.LOCKED || System.currentTimeMillis() > deadline) {
          throw e;
        }
        tally("sync: file still locked just after the kill (waited)");
        Thread.sleep(200);
      }
    }
  }

  /** What a reader sees committed while the child still writes (a snapshot copy). */
  private Set<String> idsWhileInUse(Path root) {
    Set<String> ids = new HashSet<>();
    // A copy of the file, so this JVM never opens (and never locks) the one the child writes: an
    // open of the live file here once raced the child's first open and kept it locked.
    Path copyRoot;
    try {
      Path live = CacheStore.folderFor(root, deployment);
      copyRoot = Files.createTempDirectory(dir, "seen-");
      Path folder = CacheStore.folderFor(copyRoot, deployment);
      Files.createDirectories(folder);
      Files.copy(
          live.resolve(H2AuditCache.DB_NAME + ".mv.db"),
          folder.resolve(H2AuditCache.DB_NAME + ".mv.db"));
    } catch (java.io.IOException | RuntimeException notYet) {
      return ids; // no cache file yet: nothing is known to be committed
    }
    try (H2AuditCache c = CacheStore.open(copyRoot, deployment, CacheStore.OpenMode.READ_ONLY)) {
      c.forEach(AuditQuery.ALL, SortOrder.NEWEST_FIRST, (AuditEvent e) -> ids.add(e.id()));
    } catch (CacheException | RuntimeException notYet) {
      // No cache file yet, or caught mid-creation: nothing is known to be committed.
    }
    return ids;
  }

  private interface CacheWork {
    void on(H2AuditCache c) throws Exception;
  }

  private long timed(Path root, CacheWork work) throws Exception {
    long start = System.nanoTime();
    try (H2AuditCache c = CacheStore.open(root, deployment, CacheStore.OpenMode.READ_WRITE)) {
      work.on(c);
    }
    return Math.max(20, (System.nanoTime() - start) / 1_000_000);
  }

  private static String pageBucket(int served) {
    return served <= 4 ? "1-4" : served <= 8 ? "5-8" : "9+";
  }

  /** Milliseconds from start to the first sight of the temporary file, and to the exit. */
  private long[] exportWindow(Path root, Path out) throws Exception {
    Files.createDirectories(out.getParent());
    long start = System.nanoTime();
    Process child = inNewJvm(dir.resolve("home"), "dev.auditdesk.Main", exportArgs(root, out));
    long part = -1;
    while (child.isAlive()) {
      if (part < 0 && partFileIn(out)) {
        part = (System.nanoTime() - start) / 1_000_000;
      }
      Thread.sleep(1);
    }
    long end = (System.nanoTime() - start) / 1_000_000;
    assertEquals(0, child.exitValue(), "the calibration export");
    return new long[] {part < 0 ? end / 2 : part, end};
  }

  private static boolean partFileIn(Path out) throws IOException {
    try (Stream<Path> files = Files.list(out.getParent())) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(".part"));
    }
  }

  /** A CSV export of {@code events} rows that ends where a complete one ends. */
  private static boolean completeCsv(byte[] bytes, int events) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    long lines = text.chars().filter(ch -> ch == '\n').count();
    return text.endsWith("\r\n") && lines == events + 1L;
  }

  private static void kill(Process child) throws InterruptedException {
    child.destroyForcibly(); // SIGKILL on Linux and macOS: no shutdown hook runs
    assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child died");
  }

  private static String lastLine(List<String> out) {
    return out.isEmpty() ? "" : out.get(out.size() - 1);
  }

  /** A child JVM with its own home; output to a pipe (for markers) or a log file. */
  private Process inNewJvm(Path home, String main, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xshare:auto");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("-Dauditdesk.home=" + dir.resolve("home"));
    cmd.add(main);
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    if (!main.equals(CrashChild.class.getName())) {
      pb.redirectOutput(dir.resolve("child.log").toFile());
    }
    return pb.start();
  }

  private void tally(String phase) {
    phases.merge(phase, 1, Integer::sum);
  }

  /** Prints the kills by phase, and appends them to target/crash-safety.txt for the docs. */
  private void report(String what) throws IOException {
    Map<String, Integer> copy = new LinkedHashMap<>(phases);
    String line =
        what + ": " + RUNS + " kills (seed " + SEED + "), all recovered; by phase: " + copy;
    System.out.println(line);
    Path target = Path.of("target");
    if (Files.isDirectory(target)) {
      Files.writeString(
          target.resolve("crash-safety.txt"),
          line + System.lineSeparator(),
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
  }

  private String jdbc(Path root) {
    return "jdbc:h2:file:" + CacheStore.folderFor(root, deployment).resolve("cache");
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Files.copy(p, to.resolve(from.relativize(p).toString()));
      }
    }
  }

  /** Turns a current cache back into what cache format 3 wrote (as CacheStoreTest does). */
  private void toSchema3(Path root) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbc(root), "sa", "");
        Statement s = c.createStatement()) {
      StoredJson.unpackAll(c);
      Map<Long, String> resourceOf = new LinkedHashMap<>();
      try (var r = s.executeQuery("SELECT rk, raw FROM event")) {
        while (r.next()) {
          resourceOf.put(r.getLong(1), AuditEventJson.parse(r.getString(2)).resourceId());
        }
      }
      Map<String, Integer> codes = new LinkedHashMap<>();
      resourceOf.values().forEach(v -> codes.putIfAbsent(v, codes.size()));
      s.execute("ALTER TABLE event DROP COLUMN resource_key");
      s.execute("DELETE FROM schema_migration WHERE version > 3");
      s.execute("DELETE FROM meta WHERE k = 'index.stamp'");
      try (var p = c.prepareStatement("INSERT INTO dict VALUES(7, ?, ?)")) {
        for (var e : codes.entrySet()) {
          p.setInt(1, e.getValue());
          p.setString(2, e.getKey());
          p.addBatch();
        }
        p.executeBatch();
      }
      try (var p = c.prepareStatement("UPDATE event SET resource_id = ? WHERE rk = ?")) {
        for (var e : resourceOf.entrySet()) {
          p.setInt(1, codes.get(e.getValue()));
          p.setLong(2, e.getKey());
          p.addBatch();
        }
        p.executeBatch();
      }
      assertEquals(3, Migrations.current(c));
    }
    Files.deleteIfExists(CacheStore.folderFor(root, deployment).resolve(IndexFile.NAME));
  }
}
