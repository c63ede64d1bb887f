package dev.auditdesk.insights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.coder.CoderClient;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.ConnectionQuery;
import dev.auditdesk.model.ConnectionRow;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.SortOrder;
import dev.auditdesk.sync.SyncEngine;
import dev.auditdesk.sync.SyncListener;
import dev.auditdesk.sync.SyncSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every rule over a real H2 cache synced over loopback from the demo deployment: with the demo's
 * planted patterns each rule finds its pattern; the same history without them gives none of the
 * patterns' findings.
 */
class InsightsDemoTest {

  static final Instant END = Instant.parse("2026-11-20T12:00:00Z");
  static final InsightSettings UTC = InsightSettings.defaults(ZoneOffset.UTC);

  @TempDir static Path caches;
  static H2AuditCache withPatterns;
  static H2AuditCache plain;
  static List<Finding> found;
  static List<Finding> plainFound;

  @BeforeAll
  static void syncBoth() throws Exception {
    withPatterns = synced(true);
    plain = synced(false);
    found = Insights.run(withPatterns, UTC, DateRange.ALL, END);
    plainFound = Insights.run(plain, UTC, DateRange.ALL, END);
  }

  @AfterAll
  static void close() {
    withPatterns.close();
    plain.close();
  }

  static H2AuditCache synced(boolean patterns) throws Exception {
    DemoConfig cfg =
        DemoConfig.defaults()
            .withPort(0)
            .withEvents(9_000)
            .withSeed(3)
            .withHistoryEnd(END)
            .withInsightPatterns(patterns);
    try (DemoServer server = DemoServer.start(cfg)) {
      Deployment d = new Deployment(server.url(), "");
      H2AuditCache cache =
          CacheStore.open(
              caches.resolve(patterns ? "with" : "plain"), d, CacheStore.OpenMode.READ_WRITE);
      try (CoderClient client = CoderClient.create(d)) {
        client.login(server.email(), DemoServer.PASSWORD.toCharArray());
        new SyncEngine(client, cache, SyncSettings.defaults()).run(SyncListener.NONE, () -> false);
      }
      return cache;
    }
  }

  static List<Finding> of(List<Finding> all, Rule rule) {
    return all.stream().filter(f -> f.rule() == rule).toList();
  }

  static Map<String, AuditEvent> events(H2AuditCache cache) {
    Map<String, AuditEvent> all = new HashMap<>();
    cache.forEach(AuditQuery.ALL, SortOrder.NEWEST_FIRST, e -> all.put(e.id(), e));
    return all;
  }

  @Test
  void aBurstOfFailedSignInsAgainstOneAccountFromOneAddressIsOneFinding() {
    List<Finding> bursts =
        of(found, Rule.FAILED_SIGN_INS).stream()
            .filter(f -> f.ip().equals("203.0.113.66"))
            .toList();
    assertEquals(1, bursts.size(), bursts.toString());
    Finding f = bursts.get(0);
    assertEquals(14, f.ids().size());
    assertTrue(f.explanation().startsWith("14 failed sign-ins for "), f.explanation());
    Map<String, AuditEvent> all = events(withPatterns);
    for (String id : f.ids()) {
      AuditEvent e = all.get(id);
      assertEquals("login", e.action());
      assertTrue(e.failed());
      assertEquals("203.0.113.66", e.ip());
    }
  }

  @Test
  void manyAccountsTriedFromOneAddressIsAnAddressBurst() {
    List<Finding> spray =
        of(found, Rule.FAILED_SIGN_INS).stream()
            .filter(f -> f.ip().equals("198.51.100.77"))
            .toList();
    assertEquals(1, spray.size(), spray.toString());
    assertEquals(12, spray.get(0).ids().size());
    assertTrue(spray.get(0).explanation().endsWith("for 12 accounts"), spray.get(0).explanation());
  }

  @Test
  void aSignInFromANewAddressIsFoundAndTheUsualAddressesAreNot() {
    List<Finding> fresh = of(found, Rule.NEW_SIGN_IN_ADDRESS);
    assertEquals(List.of("192.0.2.44"), fresh.stream().map(Finding::ip).toList());
    AuditEvent e = events(withPatterns).get(fresh.get(0).ids().get(0));
    assertEquals("192.0.2.44", e.ip());
    assertEquals(fresh.get(0).actor(), e.actor().username());
    assertEquals(List.of(), of(plainFound, Rule.NEW_SIGN_IN_ADDRESS));
  }

  @Test
  void theSundayNightRoleGrantIsAGrantAndAnOffHoursChange() {
    List<Finding> grants =
        of(found, Rule.PRIVILEGE_GRANT).stream().filter(f -> f.args().contains("owner")).toList();
    assertEquals(1, grants.size(), grants.toString());
    Finding grant = grants.get(0);
    assertEquals("demo", grant.actor());
    assertEquals(java.time.DayOfWeek.SUNDAY, grant.time().atZone(ZoneOffset.UTC).getDayOfWeek());
    String id = grant.ids().get(0);
    assertTrue(
        of(found, Rule.OFF_HOURS_ADMIN).stream().anyMatch(f -> f.ids().contains(id)),
        "the grant is also reported as outside working hours");
    assertFalse(
        of(plainFound, Rule.PRIVILEGE_GRANT).stream().anyMatch(f -> f.args().contains("owner")));
  }

  @Test
  void offHoursFindingsHoldOnlyChangesOutsideWorkingHours() {
    Map<String, AuditEvent> all = events(withPatterns);
    List<Finding> off = of(found, Rule.OFF_HOURS_ADMIN);
    assertFalse(off.isEmpty());
    for (Finding f : off) {
      for (String id : f.ids()) {
        assertFalse(UTC.workingHours(all.get(id).time()), id);
        assertEquals(f.actor(), all.get(id).actor().username());
      }
    }
  }

