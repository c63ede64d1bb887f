package dev.auditdesk.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.FacetValue;
import dev.auditdesk.ui.session.Session;
import dev.auditdesk.ui.testing.SampleEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main window's state over a real H2 cache, with no JavaFX stage: work runs in the caller. */
class MainViewModelTest {

  private static final Instant NEWEST = Instant.parse("2026-11-01T12:00:00Z");

  @TempDir Path caches;
  private AuditCache cache;
  private MainViewModel vm;

  @BeforeEach
  void openCache() throws Exception {
    cache =
        CacheStore.open(
            caches, Deployment.parse("https://coder.example.com"), CacheStore.OpenMode.READ_WRITE);
    cache.upsert(SampleEvents.createWriteDelete(300, NEWEST, "workspace", "ws", "alice"));
    Session offline = Session.offline(Deployment.parse("https://coder.example.com"), cache);
    vm = new MainViewModel(offline, Runnable::run, Runnable::run);
  }

  @AfterEach
  void close() throws Exception {
    vm.dispose();
    cache.close();
  }

  @Test
  void opensOnEveryCachedEventNewestFirstWithTheFiltersChoices() {
    vm.start();

    assertEquals(300, vm.matchingProperty().get());
    assertEquals("300 events", vm.countTextProperty().get());
    assertEquals(300, vm.rowsProperty().get().size());
    assertEquals(NEWEST, vm.rowsProperty().get().get(0).event().time());
    assertEquals(Set.of("create", "write", "delete"), values(Facet.ACTION));
    assertTrue(vm.facetsCurrentProperty().get());
  }

  @Test
  void aQueryTextNarrowsTheTableAndTheCount() {
    vm.start();

    vm.applyQueryText("action:delete username:alice");

    assertEquals("", vm.queryErrorProperty().get());
    assertEquals(100, vm.matchingProperty().get());
    assertEquals("100 of 300 events", vm.countTextProperty().get());
    assertEquals("delete", vm.rowsProperty().get().get(0).event().action());
    assertEquals(
        Set.of("create", "write", "delete"),
        values(Facet.ACTION),
        "the action filter still offers the other actions");
  }

  @Test
  void aBadQueryTextSaysWhyAndKeepsTheTable() {
    vm.start();

    vm.applyQueryText("colour:blue");

    assertTrue(
        vm.queryErrorProperty().get().startsWith("\"colour\" is not a search key."),
        vm.queryErrorProperty().get());
    assertEquals(AuditQuery.ALL, vm.queryModel().query(), "the query is unchanged");
    assertEquals(300, vm.matchingProperty().get());
  }

  @Test
  void aQueryTheCacheCannotAnswerShowsWhyAndKeepsTheLastResultUntilRetryWorks() throws Exception {
    vm.start();
    cache.close();

    vm.applyQueryText("action:write");

    assertTrue(
        vm.lastErrorProperty().get().startsWith("The events could not be read from the cache: "),
        vm.lastErrorProperty().get());
    assertFalse(vm.queryingProperty().get(), "the window stops waiting for the query");
    assertEquals(300, vm.matchingProperty().get(), "the last result stays on screen");

    vm.retry();
    assertFalse(vm.lastErrorProperty().get().isEmpty(), "still failing: still said");
  }

  @Test
  void newEventsAppearOnRefreshWithTheSameQuery() throws Exception {
    vm.start();
    vm.applyQueryText("username:bob");
    assertEquals(0, vm.matchingProperty().get());

    cache.upsert(SampleEvents.series(6, NEWEST.plusSeconds(60), Duration.ofMinutes(1), "new"));
    vm.refresh();

    assertEquals(2, vm.matchingProperty().get());
    assertEquals("2 of 306 events", vm.countTextProperty().get());
    assertTrue(vm.lastChangeKeptQuery(), "a refresh keeps the table's scroll position");
  }

  private Set<String> values(Facet f) {
    List<FacetValue> v = vm.facetValuesProperty(f).get();
    return v.stream().map(FacetValue::value).collect(Collectors.toSet());
  }
}
