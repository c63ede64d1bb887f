package dev.auditdesk.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.Facet;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Exact counts from the archive's day counts (migration 3) on a real PostgreSQL: every count,
 * filter list and timeline of whole days they answer equals the one worked out from the events
 * themselves, for random filters and date ranges that start and end anywhere in a day (at midnight,
 * a second before, in the last fraction of a second); and they stay exact when an event changes its
 * action, when an operator deletes old events, and on an archive that had events before it was
 * brought to migration 3.
 */
class ArchiveDayCountsTest {

  private static final Instant NEWEST = Instant.parse("2026-11-20T00:00:00Z");
  private static final String[] ACTIONS = {"create", "write", "delete", "start", "stop", "login"};
  private static final String[] TYPES = {"workspace", "workspace_build", "template", "api_key"};
  private static final String[][] ORGS = {
    {"00000000-0000-0000-0000-000000000001", "coder", "Coder"},
    {"00000000-0000-0000-0000-000000000002", "research", "Research"},
    null
  };
  private static final String[] REASONS = {"initiator", "autostart", "autostop"};

  @Test
  void everyCountTheDayCountsAnswerEqualsTheEventsCounted() throws Exception {
    List<AuditEvent> events = events(6_000, 1);
    ArchiveUrl url = TestPostgres.get().newArchive("latest");
    try (PostgresArchive a = TestPostgres.holding(url, events)) {
      assertEquals(events.size(), a.count(AuditQuery.ALL));
      assertEquals(events.size(), a.totalCount().value());
      assertTrue(!a.totalCount().estimated(), "the total is exact");
      Random r = new Random(2);
      try (Connection c = TestPostgres.get().admin(url.database())) {
        for (int i = 0; i < 300; i++) {
          AuditQuery q = query(r);
          assertTrue(ArchiveDayCounts.answers(q));
          assertEquals(ArchiveEvents.count(c, q), a.count(q), q.toString());
          assertTrue(a.quickCount(q).isEmpty(), "counted exactly at once: " + q);
          // The lists of the columns the day counts hold, and bars of one day and of a week.
          for (Facet f : List.of(Facet.ACTION, Facet.RESOURCE_TYPE, Facet.ORGANIZATION)) {
            assertEquals(
                EventsCounted.facetValues(c, f, q), a.facetValues(f, q), "list of " + f + ": " + q);
          }
          for (Duration bar : List.of(Duration.ofDays(1), Duration.ofDays(7))) {
            assertEquals(
                ArchiveEvents.histogram(c, q, bar), a.histogram(q, bar), bar + " bars: " + q);
          }
        }
        for (AuditQuery other :
            List.of(
                AuditQuery.ALL.with(Facet.USER, Set.of("user3")),
                AuditQuery.ALL.with(Facet.RESOURCE_TARGET, Set.of("t-7")),
                AuditQuery.ALL.withText("t-7"))) {
          assertFalse(ArchiveDayCounts.answers(other), "not in the day counts: " + other);
          assertEquals(ArchiveEvents.count(c, other), a.count(other), other.toString());
        }
      }
      assertEquals(events.size(), a.stats().events(), "the status bar's count");
      assertEquals(expected(events, "start", null), a.count(start(null)), "start, all time");
      DateRange week = new DateRange(NEWEST.minus(Duration.ofDays(7)), NEWEST);
      assertEquals(expected(events, "start", week), a.count(start(week)), "start, last week");
    }
  }

  @Test
  void aChangedEventMovesAndADeletedOneLeavesTheCounts() throws Exception {
    List<AuditEvent> events = events(2_000, 3);
    ArchiveUrl url = TestPostgres.get().newArchive("latest");
    try (PostgresArchive a = TestPostgres.holding(url, events)) {
      AuditEvent create =
          events.stream().filter(e -> e.action().equals("create")).findFirst().orElseThrow();
      long creates = a.count(AuditQuery.ALL.with(Facet.ACTION, Set.of("create")));
      long deletes = a.count(AuditQuery.ALL.with(Facet.ACTION, Set.of("delete")));
      // The server sent the same event again with another action (a replaced JSON, same id).
      a.upsert(List.of(AuditEventJson.parse(create.rawJson().replace("\"create\"", "\"delete\""))));
      assertEquals(creates - 1, a.count(AuditQuery.ALL.with(Facet.ACTION, Set.of("create"))));
      assertEquals(deletes + 1, a.count(AuditQuery.ALL.with(Facet.ACTION, Set.of("delete"))));
      assertEquals(events.size(), a.count(AuditQuery.ALL), "the same events, one changed");

      // Retention: an operator deletes what is older than ten days.
      Instant cut = NEWEST.minus(Duration.ofDays(10)).plusSeconds(4_321);
      try (Connection c = TestPostgres.get().admin(url.database());
          Statement s = c.createStatement()) {
        s.execute("DELETE FROM audit_event WHERE time < '" + cut + "'");
      }
      Random r = new Random(4);
      for (int i = 0; i < 100; i++) {
        AuditQuery q = query(r);
        assertEquals(counted(url, q), a.count(q), "after the delete: " + q);
      }
      assertEquals(counted(url, AuditQuery.ALL), a.count(AuditQuery.ALL));
    }
  }

