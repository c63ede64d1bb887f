package dev.auditdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auditdesk.ExitCodes;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.export.Importer;
import dev.auditdesk.format.AuditEventJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export and import commands, run as a user would, on a real H2 cache in a temp folder. */
class ExportImportCommandTest {

  @TempDir Path dir;
  Path caches;
  Path events;
  final List<ObjectNode> written = new ArrayList<>();

  static final String[] ACTIONS = {"create", "write", "delete", "login", "auto_off"};
  static final String[] USERS = {"alice", "bob", "carol"};

  @BeforeEach
  void auditFile() throws IOException {
    caches = dir.resolve("caches");
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      ObjectNode n = AuditEventJson.mapper().createObjectNode();
      n.put("id", String.format("00000000-0000-0000-0000-%012d", i));
      n.put("time", Instant.parse("2026-10-31T23:00:00Z").minusSeconds(3600L * i).toString());
      n.put("action", ACTIONS[i % ACTIONS.length]);
      n.put("resource_type", i % 2 == 0 ? "workspace" : "template");
      n.put("resource_target", "target-" + (i % 7));
      n.put("status_code", 200);
      n.put("user_agent", i % 10 == 0 ? "=cmd|' /C calc'!A0" : "coder-cli");
      n.putObject("user").put("id", "u" + (i % 3)).put("username", USERS[i % 3]);
      written.add(n);
      b.append(n).append('\n');
      if (i == 100) {
        b.append("this is not json\n");
      }
    }
    events = dir.resolve("events.ndjson");
    Files.writeString(events, b);
  }

  private CliRun importEvents() {
    return CliRun.run(
        "import",
        "--cache",
        caches.toString(),
        "--deployment",
        "Q4 archive",
        "--json",
        events.toString());
  }

  @Test
  void importReportsImportedDuplicatesAndBadLinesWithTheirNumbers() throws Exception {
    CliRun first = importEvents();
    assertEquals(ExitCodes.OK, first.exit(), first.err());
    assertTrue(first.err().contains("events.ndjson line 102: not valid JSON"), first.err());
    JsonNode j = AuditEventJson.mapper().readTree(first.out());
    assertEquals(500, j.path("imported").asLong());
    assertEquals(0, j.path("duplicates").asLong());
    assertEquals(1, j.path("bad_lines").asLong());
    assertEquals(102, j.path("bad").get(0).path("line").asLong());
    assertEquals("import://q4-archive", j.path("deployment").asText());

    CliRun again = importEvents();
    JsonNode j2 = AuditEventJson.mapper().readTree(again.out());
    assertEquals(0, j2.path("imported").asLong(), again.out() + again.err());
    assertEquals(500, j2.path("duplicates").asLong(), again.out() + again.err());
  }

  @Test
  void exportWritesOnlyTheFilteredEventsAndVerifies() throws Exception {
    assertEquals(ExitCodes.OK, importEvents().exit());
    Path out = dir.resolve("alice-deletes.csv");
    CliRun r =
        export(
            "--deployment",
            "Q4 archive",
            "--format",
            "csv",
            "--out",
            out.toString(),
            "--action",
            "delete",
            "--action",
            "create",
            "--user",
            "alice",
            "--from",
            "2026-10-20",
            "--to",
            "2026-10-30",
            "--json");
    assertEquals(ExitCodes.OK, r.exit(), r.err());
    Instant from = Instant.parse("2026-10-20T00:00:00Z");
    Instant to = Instant.parse("2026-10-31T00:00:00Z");
    List<String> expected =
        written.stream()
            .filter(n -> List.of("delete", "create").contains(n.path("action").asText()))
            .filter(n -> n.path("user").path("username").asText().equals("alice"))
            .filter(
                n -> {
                  Instant t = Instant.parse(n.path("time").asText());
                  return !t.isBefore(from) && t.isBefore(to);
                })
            .map(n -> n.path("id").asText())
            .toList();
    assertFalse(expected.isEmpty());
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertEquals(
        expected, lines.stream().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList());
    JsonNode summary = AuditEventJson.mapper().readTree(r.out());
    assertEquals(expected.size(), summary.path("rows").asLong());
    assertTrue(summary.path("filter").asText().contains("username:alice"), r.out());
    assertFalse(Files.readString(out).contains(",=cmd"), "formula neutralised");

    assertEquals(ExitCodes.OK, CliRun.run("verify", out.toString()).exit());
    Files.writeString(out, Files.readString(out).replace("alice", "alicf"));
    assertEquals(ExitCodes.VERIFY_FAILED, CliRun.run("verify", out.toString()).exit());
  }

  @Test
  void exportWithQueryLanguageAndTheOnlyCachedDeploymentNeedsNoUrl() throws Exception {
    assertEquals(ExitCodes.OK, importEvents().exit());
    Path out = dir.resolve("q.ndjson");
    CliRun r =
        export(
            "--format",
            "ndjson",
            "--out",
            out.toString(),
            "--query",
            "action:auto_off resource_type:workspace");
    assertEquals(ExitCodes.OK, r.exit(), r.err());
    long expected =
        written.stream()
            .filter(n -> n.path("action").asText().equals("auto_off"))
            .filter(n -> n.path("resource_type").asText().equals("workspace"))
            .count();
    assertEquals(expected, Files.readAllLines(out).size());
    for (String line : Files.readAllLines(out)) {
      assertEquals("auto_off", AuditEventJson.mapper().readTree(line).path("action").asText());
    }
  }

  @Test
  void exportSortsByTheColumnAskedFor() throws Exception {
    assertEquals(ExitCodes.OK, importEvents().exit());
    Path out = dir.resolve("by-user.csv");
    CliRun r =
        export(
            "--deployment",
            "Q4 archive",
            "--format",
            "csv",
            "--out",
            out.toString(),
            "--sort",
            "user:desc");
    assertEquals(ExitCodes.OK, r.exit(), r.err());
    List<String> users =
        Files.readAllLines(out, StandardCharsets.UTF_8).stream()
            .skip(1)
            .map(l -> l.split(",", -1)[2])
            .toList();
    assertEquals(500, users.size());
    List<String> sorted = new java.util.ArrayList<>(users);
    sorted.sort(java.util.Comparator.comparing((String u) -> u.toLowerCase()).reversed());
    assertEquals(sorted, users, "rows in descending user order");
    assertTrue(!users.get(0).equals(users.get(users.size() - 1)), "more than one user");

    CliRun bad =
        export(
            "--deployment",
            "Q4 archive",
            "--format",
            "csv",
            "--out",
            out.toString(),
            "--sort",
            "colour");
    assertEquals(ExitCodes.USAGE, bad.exit());
    assertTrue(bad.err().contains("Unknown --sort column"), bad.err());
  }

  @Test
  void usageErrorsExitTwoWithAPlainMessage() throws Exception {
    assertEquals(ExitCodes.OK, importEvents().exit());
    String x = dir.resolve("x.csv").toString();
    CliRun badFormat = export("--out", x, "--format", "xlsx");
    assertEquals(ExitCodes.USAGE, badFormat.exit());
    assertTrue(badFormat.err().contains("not an export format"), badFormat.err());
    CliRun badDate = export("--out", x, "--format", "csv", "--from", "yesterday");
    assertEquals(ExitCodes.USAGE, badDate.exit());
    assertTrue(badDate.err().contains("--from \"yesterday\" is not a date"), badDate.err());
    CliRun badQuery = export("--out", x, "--format", "csv", "--query", "colour:red");
    assertEquals(ExitCodes.USAGE, badQuery.exit());
    assertTrue(badQuery.err().contains("not a search key"), badQuery.err());
    CliRun noFolder = export("--format", "csv", "--out", dir.resolve("missing/x.csv").toString());
    assertEquals(ExitCodes.USAGE, noFolder.exit());
    assertTrue(noFolder.err().contains("does not exist"), noFolder.err());
    assertEquals(ExitCodes.USAGE, CliRun.run("export", "--format", "csv").exit());
    CliRun tokenArg = export("--out", x, "--format", "csv", "--token", "secret-token");
    assertEquals(ExitCodes.USAGE, tokenArg.exit());
    CliRun missingFile =
        CliRun.run("import", "--cache", caches.toString(), dir.resolve("no.ndjson").toString());
    assertEquals(ExitCodes.USAGE, missingFile.exit());
    Path junk = dir.resolve("junk.txt");
    Files.writeString(junk, "hello\nworld\n");
    CliRun notAudit = CliRun.run("import", "--cache", caches.toString(), junk.toString());
    assertEquals(ExitCodes.USAGE, notAudit.exit());
    assertTrue(notAudit.err().contains("line 1"), notAudit.err());
    try (Stream<Path> files = Files.list(dir)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("x.csv")));
    }
  }

  @Test
  void aMissingCorruptOrLockedCacheExitsFive() throws Exception {
    CliRun none =
        export(
            "--url",
            "https://coder.example.com",
            "--format",
            "csv",
            "--out",
            dir.resolve("x.csv").toString());
    assertEquals(ExitCodes.CACHE, none.exit(), none.err());
    assertTrue(none.err().contains("coder.example.com"), none.err());

    assertEquals(ExitCodes.OK, importEvents().exit());
    try (H2AuditCache held =
        CacheStore.open(
            caches, Importer.deploymentFor("Q4 archive"), CacheStore.OpenMode.READ_WRITE)) {
      CliRun locked = importEvents();
      assertEquals(ExitCodes.CACHE, locked.exit(), locked.err());
      assertTrue(locked.err().toLowerCase().contains("open"), locked.err());
    }

    Path folder = CacheStore.folderFor(caches, Importer.deploymentFor("Q4 archive"));
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".mv.db")).toList()) {
        Files.write(f, "this is no database".getBytes(StandardCharsets.UTF_8));
      }
    }
    CliRun corrupt =
        export(
            "--deployment",
            "Q4 archive",
            "--format",
            "csv",
            "--out",
            dir.resolve("x.csv").toString());
    assertEquals(ExitCodes.CACHE, corrupt.exit(), corrupt.err());
    assertFalse(Files.exists(dir.resolve("x.csv")));
  }

  @Test
  void theJarsCommandLineExitsWithTheSameCodesInASubprocess() throws Exception {
    assertEquals(ExitCodes.OK, importEvents().exit());
    Path out = dir.resolve("sub.json");
    assertEquals(
        ExitCodes.OK,
        subprocess(
            "export", "--cache", caches.toString(), "--format", "json", "--out", out.toString()));
    assertEquals(ExitCodes.OK, subprocess("verify", out.toString()));
    Files.writeString(out, Files.readString(out) + " ");
    assertEquals(ExitCodes.VERIFY_FAILED, subprocess("verify", out.toString()));
    assertEquals(ExitCodes.USAGE, subprocess("export", "--format", "pdf", "--out", out.toString()));
  }

  /** Runs the command in a new JVM, as {@code java -jar auditdesk.jar} would; its exit code. */
  private int subprocess(String... args) throws Exception {
    Process p = CliRun.inNewJvm(dir.resolve("home"), dir.resolve("sub.log"), args);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the command finished");
    return p.exitValue();
  }

  /** {@code export --cache <this test's caches> ARGS}. */
  private CliRun export(String... args) {
    return CliRun.run(concat(new String[] {"export", "--cache", caches.toString()}, args));
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
