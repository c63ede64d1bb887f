package dev.auditdesk.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.Facet;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Free text counted as the targets it names (migration 4) on a real PostgreSQL: for random terms
 * cut from targets, people and descriptions, in any case, with and without other filters, the
 * archive's count, filter lists and bars equal those of the plain {@code LIKE} on every event; a
 * renamed target, an event whose parts cannot be told apart and an archive upgraded from migration
 * 3 change nothing about that.
 */
class ArchiveTextValuesTest {

  private static final Instant NEWEST = Instant.parse("2026-11-20T00:00:00Z");
  private static final String[] ACTIONS = {"create", "write", "delete", "start", "stop"};
  private static final String[] TYPES = {"workspace", "workspace_build", "template", "user"};

  /** Targets with capitals, a Greek final sigma, a dotted capital I and LIKE's own characters. */
  private static final String[] SPECIAL = {
    "WS-Alpha", "ΟΔΥΣΣΕΑΣ", "İzmir-box", "100%_done", "back\\slash", "ws-4-shared"
  };

  /** People whose names hold pieces of targets, so some terms are found in both. */
  private static final String[][] PEOPLE = {
    {"alice", "Alice Doe"}, {"bob", "Bob WS-4 Fan"}, {"carol", "Carol Template"}, {"dave", "Dave"}
  };

  @Test
  void aCountListOrBarsOfFreeTextEqualsTheTextSearchedInEveryEvent() throws Exception {
    List<AuditEvent> events = events(4_000, 1);
    ArchiveUrl url = TestPostgres.get().newArchive("latest");
    try (PostgresArchive a = TestPostgres.holding(url, events)) {
      int asTargets = sameAsTheTextSearched(url, a, new Random(2), 300);
      assertTrue(asTargets > 75, "only " + asTargets + " of 300 were counted as targets");
    }
  }

  @Test
  void aRenamedTargetIsFoundByItsNewName() throws Exception {
    List<AuditEvent> events = events(1_000, 3);
    ArchiveUrl url = TestPostgres.get().newArchive("latest");
    try (PostgresArchive a = TestPostgres.holding(url, events)) {
      AuditQuery ws7 = AuditQuery.ALL.withText("ws-7");
      long before = a.count(ws7);
      AuditEvent stop = events.stream().filter(e -> !matches(e, "ws-7")).findFirst().orElseThrow();
      // The server sent the same event again with another target (same id, new JSON): the new
      // target holds "ws-7", which the targets already in the archive hold too.
      a.upsert(List.of(AuditEventJson.parse(retargeted(stop, "ws-7-renamed"))));
      assertEquals(before + 1, a.count(ws7), "the renamed event is counted under its new name");
      try (Connection c = TestPostgres.get().admin(url.database())) {
        assertEquals(ArchiveEvents.count(c, ws7), a.count(ws7));
      }
    }
  }

  @Test
  void anEventWhosePartsCannotBeToldApartKeepsEveryTermAsText() throws Exception {
    List<AuditEvent> events = new ArrayList<>(events(1_000, 5));
    ArchiveUrl url = TestPostgres.get().newArchive("latest");
    try (PostgresArchive a = TestPostgres.holding(url, events);
        Connection c = TestPostgres.get().admin(url.database())) {
      AuditQuery ws = AuditQuery.ALL.withText("ws-1");
      assertNotEquals(ws, ArchiveTextValues.targetsFor(c, ws), "counted as targets");
      // A hostile target holding the separator of search's parts.
      AuditEvent odd = AuditEventJson.parse(retargeted(events.get(0), "ws-1\u0002alice"));
      a.upsert(List.of(AuditEventJson.parse(odd.rawJson().replace(odd.id(), "odd-one"))));
      assertEquals(ws, ArchiveTextValues.targetsFor(c, ws), "every term stays text");
      assertEquals(ArchiveEvents.count(c, ws), a.count(ws));
      assertEquals(
          ArchiveEvents.count(c, ws.withText("ws-1 alice")), a.count(ws.withText("ws-1 alice")));
    }
  }

  @Test
  void anArchiveWithEventsBeforeMigrationFourGetsItsValuesFromInit() throws Exception {
    List<AuditEvent> events = events(2_000, 7);
    ArchiveUrl url = TestPostgres.get().newArchive("3");
    try (PostgresArchive a = TestPostgres.holding(url, events)) {
      assertEquals(expected(events, "ws-12"), a.count(AuditQuery.ALL.withText("ws-12")));
    }
    assertEquals(1, PostgresArchive.initialise(url).migrations(), "init applies migration 4");
    try (PostgresArchive a = PostgresArchive.open(url)) {
      int asTargets = sameAsTheTextSearched(url, a, new Random(8), 100);
      assertTrue(asTargets > 25, "only " + asTargets + " of 100 were counted as targets");
      assertEquals(expected(events, "ws-12"), a.count(AuditQuery.ALL.withText("ws-12")));
    }
  }

