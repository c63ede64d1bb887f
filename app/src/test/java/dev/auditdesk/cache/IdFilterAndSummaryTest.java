package dev.auditdesk.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.EventSummary;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.SortColumn;
import dev.auditdesk.model.SortOrder;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The id filter (the events of an insight finding) and the summaries the rules scan, answered by
 * the column index exactly as the obvious implementation answers them.
 */
class IdFilterAndSummaryTest {

  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  @TempDir Path dir;

  private H2AuditCache open() throws CacheException {
    return CacheStore.open(
        dir,
        new Deployment(URI.create("https://coder.example.com"), ""),
        CacheStore.OpenMode.READ_WRITE);
  }

  @Test
  void anIdFilterMatchesExactlyThoseEventsUnderTheOtherFilters() throws Exception {
    List<AuditEvent> events = TestEvents.random(3_000, 11, NOW);
    List<String> some = new ArrayList<>();
    for (int i = 0; i < events.size(); i += 431) {
      some.add(events.get(i).id());
    }
    some.add("00000000-0000-0000-0000-000000000000"); // not in the cache
    try (H2AuditCache cache = open()) {
      cache.upsert(events);
      for (AuditQuery q :
          List.of(
              AuditQuery.ALL.withIds(some),
              AuditQuery.ALL.withIds(some).with(Facet.ACTION, Set.of("create", "login")),
              AuditQuery.ALL
                  .withIds(some)
                  .withRange(new DateRange(NOW.minusSeconds(4_000), NOW.plusSeconds(1))))) {
        List<String> expected = Reference.ids(events, q, SortOrder.NEWEST_FIRST);
        assertEquals(expected.size(), cache.count(q), q.toString());
        assertEquals(
            expected,
            cache.page(q, SortOrder.NEWEST_FIRST, 0, 100).stream().map(AuditEvent::id).toList());
      }
      assertEquals(7, cache.count(AuditQuery.ALL.withIds(some)));
    }
  }

  @Test
  void summariesFromTheIndexAreTheEventsSummarisedInTheSameOrder() throws Exception {
    List<AuditEvent> events = TestEvents.random(2_000, 12, NOW);
    try (H2AuditCache cache = open()) {
      cache.upsert(events);
      SortOrder oldest = new SortOrder(SortColumn.TIME, true);
      for (AuditQuery q :
          List.of(AuditQuery.ALL, AuditQuery.ALL.with(Facet.ACTION, Set.of("login", "delete")))) {
        List<EventSummary> fromIndex = new ArrayList<>();
        cache.forEachSummary(q, oldest, fromIndex::add);
        List<EventSummary> fromEvents = new ArrayList<>();
        cache.forEach(q, oldest, e -> fromEvents.add(EventSummary.of(e)));
        assertEquals(fromEvents, fromIndex);
        assertEquals(cache.count(q), fromIndex.size());
      }
    }
  }

  @Test
  void theIdsOfPickedSummariesAreThoseOfTheSameEventsInTheObviousOrder() throws Exception {
    List<AuditEvent> events = TestEvents.random(3_000, 13, NOW);
    try (H2AuditCache cache = open()) {
      cache.upsert(events);
      SortOrder oldest = new SortOrder(SortColumn.TIME, true);
      AuditQuery q = AuditQuery.ALL.with(Facet.ACTION, Set.of("login", "delete", "write"));
      // Every 7th failed or logged-in summary, out of order and once twice: what a rule may ask.
      java.util.function.Function<List<EventSummary>, int[]> pick =
          all -> {
            List<Integer> want = new ArrayList<>();
            for (int i = all.size() - 1; i >= 0; i -= 7) {
              if (all.get(i).failed() || all.get(i).action().equals("login")) {
                want.add(i);
              }
            }
            want.add(want.get(0));
            return want.stream().mapToInt(Integer::intValue).toArray();
          };
      List<String> fromRows = cache.ids(q, oldest, pick);
      List<AuditEvent> obvious = new ArrayList<>();
      cache.forEach(q, oldest, obvious::add);
      int[] want = pick.apply(obvious.stream().map(EventSummary::of).toList());
      List<String> expected = new ArrayList<>();
      for (int i : want) {
        expected.add(obvious.get(i).id());
      }
      assertEquals(expected, fromRows);
      assertEquals(true, expected.size() > 20, "enough picked to mean something");
    }
  }
}
