package dev.auditdesk.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.FacetValue;
import dev.auditdesk.model.SortOrder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The cache answers a query along several paths, chosen by how many rows match: a count by column
 * scan (which keeps the matches of a rare query for the page after it), a first page by walking the
 * time order or by sorting a rare query's matches, a free-text term scanned from its one column,
 * every match row by row for deep pages and exports, the timeline's bars by the same scans, and the
 * filter lists in one pass. Whatever the path, a user must see the same events: each count and page
 * is checked against the events themselves and against the other paths, over a real H2 file with
 * common and rare values.
 */
class QueryPathsPropertiesTest {

  private static final Deployment DEPLOYMENT = Deployment.parse("https://coder.example.com");
  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  private static final int TARGETS = 2_000;
  private static final List<Facet> LISTS =
      List.of(Facet.RESOURCE_TYPE, Facet.ACTION, Facet.RESOURCE_TARGET, Facet.USER);

  private static Path dir;
  private static H2AuditCache cache;
  private static List<AuditEvent> events;

  @BeforeContainer
  static void fill() throws Exception {
    dir = Files.createTempDirectory("auditdesk-query-paths");
    // 20,000 events over 2,000 targets (about ten each: rare) and 4,000 over six common ones.
    events = new ArrayList<>(TestEvents.manyTargets(20_000, 11, NOW, TARGETS));
    events.addAll(TestEvents.random(4_000, 12, NOW));
    cache = CacheStore.open(dir, DEPLOYMENT, CacheStore.OpenMode.READ_WRITE);
    cache.upsert(events);
  }

  @AfterContainer
  static void close() throws IOException {
    cache.close();
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Property(tries = 200, edgeCases = EdgeCasesMode.MIXIN)
  void everyPathGivesTheEventsThatMatch(
      @ForAll("queries") AuditQuery q, @ForAll("offsets") int offset) {
    List<AuditEvent> matching = events.stream().filter(e -> Reference.matches(e, q)).toList();
    Set<String> expected = new HashSet<>();
    matching.forEach(e -> expected.add(e.id()));
    // Every match in order, row by row (the path of deep pages and exports).
    List<String> all =
        cache.ids(q, SortOrder.NEWEST_FIRST, s -> IntStream.range(0, s.size()).toArray());
    assertEquals(expected, new HashSet<>(all), "the matches of " + q);
    assertEquals(expected.size(), all.size(), "each match once: " + q);
    int to = Math.min(all.size(), offset + 100);
    List<String> wanted = offset >= all.size() ? List.of() : all.subList(offset, to);

    // The window's way: count, then the page (a rare query's page reuses the count's scan).
    assertEquals(expected.size(), cache.count(q), "count of " + q);
    samePage(wanted, cache.page(q, SortOrder.NEWEST_FIRST, offset, 100), q, "after its count");
    // The page alone, after another query was counted: the time-order walk or its own scan.
    cache.count(AuditQuery.ALL.withText("target-1"));
    samePage(wanted, cache.page(q, SortOrder.NEWEST_FIRST, offset, 100), q, "alone");

    // The timeline: every match in the bar of its half hour, failures counted apart.
    Map<Instant, long[]> bars = new TreeMap<>();
    for (AuditEvent e : matching) {
      long[] bar =
          bars.computeIfAbsent(
              Instant.ofEpochSecond(Math.floorDiv(e.time().getEpochSecond(), 1800) * 1800),
              t -> new long[2]);
      bar[0]++;
      bar[1] += e.statusCode() >= 400 ? 1 : 0;
    }
    Map<Instant, long[]> drawn = new TreeMap<>();
    for (Histogram.Bucket b : cache.histogram(q, Duration.ofMinutes(30)).buckets()) {
      if (b.total() > 0) {
        drawn.put(b.start(), new long[] {b.total(), b.failed()});
      }
    }
    assertEquals(bars.keySet(), drawn.keySet(), "the timeline's bars of " + q);
    bars.forEach((t, bar) -> assertArrayEquals(bar, drawn.get(t), "the bar at " + t + " of " + q));

    // The window's four filter lists, counted together in one pass, each under the other filters.
    Map<Facet, List<FacetValue>> lists = cache.facetValues(LISTS, q);
    for (Facet f : LISTS) {
      assertEquals(Reference.facet(events, f, q), lists.get(f), "the list of " + f + " under " + q);
    }
  }

  /** Fails with where the page first differs (a whole page of ids would hide it). */
  private static void samePage(
      List<String> wanted, List<AuditEvent> page, AuditQuery q, String how) {
    List<String> got = page.stream().map(AuditEvent::id).toList();
    for (int i = 0; i < Math.max(wanted.size(), got.size()); i++) {
      String w = i < wanted.size() ? wanted.get(i) : "(none)";
      String g = i < got.size() ? got.get(i) : "(none)";
      assertEquals(w, g, "row " + i + " of the page " + how + " (" + got.size() + " rows): " + q);
    }
  }

  @Provide
  Arbitrary<Integer> offsets() {
    return Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(1, 400));
  }

  @Provide
  Arbitrary<AuditQuery> queries() {
    Arbitrary<Set<String>> targets =
        Arbitraries.oneOf(
                Arbitraries.integers().between(0, TARGETS - 1).map(i -> "target-" + i),
                Arbitraries.of(TestEvents.TARGETS),
                Arbitraries.just("no-such-target"))
            .set()
            .ofMaxSize(3);
    Arbitrary<Set<String>> actions = Arbitraries.of(TestEvents.ACTIONS).set().ofMaxSize(2);
    Arbitrary<Set<String>> types = Arbitraries.of(TestEvents.TYPES).set().ofMaxSize(2);
    Arbitrary<Set<String>> users =
        Arbitraries.of("alice", "bob", "carol", "dave", "erin").set().ofMaxSize(1);
    // Text that hits one column (a target, the description), several, or none.
    Arbitrary<String> text =
        Arbitraries.of(
            "", "", "", "target-42", "target-1", "logged", "creat", "workspace", "Bob", "zz");
    Arbitrary<DateRange> range =
        Arbitraries.oneOf(
            Arbitraries.just(DateRange.ALL),
            Combinators.combine(
                    Arbitraries.integers().between(0, 60_000),
                    Arbitraries.integers().between(1, 40_000))
                .as(
                    (back, len) ->
                        new DateRange(
                            NOW.minusSeconds(back + len), NOW.minusSeconds(back).plusSeconds(1))));
    Arbitrary<AuditQuery> mixed =
        Combinators.combine(targets, actions, types, users, text, range)
            .as(
                (tg, ac, ty, us, tx, rg) ->
                    new AuditQuery(
                        ty, ac, tg, us, Set.of(), Set.of(), Set.of(), "", "", rg, tx, Set.of()));
    // Dates alone (narrow, wide or none) and one target alone: each takes a path of its own.
    Arbitrary<AuditQuery> datesOnly = range.map(AuditQuery.ALL::withRange);
    Arbitrary<AuditQuery> oneTarget =
        Arbitraries.integers()
            .between(0, TARGETS - 1)
            .map(i -> AuditQuery.ALL.with(Facet.RESOURCE_TARGET, Set.of("target-" + i)));
    return Arbitraries.frequencyOf(
        Tuple.of(4, mixed), Tuple.of(1, datesOnly), Tuple.of(1, oneTarget));
  }
}
