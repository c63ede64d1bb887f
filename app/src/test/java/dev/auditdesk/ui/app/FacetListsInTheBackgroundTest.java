package dev.auditdesk.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.FacetValue;
import dev.auditdesk.ui.filters.FacetPage;
import dev.auditdesk.ui.filters.FacetPickerModel;
import dev.auditdesk.ui.session.Session;
import dev.auditdesk.ui.testing.SampleEvents;
import dev.auditdesk.ui.timeline.TimelineViewModel;
import dev.auditdesk.ui.timeline.TimelineViewModel.Timeline;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A filter with thousands of values (a real H2 cache of 5,000 targets): its list is built and
 * searched on the background executor and only handed to the FX thread ready to show. Both
 * executors are queues the test runs step by step, so it sees which side did the work.
 */
class FacetListsInTheBackgroundTest {

  private static final int TARGETS = 5_000;

  @TempDir Path caches;
  private final Steps fx = new Steps();
  private final Steps background = new Steps();
  private AuditCache cache;
  private MainViewModel vm;
  private FacetPickerModel targets;

  @BeforeEach
  void openCache() throws Exception {
    Deployment d = Deployment.parse("https://coder.example.com");
    cache = CacheStore.open(caches, d, CacheStore.OpenMode.READ_WRITE);
    cache.upsert(
        SampleEvents.createWriteDelete(
            TARGETS, Instant.parse("2026-11-01T12:00:00Z"), "workspace", "ws", "alice"));
    vm = new MainViewModel(Session.offline(d, cache), background, fx);
    targets = vm.facetPicker(Facet.RESOURCE_TARGET);
  }

  @AfterEach
  void close() {
    vm.dispose();
    cache.close();
  }

  @Test
  void theFilterListsAreBuiltInTheBackgroundAndHandedOverReady() {
    vm.start();
    fx.drain(); // the query is asked for: its count and first page, and after them the lists
    assertTrue(values(Facet.RESOURCE_TARGET).isEmpty(), "the FX thread did not build them");

    background.drain(); // the count and the first page, then the lists
    assertTrue(values(Facet.RESOURCE_TARGET).isEmpty(), "built, not yet handed over");
    fx.drain();
    assertEquals(TARGETS, vm.matchingProperty().get());
    List<FacetValue> all = values(Facet.RESOURCE_TARGET);
    assertEquals(TARGETS, all.size(), "every target is offered, with the rows");
    assertTrue(vm.facetsCurrentProperty().get());
    assertTrue(targets.pageProperty().get().items().isEmpty(), "the list's page is not made here");

    background.drain();
    fx.drain();
    FacetPage page = targets.pageProperty().get();
    assertEquals(1_000, page.items().size(), "the list shows the first thousand");
    assertEquals(TARGETS, page.matching());
    assertEquals(all.get(0).value(), page.items().get(0).value(), "most frequent first");
  }

  @Test
  void theSearchFindsOneValueAmongThousandsAndOnlyTheLatestTextIsShown() {
    settle();
    String far = "ws-4321";
    assertTrue(
        targets.pageProperty().get().items().stream().noneMatch(i -> i.value().equals(far)),
        "not among the first thousand");

    targets.searchProperty().set("ws-43");
    targets.searchProperty().set(far);
    assertTrue(
        targets.pageProperty().get().items().stream().noneMatch(i -> i.value().equals(far)),
        "the search runs in the background");
    settle();

    FacetPage page = targets.pageProperty().get();
    assertEquals(List.of(new FacetPage.Item(far, 1, false)), page.items());
    assertEquals(1, page.matching(), "the older text's page was dropped");
  }

  @Test
  void aSelectedValueWithoutEventsIsShownCheckedEvenPastTheFirstThousand() {
    settle();
    vm.queryModel().select(Facet.RESOURCE_TARGET, Set.of("gone-workspace"));
    settle();

    assertEquals(0, vm.matchingProperty().get());
    FacetPage page = targets.pageProperty().get();
    assertTrue(
        page.items().contains(new FacetPage.Item("gone-workspace", 0, true)),
        "the unknown value is shown, never dropped");
    assertEquals(1_001, page.items().size(), "the first thousand and the selected one");
  }

  @Test
  void theTimelineCountsAfterTheRowsAndTheListsNeverBesideThem() {
    TimelineViewModel timeline =
        new TimelineViewModel(vm.queryModel().queryProperty(), vm.afterLists(background), fx);
    timeline.cacheProperty().set(cache);
    vm.start();
    fx.drain();
    background.drain();
    assertEquals(Timeline.EMPTY, timeline.timelineProperty().get(), "held while the lists count");
    fx.drain();
    assertEquals(TARGETS, values(Facet.RESOURCE_TARGET).size(), "rows and lists are in");
    assertEquals(Timeline.EMPTY, timeline.timelineProperty().get(), "the bars come after them");
    settle();
    assertEquals(TARGETS, bars(timeline), "every event in the bars");

    vm.queryModel().select(Facet.RESOURCE_TARGET, Set.of("ws-42"));
    fx.drain();
    background.drain();
    fx.drain();
    assertEquals(1, vm.matchingProperty().get(), "the new rows");
    assertEquals(
        1, values(Facet.ACTION).stream().mapToLong(FacetValue::count).sum(), "the new lists");
    assertEquals(TARGETS, bars(timeline), "still the old bars: counted only after the lists");
    settle();
    assertEquals(1, bars(timeline), "the new bars");
  }

  private static long bars(TimelineViewModel t) {
    return t.timelineProperty().get().histogram().buckets().stream()
        .mapToLong(b -> b.total())
        .sum();
  }

  private List<FacetValue> values(Facet f) {
    return vm.facetValuesProperty(f).get();
  }

  /** Runs both sides until neither has anything left to do. */
  private void settle() {
    if (vm.rowsProperty().get() == null) {
      vm.start();
    }
    while (background.drain() + fx.drain() > 0) {
      // another round: each side may have given the other work
    }
  }

  /** An executor that only queues; the test runs the queue when it chooses. */
  private static final class Steps implements Executor {
    private final Deque<Runnable> queue = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable r) {
      queue.add(r);
    }

    private synchronized Runnable next() {
      return queue.poll();
    }

    /** Runs what is queued and what that queues here; returns how many tasks ran. */
    int drain() {
      int ran = 0;
      for (Runnable r = next(); r != null; r = next()) {
        r.run();
        ran++;
      }
      return ran;
    }
  }
}
