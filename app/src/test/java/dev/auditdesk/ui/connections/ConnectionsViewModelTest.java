package dev.auditdesk.ui.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.ConnectionLogCache;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.coder.CoderClient;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.ConnectionFacet;
import dev.auditdesk.model.ConnectionQuery;
import dev.auditdesk.model.ConnectionRow;
import dev.auditdesk.model.ConnectionSort;
import dev.auditdesk.model.ConnectionStatus;
import dev.auditdesk.model.ConnectionType;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.FacetValue;
import dev.auditdesk.sync.SyncEngine;
import dev.auditdesk.sync.SyncListener;
import dev.auditdesk.sync.SyncSettings;
import dev.auditdesk.ui.common.TableCopy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Connections view's state over a real H2 cache synced from the demo server over loopback, with
 * no JavaFX stage: background work and FX hand-offs run in the caller.
 */
class ConnectionsViewModelTest {

  @TempDir Path caches;
  private final List<AutoCloseable> open = new ArrayList<>();
  private ConnectionLogCache log;
  private ConnectionsViewModel vm;

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  /** Syncs a demo deployment into a fresh cache and opens the view model on its connection log. */
  private void syncedFrom(DemoConfig cfg) throws Exception {
    DemoServer server = DemoServer.start(cfg.withPort(0).withEvents(200).withSeed(5));
    open.add(server);
    Deployment d = new Deployment(server.url(), "");
    CoderClient client = CoderClient.create(d);
    open.add(client);
    client.login(server.email(), DemoServer.PASSWORD.toCharArray());
    H2AuditCache cache = CacheStore.open(caches, d, CacheStore.OpenMode.READ_WRITE);
    open.add(cache);
    new SyncEngine(client, cache, SyncSettings.defaults()).run(SyncListener.NONE, () -> false);
    log = cache.connections();
    vm = new ConnectionsViewModel(log, Runnable::run, Runnable::run);
    vm.start();
  }

  private List<ConnectionRow> everyRow() {
    List<ConnectionRow> all = new ArrayList<>();
    log.forEach(ConnectionQuery.ALL, all::add);
    return all;
  }

  private long reference(ConnectionQuery q) {
    return everyRow().stream().filter(q::matches).count();
  }

  @Test
  void opensOnEverySyncedConnectionNewestFirstWithTheTypeCounts() throws Exception {
    syncedFrom(DemoConfig.defaults());

    assertEquals(1_200, log.total(), "the demo's connection log is in the cache");
    assertEquals(1_200, vm.matchingProperty().get());
    assertEquals("1,200 connections", vm.countTextProperty().get());
    assertEquals("", vm.noticeProperty().get());
    ConnectionRows rows = vm.rowsProperty().get();
    assertEquals(1_200, rows.size());
    for (int i = 1; i < ConnectionRows.PAGE_SIZE; i++) {
      assertFalse(rows.get(i).connectTime().isAfter(rows.get(i - 1).connectTime()), "newest first");
    }
    long sum = vm.facetValues(ConnectionFacet.FAMILY).stream().mapToLong(FacetValue::count).sum();
    assertEquals(1_200, sum, "every connection counted under one type");
    assertTrue(vm.facetValues(ConnectionFacet.FAMILY).size() >= 4, "several types offered");
  }

  @Test
  void rowsBeyondTheFirstPageAreReadWhenTheTableFirstAsksForThem() throws Exception {
    syncedFrom(DemoConfig.defaults());
    ConnectionRows rows = vm.rowsProperty().get();

    assertNull(rows.get(900), "not read yet: the table shows it empty for a moment");
    ConnectionRow loaded = rows.get(900);

    assertEquals(log.page(ConnectionQuery.ALL, 900, 1).get(0), loaded);
  }

  @Test
  void aTypeFilterNarrowsTheRowsTheCountAndKeepsTheOtherTypesOffered() throws Exception {
    syncedFrom(DemoConfig.defaults());
    int types = vm.facetValues(ConnectionFacet.FAMILY).size();

    vm.select(ConnectionFacet.FAMILY, Set.of("SSH"));

    long expected = reference(ConnectionQuery.ALL.withFamilies(Set.of(ConnectionType.SSH)));
    assertTrue(expected > 0 && expected < 1_200, "the demo has some SSH sessions: " + expected);
    assertEquals(expected, vm.matchingProperty().get());
    assertEquals(String.format("%,d of 1,200 connections", expected), vm.countTextProperty().get());
    ConnectionRows rows = vm.rowsProperty().get();
    for (int i = 0; i < Math.min(rows.size(), ConnectionRows.PAGE_SIZE); i++) {
      assertEquals(ConnectionType.SSH, rows.get(i).family());
    }
    assertEquals(Set.of("SSH"), vm.selection(ConnectionFacet.FAMILY));
    assertEquals(types, vm.facetValues(ConnectionFacet.FAMILY).size(), "other types still offered");
  }

  @Test
  void ownerUserAndStatusFiltersCombineAsTheReferenceSays() throws Exception {
    syncedFrom(DemoConfig.defaults());
    String owner = vm.facetValues(ConnectionFacet.OWNER).get(0).value();

    vm.select(ConnectionFacet.OWNER, Set.of(owner));
    vm.select(ConnectionFacet.STATUS, Set.of("COMPLETED"));

    ConnectionQuery q =
        ConnectionQuery.ALL.withOwner(owner).withStatuses(Set.of(ConnectionStatus.COMPLETED));
    assertEquals(reference(q), vm.matchingProperty().get());
    assertTrue(vm.matchingProperty().get() > 0);
    assertEquals(Set.of(owner), vm.selection(ConnectionFacet.OWNER));
  }