  @Test
  void theMassDeletionIsFoundWithEveryDeletion() {
    List<Finding> mass = of(found, Rule.MASS_DELETION);
    assertEquals(1, mass.size(), mass.toString());
    assertEquals(24, mass.get(0).ids().size());
    Map<String, AuditEvent> all = events(withPatterns);
    assertTrue(mass.get(0).ids().stream().allMatch(id -> all.get(id).action().equals("delete")));
    assertEquals(List.of(), of(plainFound, Rule.MASS_DELETION));
  }

  @Test
  void aPasswordResetByAnAdministratorIsASecretChange() {
    List<Finding> secret =
        of(found, Rule.SECRET_CHANGE).stream()
            .filter(f -> f.actor().equals("demo") && f.args().get(2).equals("hashed_password"))
            .toList();
    assertFalse(secret.isEmpty(), of(found, Rule.SECRET_CHANGE).toString());
    Map<String, AuditEvent> all = events(withPatterns);
    for (Finding f : of(found, Rule.SECRET_CHANGE)) {
      AuditEvent e = all.get(f.ids().get(0));
      assertTrue(e.diff().stream().anyMatch(c -> c.secret()), e.rawJson());
      assertFalse(e.resourceType().equals("api_key"), "sign-in tokens are routine");
    }
  }

  @Test
  void quietWorkingDaysAreSilencesAndThePlainHistoryHasNone() {
    List<Finding> silences = of(found, Rule.SILENCE);
    assertFalse(silences.isEmpty());
    for (Finding f : silences) {
      var start = f.time().atZone(ZoneOffset.UTC);
      assertEquals(9, start.getHour(), f.explanation());
      assertEquals(3 % 45, Math.floorMod(start.toLocalDate().toEpochDay(), 45), f.explanation());
      assertEquals(2, f.ids().size(), "the events either side");
    }
    assertEquals(List.of(), of(plainFound, Rule.SILENCE));
  }

  @Test
  void theSessionOpenForDaysAndTheDeniedPortForwardsAreFound() {
    List<Finding> open = of(found, Rule.LONG_CONNECTION);
    assertTrue(
        open.stream().anyMatch(f -> Integer.parseInt(f.args().get(3)) >= 72), open.toString());
    List<ConnectionRow> rows = new ArrayList<>();
    withPatterns.connections().forEach(ConnectionQuery.ALL, rows::add);
    Map<String, ConnectionRow> byId =
        rows.stream().collect(Collectors.toMap(ConnectionRow::id, r -> r));
    for (Finding f : open) {
      ConnectionRow r = byId.get(f.ids().get(0));
      assertFalse(r.sshInfo().ended());
      assertTrue(r.connectTime().isBefore(END.minus(UTC.longConnection())));
    }
    List<Finding> denied =
        of(found, Rule.DENIED_CONNECTION).stream().filter(f -> f.ids().size() == 5).toList();
    assertEquals(1, denied.size(), of(found, Rule.DENIED_CONNECTION).toString());
    for (String id : denied.get(0).ids()) {
      assertEquals("port_forwarding", byId.get(id).type());
      assertEquals(403, byId.get(id).webInfo().statusCode());
    }
  }

  @Test
  void findingsComeNewestFirstAndSinceLeavesOutOlderOnes() {
    for (int i = 1; i < found.size(); i++) {
      assertFalse(found.get(i).time().isAfter(found.get(i - 1).time()));
    }
    Instant since = END.minus(java.time.Duration.ofDays(3));
    List<Finding> recent = Insights.run(withPatterns, UTC, new DateRange(since, Instant.MAX), END);
    assertFalse(recent.isEmpty());
    assertTrue(recent.stream().allMatch(f -> !f.time().isBefore(since)));
    assertTrue(recent.stream().anyMatch(f -> f.ip().equals("203.0.113.66")));
    assertFalse(recent.stream().anyMatch(f -> f.ip().equals("198.51.100.77")), "five days ago");
    Set<Rule> rules = found.stream().map(Finding::rule).collect(Collectors.toSet());
    assertEquals(Set.of(Rule.values()), rules, "the demo shows every rule");
  }

  @Test
  void theOrdinaryDemoHistoryIsQuietSoAFirstLookIsNotADeluge() {
    // The earlier demo gave one finding per 40 events (25,607 at 1M); people do not work so.
    List<Finding> audit = plainFound.stream().filter(f -> !f.rule().connectionLog()).toList();
    assertTrue(audit.size() * 300 <= 9_000, audit.size() + " findings: " + audit);
    Map<String, AuditEvent> all = events(plain);
    Set<String> granted =
        of(plainFound, Rule.PRIVILEGE_GRANT).stream()
            .flatMap(f -> f.ids().stream())
            .collect(Collectors.toSet());
    for (AuditEvent e : all.values()) {
      for (var c : e.diff()) {
        if (c.field().equals("rbac_roles") && !e.failed()) {
          boolean adds = !DiffRules.roles(c.oldJson()).containsAll(DiffRules.roles(c.newJson()));
          assertEquals(adds, granted.contains(e.id()), "a role taken back is no grant: " + c);
        }
      }
    }
    for (Finding f : of(plainFound, Rule.SECRET_CHANGE)) {
      AuditEvent e = all.get(f.ids().get(0));
      assertFalse(
          e.resourceType().equals("user") && e.resourceTarget().equals(e.actor().username()),
          "a person's own password is routine");
    }
  }
}