  @Test
  void aRoleThatMayNotReadTheTextValuesOrDayCountsCountsFromTheEvents() throws Exception {
    List<AuditEvent> events = events(1_000, 9);
    ArchiveUrl url = TestPostgres.get().newArchive("latest");
    TestPostgres.holding(url, events).close();
    // Granted table by table before migrations 3 and 4 added theirs.
    String role = "reader_" + url.database();
    try (Connection c = TestPostgres.get().admin(url.database());
        java.sql.Statement st = c.createStatement()) {
      st.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'reader-pw'");
      st.execute("GRANT CONNECT ON DATABASE " + url.database() + " TO " + role);
      st.execute("GRANT USAGE ON SCHEMA public TO " + role);
      st.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role);
      st.execute("REVOKE SELECT ON audit_text_value, audit_day_count FROM " + role);
    }
    try (PostgresArchive ro = PostgresArchive.open(url.withUser(role).withPassword("reader-pw"));
        Connection c = TestPostgres.get().admin(url.database())) {
      for (AuditQuery q :
          List.of(
              AuditQuery.ALL.withText("ws-1"),
              AuditQuery.ALL.withText("ws-1").with(Facet.ACTION, Set.of("start")),
              AuditQuery.ALL.with(Facet.ACTION, Set.of("start")))) {
        assertEquals(ArchiveEvents.count(c, q), ro.count(q), q.toString());
        assertEquals(
            EventsCounted.facetValues(c, Facet.USER, q), ro.facetValues(Facet.USER, q), "users");
      }
      assertEquals(events.size(), ro.totalCount().value());
    }
  }

  /** Checks {@code runs} random queries; returns how many of them were counted as targets. */
  private static int sameAsTheTextSearched(ArchiveUrl url, PostgresArchive a, Random r, int runs)
      throws Exception {
    int asTargets = 0;
    try (Connection c = TestPostgres.get().admin(url.database())) {
      for (int i = 0; i < runs; i++) {
        AuditQuery q = query(r);
        if (!ArchiveTextValues.targetsFor(c, q).equals(q)) {
          asTargets++;
        }
        assertEquals(ArchiveEvents.count(c, q), a.count(q), q.toString());
        for (Facet f : Facet.values()) {
          assertEquals(
              EventsCounted.facetValues(c, f, q), a.facetValues(f, q), "list of " + f + ": " + q);
        }
        Duration day = Duration.ofDays(1);
        assertEquals(ArchiveEvents.histogram(c, q, day), a.histogram(q, day), "bars: " + q);
      }
    }
    return asTargets;
  }

  /** One or two terms cut from a target, a person or a description, in any case; maybe more. */
  private static AuditQuery query(Random r) {
    List<String> terms = new ArrayList<>();
    for (int n = 1 + r.nextInt(r.nextInt(4) == 0 ? 2 : 1); terms.size() < n; ) {
      String from =
          switch (r.nextInt(6)) {
            case 0 -> SPECIAL[r.nextInt(SPECIAL.length)];
            case 1 -> PEOPLE[r.nextInt(PEOPLE.length)][r.nextInt(2)];
            case 2 -> "created workspace";
            default -> "ws-" + r.nextInt(60);
          };
      from = from.split(" ")[r.nextInt(from.split(" ").length)];
      int start = r.nextInt(Math.max(1, from.length() - 2));
      String term = from.substring(start, start + 1 + r.nextInt(from.length() - start));
      terms.add(r.nextBoolean() ? term.toUpperCase(java.util.Locale.ROOT) : term);
    }
    AuditQuery q = AuditQuery.ALL.withText(String.join(" ", terms));
    if (r.nextInt(4) == 0) {
      q = q.with(Facet.ACTION, Set.of(ACTIONS[r.nextInt(ACTIONS.length)]));
    }
    if (r.nextInt(4) == 0) {
      q = q.with(Facet.RESOURCE_TARGET, List.of("ws-" + r.nextInt(60), "ws-1" + r.nextInt(6)));
    }
    if (r.nextInt(4) == 0) {
      q = q.withRange(new DateRange(NEWEST.minus(Duration.ofDays(1 + r.nextInt(20))), NEWEST));
    }
    return q;
  }

  private static boolean matches(AuditEvent e, String term) {
    String search =
        String.join(
                " ",
                e.resourceTarget(),
                e.actor().username(),
                e.actor().name(),
                e.description(),
                e.action(),
                e.resourceType())
            .toLowerCase(java.util.Locale.ROOT);
    return search.contains(term);
  }

  private static long expected(List<AuditEvent> events, String term) {
    return events.stream().filter(e -> matches(e, term)).count();
  }

  private static String retargeted(AuditEvent e, String target) throws Exception {
    ObjectNode o = (ObjectNode) AuditEventJson.mapper().readTree(e.rawJson());
    o.put("resource_target", target);
    return AuditEventJson.mapper().writeValueAsString(o);
  }

  /** {@code n} events of the last 20 days: mostly "ws-N" targets, some of {@link #SPECIAL}. */
  private static List<AuditEvent> events(int n, long seed) throws Exception {
    ObjectMapper m = AuditEventJson.mapper();
    Random r = new Random(seed);
    List<AuditEvent> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ObjectNode e = m.createObjectNode();
      String action = ACTIONS[r.nextInt(ACTIONS.length)];
      String type = TYPES[r.nextInt(TYPES.length)];
      e.put("id", new UUID(seed, i).toString());
      e.put(
          "time",
          NEWEST
              .minus(Duration.ofDays(1 + r.nextInt(20)))
              .plusSeconds(r.nextInt(86_400))
              .toString());
      e.put("action", action);
      e.put("resource_type", type);
      e.put(
          "resource_target",
          r.nextInt(8) == 0 ? SPECIAL[r.nextInt(SPECIAL.length)] : "ws-" + r.nextInt(60));
      e.put("status_code", r.nextInt(10) == 0 ? 403 : 200);
      e.put("description", "{user} " + action + "d " + type.replace('_', ' ') + " {target}");
      String[] who = PEOPLE[r.nextInt(PEOPLE.length)];
      ObjectNode u = e.putObject("user");
      u.put("id", new UUID(99, who[0].hashCode()).toString());
      u.put("username", who[0]);
      u.put("email", who[0] + "@example.com");
      u.put("name", who[1]);
      out.add(AuditEventJson.parse(m.writeValueAsString(e)));
    }
    return out;
  }
}
