package dev.auditdesk.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.auditdesk.coder.AuditPage;
import dev.auditdesk.coder.CoderClient;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.ResourceTypes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo deployment over real HTTP: its endpoints, and whether its history looks real. */
class DemoServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  // A fixed end, so that the date searches below know which days the history covers.
  private static final Instant END = Instant.parse("2026-11-01T17:42:13Z");
  private static DemoServer server;
  private static List<AuditEvent> all;

  @BeforeAll
  static void syncEverything() throws Exception {
    server =
        DemoServer.start(DemoConfig.defaults().withEvents(20_000).withSeed(3).withHistoryEnd(END));
    all = allEvents(server);
  }

  private static List<AuditEvent> allEvents(DemoServer s) throws Exception {
    List<AuditEvent> events = new ArrayList<>();
    try (CoderClient c = CoderClient.create(new Deployment(s.url(), ""))) {
      c.login(s.email(), s.password().toCharArray());
      for (long offset = 0; ; offset += 1000) {
        AuditPage p = c.auditPage("", 1000, offset);
        assertTrue(p.malformed().isEmpty(), p.malformed().toString());
        events.addAll(p.events());
        if (p.received() < 1000) {
          return events;
        }
      }
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theSameSeedAndEndGiveTheSameHistory() throws Exception {
    DemoConfig cfg = DemoConfig.defaults().withEvents(500).withHistoryEnd(END);
    try (DemoServer a = DemoServer.start(cfg.withSeed(9));
        DemoServer b = DemoServer.start(cfg.withSeed(9));
        DemoServer other = DemoServer.start(cfg.withSeed(10))) {
      String pageA = page(a, "");
      assertEquals(pageA, page(b, ""));
      assertNotEquals(pageA, page(other, ""));
    }
  }

  @Test
  void byDefaultTheHistoryEndsNowSoTheLastDayHasEvents() throws Exception {
    Instant before = Instant.now();
    try (DemoServer s = DemoServer.start(DemoConfig.defaults().withEvents(20_000));
        CoderClient c = CoderClient.create(new Deployment(s.url(), ""))) {
      c.login(s.email(), s.password().toCharArray());
      AuditEvent newest = c.auditPage("", 1, 0).events().get(0);
      assertFalse(newest.time().isAfter(Instant.now()), newest.time().toString());
      assertTrue(newest.time().isAfter(before.minus(Duration.ofDays(1))), newest.time().toString());
    }
  }

  @Test
  void aLaterEndKeepsEveryEarlierEventAndAddsWhatHappenedSince() throws Exception {
    DemoConfig cfg = DemoConfig.defaults().withEvents(2_000).withSeed(9);
    List<AuditEvent> earlier;
    List<AuditEvent> later;
    try (DemoServer a = DemoServer.start(cfg.withHistoryEnd(END));
        DemoServer b = DemoServer.start(cfg.withHistoryEnd(END.plus(Duration.ofDays(3))))) {
      earlier = allEvents(a);
      later = allEvents(b);
    }
    Instant laterOldest = later.get(later.size() - 1).time();
    Set<String> kept = new HashSet<>();
    later.forEach(e -> kept.add(e.id() + " " + e.time()));
    long overlap = 0;
    for (AuditEvent e : earlier) {
      if (e.time().isAfter(laterOldest)) {
        assertTrue(kept.contains(e.id() + " " + e.time()), e.id() + " at " + e.time());
        overlap++;
      }
    }
    assertTrue(overlap > 1_500, overlap + " events in both");
    assertTrue(later.get(0).time().isAfter(END), later.get(0).time().toString());
    assertEquals(2_000, later.size());
  }

  @Test
  void everyEventIsDistinctAndNewestFirst() {
    assertEquals(20_000, all.size());
    Set<String> ids = new HashSet<>();
    all.forEach(e -> ids.add(e.id()));
    assertEquals(20_000, ids.size());
    for (int i = 1; i < all.size(); i++) {
      assertFalse(all.get(i).time().isAfter(all.get(i - 1).time()), "order at " + i);
    }
    assertFalse(all.get(0).time().isAfter(END));
  }

  @Test
  void activityFollowsTheWorkingWeekAndWorkingHours() {
    int weekday = 0;
    int weekend = 0;
    int human = 0;
    int office = 0;
    for (AuditEvent e : all) {
      ZonedDateTime t = e.time().atZone(ZoneOffset.UTC);
      boolean sat = t.getDayOfWeek() == DayOfWeek.SATURDAY || t.getDayOfWeek() == DayOfWeek.SUNDAY;
      if (sat) {
        weekend++;
      } else {
        weekday++;
      }
      if (!e.actor().isSystem()) {
        human++;
        if (t.getHour() >= 8 && t.getHour() < 19) {
          office++;
        }
      }
    }
    // Per day, a weekday is several times as busy as a weekend day.
    assertTrue(weekday / 5.0 > 3 * (weekend / 2.0), weekday + " vs " + weekend);
    assertTrue(office > 0.75 * human, office + " of " + human);
  }

  @Test
  void aFewUsersDoMostOfTheWork() {
    Map<String, Integer> perUser = new HashMap<>();
    all.stream()
        .filter(e -> !e.actor().isSystem())
        .forEach(e -> perUser.merge(e.actor().username(), 1, Integer::sum));
    assertTrue(perUser.size() >= 200, perUser.size() + " users");
    List<Integer> counts = new ArrayList<>(perUser.values());
    counts.sort((x, y) -> y - x);
    int top10 = counts.subList(0, 10).stream().mapToInt(Integer::intValue).sum();
    int total = counts.stream().mapToInt(Integer::intValue).sum();
    assertTrue(top10 > 0.2 * total, top10 + " of " + total);
  }

  @Test
  void manyWorkspacesAndTemplatesAppear() {
    Set<String> workspaces = new HashSet<>();
    Set<String> templates = new HashSet<>();
    for (AuditEvent e : all) {
      if (e.resourceType().equals("workspace") || e.resourceType().equals("workspace_build")) {
        workspaces.add(e.resourceTarget());
      }
      if (e.resourceType().equals("template")) {
        templates.add(e.resourceTarget());
      }
    }
    assertTrue(workspaces.size() > 1_000, workspaces.size() + " workspaces");
    assertTrue(templates.size() > 300, templates.size() + " templates");
  }

  @Test
  void scheduledBuildsAreSystemEventsWithABuildReason() {
    List<AuditEvent> system = all.stream().filter(e -> e.actor().isSystem()).toList();
    assertTrue(system.size() > 500, system.size() + " system events");
    long scheduled =
        system.stream()
            .filter(e -> e.buildReason().equals("autostart") || e.buildReason().equals("autostop"))
            .count();
    assertTrue(scheduled > 0.8 * system.size());
    for (AuditEvent e : system) {
      if (e.buildReason().equals("autostart")) {
        assertEquals("start", e.action());
        assertTrue(e.rawJson().contains("\"user\":null"));
      }
    }
  }

  @Test
  void everyActionOfBothAuditGenerationsAppearsConnectionsOnlyInOlderHistory() {
    Set<String> actions = new HashSet<>();
    all.forEach(e -> actions.add(e.action()));
    for (String a :
        List.of(
            "create",
            "write",
            "delete",
            "start",
            "stop",
            "login",
            "logout",
            "register",
            "request_password_reset",
            "connect",
            "disconnect",
            "open",
            "close")) {
      assertTrue(actions.contains(a), a);
    }
    Instant newest = all.get(0).time();
    Instant oldest = all.get(all.size() - 1).time();
    Instant recent = oldest.plus(Duration.between(oldest, newest).multipliedBy(6).dividedBy(10));
    for (AuditEvent e : all) {
      if (Set.of("connect", "disconnect", "open", "close").contains(e.action())) {
        assertTrue(e.time().isBefore(recent), e.action() + " at " + e.time());
      }
    }
  }

  @Test
  void theOddCasesRealServersSendAreAllThere() throws Exception {
    Set<Integer> digits = new HashSet<>();
    boolean ipv6 = false;
    boolean offset = false;
    boolean noOrg = false;
    boolean orgIdOnly = false;
    boolean secret = false;
    boolean failed = false;
    boolean futureAction = false;
    boolean futureType = false;
    boolean extraField = false;
    for (AuditEvent e : all) {
      String t = e.timeText();
      int dot = t.indexOf('.');
      int end = t.endsWith("Z") ? t.length() - 1 : t.length() - 6;
      digits.add(dot < 0 ? 0 : end - dot - 1);
      ipv6 |= e.ip().contains(":");
      offset |= !t.endsWith("Z");
      noOrg |= !e.organization().isKnown();
      orgIdOnly |= e.organization().isKnown() && e.organization().name().isEmpty();
      secret |= e.diff().stream().anyMatch(c -> c.secret());
      failed |= e.failed();
      futureAction |= e.action().equals("hibernate") || e.action().equals("share");
      futureType |= e.resourceType().equals("ai_usage_report");
      extraField |=
          e.rawJson().contains("\"trace_id\"") || e.rawJson().contains("resource_owner_hint");
    }
    assertEquals(Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), digits);
    assertTrue(ipv6 && offset && noOrg && orgIdOnly && secret && failed);
    assertTrue(futureAction && futureType && extraField);
    AuditEvent withSecret =
        all.stream().filter(e -> e.diff().stream().anyMatch(c -> c.secret())).findFirst().get();
    assertTrue(
        withSecret.diff().stream()
            .filter(c -> c.secret())
            .allMatch(c -> c.oldJson().equals("\"\"") && c.newJson().equals("\"\"")));
  }

  @Test
  void theDemoSpeaksTodaysVocabularyWithFriendlyNames() {
    Set<String> types = new HashSet<>();
    all.forEach(e -> types.add(e.resourceType()));
    for (String t : List.of("chat", "ai_provider", "mcp_server_config", "user_secret", "task")) {
      assertTrue(types.contains(t), t + " in " + types);
    }
    assertEquals("MCP server config", ResourceTypes.shown("mcp_server_config"));
    assertEquals("ai_usage_report", ResourceTypes.shown("ai_usage_report"));
    // Deprecated connection actions stay in the older history.
    assertTrue(all.stream().anyMatch(e -> e.action().equals("disconnect")));
    AuditEvent chat =
        all.stream().filter(e -> e.resourceType().equals("chat")).findFirst().orElseThrow();
    assertTrue(chat.resourceTarget().startsWith("chat-"), chat.resourceTarget());
    assertTrue(chat.filledDescription().contains(" chat "), chat.filledDescription());
  }

  @Test
  void theServerSearchMatchesCodersRules() throws Exception {
    JsonNode day = JSON.readTree(page(server, "date_from:2026-10-01 date_to:2026-10-01", 1000));
    assertTrue(day.path("count").asInt() > 0);
    for (JsonNode e : day.path("audit_logs")) {
      Instant t = Instant.parse(e.path("time").asText().replaceAll("\\+.*|-0[0-9]:00$", "Z"));
      assertTrue(e.path("time").asText().startsWith("2026-10-0"), e.path("time").asText());
      assertTrue(t.isAfter(Instant.parse("2026-09-30T00:00:00Z")));
    }
    JsonNode org = JSON.readTree(page(server, "organization:ACME-RESEARCH", 50));
    for (JsonNode e : org.path("audit_logs")) {
      assertEquals("acme-research", e.path("organization").path("name").asText());
    }
    JsonNode uncapped = JSON.readTree(page(server, "action:register", 5));
    assertTrue(uncapped.path("count").asInt() < 2000);
    long registers = all.stream().filter(e -> e.action().equals("register")).count();
    assertEquals(registers, uncapped.path("count").asLong());
  }

  @Test
  void otherPathsAnswerLikeCodersWebAppAndApi() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> html =
        http.send(
            HttpRequest.newBuilder(server.url().resolve("/workspaces")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, html.statusCode());
    assertTrue(html.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    HttpResponse<String> api =
        http.send(
            HttpRequest.newBuilder(server.url().resolve("/api/v2/nope")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(404, api.statusCode());
    assertEquals("Route not found.", JSON.readTree(api.body()).path("message").asText());
    HttpResponse<String> missing =
        http.send(
            HttpRequest.newBuilder(server.url().resolve("/api/v2/users/login"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"demo@example.com\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(400, missing.statusCode());
    assertEquals(
        "password",
        JSON.readTree(missing.body()).path("validations").get(0).path("field").asText());
  }

  @Test
  void theClientKeepsEachEventExactlyAsTheServerSentIt() throws Exception {
    String body = page(server, "", 50);
    for (AuditEvent e : all.subList(0, 50)) {
      assertTrue(body.contains(e.rawJson()), e.rawJson());
    }
  }

  @Test
  void aZeroLimitMeansTheDefaultPageOfAHundred() throws Exception {
    assertEquals(100, JSON.readTree(page(server, "", 0)).path("audit_logs").size());
  }

  private static String page(DemoServer s, String q) throws Exception {
    return page(s, q, 100);
  }

  private static String page(DemoServer s, String q, int limit) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String token =
        JSON.readTree(
                http.send(
                        HttpRequest.newBuilder(s.url().resolve("/api/v2/users/login"))
                            .POST(
                                HttpRequest.BodyPublishers.ofString(
                                    "{\"email\":\""
                                        + s.email()
                                        + "\",\"password\":\""
                                        + s.password()
                                        + "\"}"))
                            .build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body())
            .path("session_token")
            .asText();
    URI uri =
        s.url()
            .resolve(
                "/api/v2/audit?limit="
                    + limit
                    + "&offset=0&q="
                    + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8));
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(uri).header("Coder-Session-Token", token).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return r.body();
  }
}