  @Test
  void showingAWorkspaceAroundAnEventSwitchesToItsConnectionsWithinADay() throws Exception {
    syncedFrom(DemoConfig.defaults());
    ConnectionRow some = vm.rowsProperty().get().get(10);

    vm.showWorkspace(some.workspaceName(), some.connectTime());

    assertTrue(vm.shownProperty().get(), "the window shows the connection log");
    ConnectionRows rows = vm.rowsProperty().get();
    assertTrue(rows.size() > 0);
    assertEquals(
        vm.queryProperty().get().range().from(), some.connectTime().minus(Duration.ofDays(1)));
    for (int i = 0; i < Math.min(rows.size(), ConnectionRows.PAGE_SIZE); i++) {
      ConnectionRow r = rows.get(i);
      assertTrue(r.workspaceName().equalsIgnoreCase(some.workspaceName()));
      assertTrue(
          Duration.between(some.connectTime(), r.connectTime()).abs().compareTo(Duration.ofDays(1))
              <= 0);
    }
    assertEquals(reference(vm.queryProperty().get()), vm.matchingProperty().get());
  }

  @Test
  void aConnectionLinksToTheAuditEventsOfItsWorkspace() throws Exception {
    syncedFrom(DemoConfig.defaults());
    AtomicReference<String> asked = new AtomicReference<>();
    vm.setOnShowAuditEvents(asked::set);
    vm.shownProperty().set(true);
    ConnectionRow r = vm.rowsProperty().get().get(0);
    vm.selectedProperty().set(r);

    vm.showAuditEventsOfSelected();

    assertEquals(r.workspaceName(), asked.get());
    assertFalse(vm.shownProperty().get(), "the window is back on the audit log");
  }

  @Test
  void anOpenSessionsDurationGrowsWithTheClock() throws Exception {
    syncedFrom(DemoConfig.defaults());
    vm.select(ConnectionFacet.STATUS, Set.of("ONGOING"));
    ConnectionRow open = vm.rowsProperty().get().get(0);
    Instant now = Instant.now();

    String text = ConnectionText.duration(open, now);
    String later = ConnectionText.duration(open, now.plus(Duration.ofHours(2)));

    assertTrue(text.startsWith("ongoing, "), text);
    assertFalse(text.equals(later), "the duration of an open session follows the clock");
  }

  @Test
  void aDeploymentWithoutAConnectionLogSaysSoInOneSentence() throws Exception {
    syncedFrom(DemoConfig.defaults().withConnectionLog(false));

    assertEquals(0, vm.matchingProperty().get());
    assertEquals(
        "This deployment keeps no connection log: Coder records connections in a log of their"
            + " own since version 2.25.",
        vm.noticeProperty().get());
  }

  @Test
  void aHeaderClickSortsEveryMatchingRowInTheCacheAsTheReferenceOrderDoes() throws Exception {
    syncedFrom(DemoConfig.defaults());
    vm.select(ConnectionFacet.STATUS, Set.of()); // all 1,200, open sessions and web requests too

    for (ConnectionSort.Column c : ConnectionSort.Column.values()) {
      for (int click = 0; click < 2; click++) {
        vm.sortBy(c);
        ConnectionRows rows = vm.rowsProperty().get();
        ConnectionSort sort = vm.sortProperty().get();
        assertEquals(c, sort.column());
        // The view opens newest first, so time's first click is oldest first, as any other's.
        assertEquals(click == 0, sort.ascending(), "the first click ascends, the next flips");
        List<ConnectionRow> expected =
            everyRow().stream().sorted(sort.comparator(rows.now())).toList();
        List<ConnectionRow> all = log.page(ConnectionQuery.ALL, sort, rows.now(), 0, 1_200);
        assertEquals(ids(expected), ids(all), c + " " + sort.ascending());
        for (int i = 0; i < ConnectionRows.PAGE_SIZE; i++) {
          assertEquals(expected.get(i).id(), rows.get(i).id(), "the table's first page");
        }
        assertEquals(expected.get(1_000).id(), rowAt(rows, 1_000).id(), "a page read later");
      }
    }
  }

  @Test
  void copyingSelectedRowsWritesThemAsTabSeparatedTextReadingRowsNotLoadedYet() throws Exception {
    syncedFrom(DemoConfig.defaults());
    vm.sortBy(ConnectionSort.Column.USER);
    ConnectionRows rows = vm.rowsProperty().get();
    List<TableCopy.Column<ConnectionRow>> columns =
        List.of(
            new TableCopy.Column<>("User", ConnectionRow::username),
            new TableCopy.Column<>("Workspace", ConnectionRow::workspaceName));
    AtomicReference<String> copied = new AtomicReference<>();

    vm.copyRows(List.of(1_100, 3, 2), columns, copied::set);

    List<ConnectionRow> sorted = log.page(ConnectionQuery.ALL, rows.sort(), rows.now(), 0, 1_200);
    String expected =
        "User\tWorkspace\n" + line(sorted.get(2)) + line(sorted.get(3)) + line(sorted.get(1_100));
    assertEquals(expected, copied.get());
  }

  private static String line(ConnectionRow r) {
    return r.username() + "\t" + r.workspaceName() + "\n";
  }

  private static ConnectionRow rowAt(ConnectionRows rows, int i) {
    ConnectionRow r = rows.get(i);
    return r != null ? r : rows.get(i); // the first look reads its page (in this thread here)
  }

  private static List<String> ids(List<ConnectionRow> rows) {
    return rows.stream().map(ConnectionRow::id).toList();
  }
}