  @Test
  void anArchiveWithEventsBeforeMigrationThreeGetsItsCountsFromInit() throws Exception {
    List<AuditEvent> events = events(3_000, 5);
    ArchiveUrl url = TestPostgres.get().newArchive("2");
    try (PostgresArchive a = TestPostgres.holding(url, events)) {
      // Opened before the upgrade: the events themselves are counted, and the total estimated.
      assertEquals(expected(events, "start", null), a.count(start(null)));
    }
    assertEquals(
        2, PostgresArchive.initialise(url).migrations(), "init applies migrations 3 and 4");
    try (PostgresArchive a = PostgresArchive.open(url)) {
      Random r = new Random(6);
      for (int i = 0; i < 100; i++) {
        AuditQuery q = query(r);
        assertEquals(counted(url, q), a.count(q), "after the upgrade: " + q);
      }
      assertEquals(expected(events, "start", null), a.count(start(null)));
      a.upsert(events(500, 7));
      assertEquals(3_500, a.count(AuditQuery.ALL), "the next writes are counted too");
    }
  }

  /** The events themselves counted with the query's WHERE clause: the path without day counts. */
  private static long counted(ArchiveUrl url, AuditQuery q) throws Exception {
    try (Connection c = TestPostgres.get().admin(url.database())) {
      return ArchiveEvents.count(c, q);
    }
  }

  private static long expected(List<AuditEvent> events, String action, DateRange range) {
    return events.stream()
        .filter(e -> e.action().equals(action))
        .filter(e -> range == null || range.contains(e.time()))
        .count();
  }

  private static AuditQuery start(DateRange range) {
    AuditQuery q = AuditQuery.ALL.with(Facet.ACTION, Set.of("start"));
    return range == null ? q : q.withRange(range);
  }

  /**
   * Random filters among those the day counts hold, and a range that may start and end anywhere.
   */
  private static AuditQuery query(Random r) {
    AuditQuery q = AuditQuery.ALL;
    if (r.nextBoolean()) {
      q = q.with(Facet.ACTION, some(r, ACTIONS));
    }
    if (r.nextInt(3) == 0) {
      q = q.with(Facet.RESOURCE_TYPE, some(r, TYPES));
    }
    if (r.nextInt(4) == 0) {
      // By name, display name or id, as the window's filter may hold any of them.
      String[] org = ORGS[r.nextInt(2)];
      q = q.with(Facet.ORGANIZATION, Set.of(org[r.nextInt(3)]));
    }
    if (r.nextInt(4) == 0) {
      q = q.withBuildReasons(some(r, REASONS));
    }
    int shape = r.nextInt(5);
    if (shape > 0) {
      Instant from = edge(r);
      Instant to = edge(r);
      if (to.isBefore(from)) {
        Instant t = from;
        from = to;
        to = t;
      }
      q = q.withRange(new DateRange(shape == 1 ? null : from, shape == 2 ? null : to));
    }
    return q;
  }

  /** An instant at midnight, just before or after it, or anywhere in a day, of the last 25 days. */
  private static Instant edge(Random r) {
    Instant day = NEWEST.minus(Duration.ofDays(r.nextInt(25)));
    return switch (r.nextInt(4)) {
      case 0 -> day;
      case 1 -> day.minusSeconds(1);
      case 2 -> day.minusNanos(250_000_000);
      default -> day.plusSeconds(r.nextInt(86_400));
    };
  }

  private static Set<String> some(Random r, String[] values) {
    Set<String> out = new TreeSet<>();
    int n = 1 + r.nextInt(2);
    while (out.size() < n) {
      out.add(values[r.nextInt(values.length)]);
    }
    return out;
  }

  /**
   * {@code n} events over the last 20 days, some in the last second or fraction of a second of a
   * day, some without an organization, one in ten failed, build reasons only on builds.
   */
  private static List<AuditEvent> events(int n, long seed) throws Exception {
    Random r = new Random(seed);
    List<AuditEvent> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Instant day = NEWEST.minus(Duration.ofDays(1 + r.nextInt(20)));
      Instant t =
          switch (r.nextInt(6)) {
            case 0 -> day.minusNanos(1_000 * (1 + r.nextInt(999_999))); // the day's last second
            case 1 -> day; // midnight exactly
            default -> day.plusSeconds(r.nextInt(86_400)).plusNanos(1_000L * r.nextInt(1_000_000));
          };
      String type = TYPES[r.nextInt(TYPES.length)];
      String[] org = ORGS[r.nextInt(ORGS.length)];
      String json =
          """
          {"id":"%s","time":"%s","action":"%s","resource_type":"%s",
           "resource_target":"t-%d","status_code":%d,%s
           "additional_fields":%s,"user":{"id":"u%d","username":"user%d"}}
          """
              .formatted(
                  new java.util.UUID(seed, i),
                  t,
                  ACTIONS[r.nextInt(ACTIONS.length)],
                  type,
                  r.nextInt(50),
                  r.nextInt(10) == 0 ? 403 : 200,
                  org == null
                      ? ""
                      : "\"organization\":{\"id\":\"%s\",\"name\":\"%s\",\"display_name\":\"%s\"},"
                          .formatted(org[0], org[1], org[2]),
                  type.equals("workspace_build")
                      ? "{\"build_reason\":\"" + REASONS[r.nextInt(REASONS.length)] + "\"}"
                      : "{}",
                  r.nextInt(20),
                  r.nextInt(20));
      out.add(AuditEventJson.parse(json));
    }
    return out;
  }
}
