package dev.auditdesk.insights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.cache.StoredJson;
import dev.auditdesk.coder.CoderClient;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.DiffMarks;
import dev.auditdesk.model.SortOrder;
import dev.auditdesk.sync.SyncEngine;
import dev.auditdesk.sync.SyncListener;
import dev.auditdesk.sync.SyncSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The marks the cache records when it stores an event (a role granted, a secret changed), over a
 * real H2 file synced over loopback from the demo deployment with its planted patterns: recorded by
 * the sync, built once when an older cache is upgraded, kept in step with a changed event, and
 * giving the same findings as reading every candidate's diff.
 */
class InsightsMarksTest {

  @TempDir Path root;
  private DemoServer server;
  private Deployment d;

  @BeforeEach
  void start() {
    server =
        DemoServer.start(
            DemoConfig.defaults()
                .withPort(0)
                .withEvents(9_000)
                .withSeed(3)
                .withHistoryEnd(InsightsDemoTest.END)
                .withInsightPatterns(true));
    d = new Deployment(server.url(), "");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private H2AuditCache open(CacheStore.OpenMode mode) throws Exception {
    return CacheStore.open(root, d, mode);
  }

  private void sync(H2AuditCache cache) throws Exception {
    try (CoderClient c = CoderClient.create(d)) {
      c.login(server.email(), DemoServer.PASSWORD.toCharArray());
      new SyncEngine(c, cache, SyncSettings.defaults()).run(SyncListener.NONE, () -> false);
    }
  }

  /** The cache's H2 file opened directly (the cache is closed). */
  private Connection h2() throws Exception {
    return DriverManager.getConnection(
        "jdbc:h2:" + CacheStore.folderFor(root, d).resolve("cache").toAbsolutePath(), "sa", "");
  }

  /** The marks in the file, by event id. */
  private Map<String, Integer> marksInFile() throws Exception {
    Map<String, Integer> out = new HashMap<>();
    try (Connection c = h2();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT e.id, m.marks FROM event_mark m JOIN event_readable e ON e.rk = m.rk")) {
      while (r.next()) {
        out.put(r.getString(1), r.getInt(2));
      }
    }
    return out;
  }

  /** The marks every stored event's diff earns, decided from the events read back. */
  private static Map<String, Integer> marksOfEvents(H2AuditCache cache) {
    Map<String, Integer> out = new HashMap<>();
    cache.forEach(
        AuditQuery.ALL,
        SortOrder.NEWEST_FIRST,
        e -> {
          int m = DiffMarks.of(e);
          if (m != 0) {
            out.put(e.id(), m);
          }
        });
    return out;
  }

  private static long candidates(H2AuditCache cache) {
    long[] n = {0};
    cache.forEach(
        AuditQuery.ALL,
        SortOrder.NEWEST_FIRST,
        e -> {
          if (DiffMarks.candidate(e)) {
            n[0]++;
          }
        });
    return n[0];
  }

  private static List<Finding> diffFindings(H2AuditCache cache) {
    return new DiffRules(cache, DateRange.ALL).run();
  }

  @Test
  void aSyncMarksExactlyTheGrantsAndSecretChangesAndTheRulesFindThem() throws Exception {
    Map<String, Integer> expected;
    List<Finding> found;
    long candidates;
    try (H2AuditCache c = open(CacheStore.OpenMode.READ_WRITE)) {
      sync(c);
      expected = marksOfEvents(c);
      candidates = candidates(c);
      found = diffFindings(c);
      assertTrue(c.evidence().verify().whole(), "marks leave the chain alone");
    }
    assertEquals(expected, marksInFile());
    assertTrue(expected.containsValue(DiffMarks.GRANT), expected.toString());
    assertTrue(expected.values().stream().anyMatch(m -> (m & DiffMarks.SECRET) != 0));
    assertTrue(expected.size() < candidates, expected.size() + " of " + candidates);
    assertTrue(found.stream().anyMatch(f -> f.rule() == Rule.PRIVILEGE_GRANT));
    assertTrue(found.stream().anyMatch(f -> f.rule() == Rule.SECRET_CHANGE));
    for (Finding f : found) {
      int bit = f.rule() == Rule.PRIVILEGE_GRANT ? DiffMarks.GRANT : DiffMarks.SECRET;
      int m = expected.getOrDefault(f.ids().get(0), 0);
      assertTrue((m & bit) != 0, f.toString());
    }
  }

  @Test
  void aCacheFromBeforeMigration9GetsItsMarksOnceAndTheSameFindings() throws Exception {
    Map<String, Integer> marks;
    List<Finding> found;
    List<Finding> allFound;
    long candidates;
    try (H2AuditCache c = open(CacheStore.OpenMode.READ_WRITE)) {
      sync(c);
      candidates = candidates(c);
      found = diffFindings(c);
      allFound = Insights.run(c, InsightsDemoTest.UTC, DateRange.ALL, InsightsDemoTest.END);
    }
    marks = marksInFile();
    // Make the file what AuditDesk before migration 9 left: no marks, version 8.
    try (Connection c = h2();
        Statement s = c.createStatement()) {
      StoredJson.unpackAll(c);
      s.execute("DROP TABLE event_mark");
      s.execute("DELETE FROM schema_migration WHERE version = 9");
    }
    try (H2AuditCache c = open(CacheStore.OpenMode.READ_ONLY)) {
      // Not upgraded: every candidate's diff is read, as before the marks.
      assertEquals(found, diffFindings(c));
    }
    try (H2AuditCache c = open(CacheStore.OpenMode.READ_WRITE)) {
      assertEquals(candidates, c.evidence().marksBuiltOnThisOpen().orElseThrow().events());
      assertTrue(c.evidence().builtOnThisOpen().isEmpty(), "the chain was there");
      assertEquals(found, diffFindings(c));
      assertEquals(
          allFound, Insights.run(c, InsightsDemoTest.UTC, DateRange.ALL, InsightsDemoTest.END));
      assertTrue(c.evidence().verify().whole(), "the upgrade leaves the chain alone");
    }
    assertEquals(marks, marksInFile());
    try (H2AuditCache c = open(CacheStore.OpenMode.READ_WRITE)) {
      assertTrue(c.evidence().marksBuiltOnThisOpen().isEmpty(), "said once");
    }
  }

  @Test
  void anEventChangedByALaterWriteTakesItsMarkWithIt() throws Exception {
    String id;
    Finding grant;
    AuditEvent before;
    try (H2AuditCache c = open(CacheStore.OpenMode.READ_WRITE)) {
      sync(c);
      grant =
          diffFindings(c).stream()
              .filter(f -> f.rule() == Rule.PRIVILEGE_GRANT)
              .findFirst()
              .orElseThrow();
      id = grant.ids().get(0);
      before = InsightsDemoTest.events(c).get(id);
      // The same event written again with the role change undone: no grant any more.
      AuditEvent undone = withRolesUnchanged(before);
      assertEquals(0, DiffMarks.of(undone) & DiffMarks.GRANT);
      assertEquals(0, c.upsert(List.of(undone)), "a changed event, not a new one");
      assertFalse(diffFindings(c).contains(grant), "the changed event is no grant");
      assertTrue(c.evidence().verify().whole(), "the change is in the chain");
    }
    assertEquals(0, marksInFile().getOrDefault(id, 0) & DiffMarks.GRANT);
    try (H2AuditCache c = open(CacheStore.OpenMode.READ_WRITE)) {
      c.upsert(List.of(before));
      assertTrue(diffFindings(c).contains(grant), "changed back, it is a grant again");
    }
    assertEquals(DiffMarks.GRANT, marksInFile().get(id) & DiffMarks.GRANT);
  }

  /** The event with every role field's new value set to its old one. */
  private static AuditEvent withRolesUnchanged(AuditEvent e) throws Exception {
    JsonNode root = AuditEventJson.mapper().readTree(e.rawJson());
    for (JsonNode change : root.path("diff")) {
      ((ObjectNode) change).set("new", change.path("old"));
    }
    return AuditEventJson.parse(AuditEventJson.mapper().writeValueAsString(root));
  }

  private static final String A = "00000000-0000-4000-8000-00000000000a";
  private static final String B = "00000000-0000-4000-8000-00000000000b";
  private static final String C = "00000000-0000-4000-8000-00000000000c";

  /** One stored event: {@code actor} writes {@code type} {@code target} with {@code diff}. */
  private static AuditEvent write(String id, String actor, String type, String target, String diff)
      throws Exception {
    ObjectNode n = AuditEventJson.mapper().createObjectNode();
    n.put("id", id);
    n.put("request_id", java.util.UUID.randomUUID().toString());
    n.put(
        "time", InsightsDemoTest.END.minusSeconds(3_600L * id.charAt(id.length() - 1)).toString());
    n.put("ip", "10.1.2.3");
    n.put("resource_type", type);
    n.put("resource_id", java.util.UUID.nameUUIDFromBytes(target.getBytes()).toString());
    n.put("resource_target", target);
    n.put("action", "write");
    n.set("diff", AuditEventJson.mapper().readTree(diff));
    n.put("status_code", 200);
    ObjectNode u = n.putObject("user");
    u.put("id", java.util.UUID.nameUUIDFromBytes(actor.getBytes()).toString());
    u.put("username", actor);
    return AuditEventJson.parse(n.toString());
  }

  @Test
  void aPersonsOwnPasswordIsPassedOverUnreadButARoleTheyGiveThemselvesIsFound() throws Exception {
    String password = "{\"hashed_password\": {\"old\": \"\", \"new\": \"\", \"secret\": true}}";
    List<AuditEvent> events =
        List.of(
            write(
                A,
                "mallory",
                "user",
                "mallory",
                "{\"rbac_roles\": {\"old\": [], \"new\":" + " [\"owner\"], \"secret\": false}}"),
            write(B, "alice", "user", "alice", password),
            write(C, "bob", "user", "carol", password));
    List<Finding> found;
    try (H2AuditCache c = open(CacheStore.OpenMode.READ_WRITE)) {
      c.upsert(events);
      found = diffFindings(c);
    }
    // All three are marked; the rules read only the two that can be findings.
    assertEquals(
        Map.of(A, DiffMarks.GRANT, B, DiffMarks.SECRET, C, DiffMarks.SECRET), marksInFile());
    assertEquals(2, found.size(), found.toString());
    Finding grant = found.stream().filter(f -> f.rule() == Rule.PRIVILEGE_GRANT).findFirst().get();
    assertEquals(List.of(A), grant.ids());
    assertTrue(
        grant.explanation().contains("mallory gave user mallory the role owner"),
        grant.explanation());
    Finding secret = found.stream().filter(f -> f.rule() == Rule.SECRET_CHANGE).findFirst().get();
    assertEquals(List.of(C), secret.ids());
    assertTrue(
        secret.explanation().contains("bob changed the secret hashed_password of user carol"),
        secret.explanation());
  }
}
