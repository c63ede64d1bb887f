package dev.auditdesk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.ConnectionLogCache;
import dev.auditdesk.cache.ConnectionSyncState.Availability;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.coder.CoderClient;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.ConnectionFacet;
import dev.auditdesk.model.ConnectionQuery;
import dev.auditdesk.model.ConnectionRow;
import dev.auditdesk.model.ConnectionStatus;
import dev.auditdesk.model.ConnectionType;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.FacetValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection-log pass over real HTTP against the demo deployment into a real H2 file: each test
 * ends with the cache holding exactly the server's rows, as the server has them now.
 */
class ConnectionLogSyncTest {

  @TempDir Path root;
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private DemoServer server(DemoConfig cfg) {
    DemoServer s = DemoServer.start(cfg.withPort(0).withEvents(300).withSeed(11));
    open.add(s);
    return s;
  }

  private SyncEngine engine(DemoServer s, H2AuditCache cache) throws Exception {
    CoderClient c = CoderClient.create(new Deployment(s.url(), ""));
    open.add(c);
    c.login(s.email(), DemoServer.PASSWORD.toCharArray());
    return new SyncEngine(c, cache, SyncEngineTest.FAST.withPageSize(40));
  }

  private H2AuditCache cache(DemoServer s) throws Exception {
    H2AuditCache c =
        CacheStore.open(root, new Deployment(s.url(), ""), CacheStore.OpenMode.READ_WRITE);
    open.add(c);
    return c;
  }

  private static ConnectionLogResult sync(SyncEngine e) throws Exception {
    e.run(SyncListener.NONE, () -> false);
    return e.connectionLogResult().orElseThrow();
  }

  /** The cache holds exactly the server's rows, each as the server has it now. */
  private static void assertSameRows(DemoServer s, ConnectionLogCache c) {
    Set<String> server =
        s.connectionRows().stream().map(ConnectionRow::id).collect(Collectors.toSet());
    Set<String> held = new HashSet<>();
    c.forEach(ConnectionQuery.ALL, r -> held.add(r.id()));
    assertEquals(server.size(), held.size(), "as many rows as the server");
    assertEquals(server, held);
    for (ConnectionRow r : s.connectionRows()) {
      ConnectionRow mine = c.byId(r.id()).orElseThrow();
      assertEquals(r.status(), mine.status(), r.id());
      assertEquals(r.disconnectTime(), mine.disconnectTime(), r.id());
    }
  }

  @Test
  void fullSyncWithShuffledTiesAndSplitDaysEndsWithExactlyTheServersRows() throws Exception {
    // A cap of 25 splits every day (about 57 rows each); pages of 40 cut through tie groups.
    DemoServer s = server(DemoConfig.defaults().withCountCap(25));
    H2AuditCache cache = cache(s);
    ConnectionLogResult r = sync(engine(s, cache));
    assertTrue(r.available(), r.toString());
    assertFalse(r.failed(), r.failure());
    assertSameRows(s, cache.connections());
    assertEquals(1_200, r.total());
    assertTrue(r.completeness().complete(), r.completeness().toString());
    assertTrue(cache.connections().checks().values().stream().allMatch(d -> d.verified()));
  }

  @Test
  void incrementalSyncAddsNewRowsAndAsksFarLessThanTheFirst() throws Exception {
    DemoServer s = server(DemoConfig.defaults());
    H2AuditCache cache = cache(s);
    SyncEngine e = engine(s, cache);
    ConnectionLogResult first = sync(e);
    s.addConnections(25);
    ConnectionLogResult second = sync(e);
    assertSameRows(s, cache.connections());
    assertEquals(25, second.added());
    assertTrue(
        second.requests() < first.requests() / 2,
        first.requests() + " requests then " + second.requests());
  }

  @Test
  void aSessionThatEndsAfterTheFirstSyncShowsItsDisconnectAfterTheNext() throws Exception {
    DemoServer s = server(DemoConfig.defaults());
    H2AuditCache cache = cache(s);
    SyncEngine e = engine(s, cache);
    sync(e);
    List<String> ended = s.endOpenSessions(3);
    assertEquals(3, ended.size());
    for (String id : ended) {
      assertEquals(
          ConnectionStatus.ONGOING, cache.connections().byId(id).orElseThrow().status(), id);
    }
    ConnectionLogResult second = sync(e);
    assertEquals(3, second.changed());
    for (String id : ended) {
      ConnectionRow r = cache.connections().byId(id).orElseThrow();
      assertEquals(ConnectionStatus.COMPLETED, r.status(), id);
      assertTrue(r.disconnectTime().isPresent());
      assertEquals("client disconnected", r.sshInfo().disconnectReason());
    }
    assertSameRows(s, cache.connections());
  }

  @Test
  void aStoppedPassResumesWithoutReadingTheRecordedDaysAgain() throws Exception {
    DemoServer s = server(DemoConfig.defaults());
    H2AuditCache cache = cache(s);
    SyncEngine e = engine(s, cache);
    e.run(SyncListener.NONE, () -> s.connectionLogRequests() > 40);
    ConnectionLogResult stopped = e.connectionLogResult().orElseThrow();
    assertTrue(stopped.failed(), "stopped half-way");
    assertTrue(stopped.total() > 0 && stopped.total() < 1_200, stopped.toString());
    long recorded = cache.connections().checks().size();
    assertTrue(recorded > 0, "days recorded before the stop");
    ConnectionLogResult resumed = sync(e);
    assertFalse(resumed.failed(), resumed.failure());
    assertSameRows(s, cache.connections());
    assertTrue(
        resumed.fetched() < 1_200 - stopped.total() / 2,
        "recorded days are counted, not read again: fetched " + resumed.fetched());
    assertTrue(resumed.completeness().complete());
  }

  @Test
  void aServerWithoutTheConnectionLogSyncsItsAuditLogAndSaysSoOnce() throws Exception {
    DemoServer s = server(DemoConfig.defaults().withConnectionLog(false));
    H2AuditCache cache = cache(s);
    SyncEngine e = engine(s, cache);
    SyncResult audit = e.run(SyncListener.NONE, () -> false);
    assertEquals(s.visibleIds().size(), cache.total(), "the audit log is synced as usual");
    assertTrue(audit.fetched() > 0);
    ConnectionLogResult r = e.connectionLogResult().orElseThrow();
    assertEquals(Availability.NOT_SUPPORTED, r.availability());
    assertFalse(r.failed(), "no connection log is an outcome, not a failure");
    assertTrue(r.message().contains("no connection log"), r.message());
    assertEquals(1, r.requests(), "asked once, not retried");
    assertEquals(Availability.NOT_SUPPORTED, cache.connections().syncState().availability());
  }

  @Test
  void transientFailuresAreRetriedAndTheCopyStaysExact() throws Exception {
    DemoServer s =
        server(
            DemoConfig.defaults()
                .withConnectionFault(2, DemoConfig.Fault.UNAVAILABLE)
                .withConnectionFault(5, DemoConfig.Fault.TRUNCATED_JSON)
                .withConnectionFault(9, DemoConfig.Fault.RATE_LIMITED)
                .withRetryAfterSeconds(0));
    H2AuditCache cache = cache(s);
    ConnectionLogResult r = sync(engine(s, cache));
    assertFalse(r.failed(), r.failure());
    assertSameRows(s, cache.connections());
  }

  @Test
  void theFilterQueriesAgreeWithTheReferenceFilter() throws Exception {
    DemoServer s = server(DemoConfig.defaults());
    H2AuditCache cache = cache(s);
    sync(engine(s, cache));
    ConnectionLogCache c = cache.connections();
    List<ConnectionRow> all = s.connectionRows();
    ConnectionRow someone = all.get(40);
    List<ConnectionQuery> queries =
        List.of(
            ConnectionQuery.ALL,
            ConnectionQuery.ALL.withFamilies(Set.of(ConnectionType.VSCODE)),
            ConnectionQuery.ALL.withFamilies(Set.of(ConnectionType.OTHER)).withTypes(Set.of("zed")),
            ConnectionQuery.ALL.withStatuses(Set.of(ConnectionStatus.ONGOING)),
            ConnectionQuery.ALL.withOwner(someone.workspaceOwnerUsername()),
            ConnectionQuery.ALL.withUser(someone.username().toUpperCase()),
            ConnectionQuery.ALL
                .withFamilies(Set.of(ConnectionType.TUNNEL, ConnectionType.SSH))
                .withRange(
                    new DateRange(
                        someone.connectTime().minus(Duration.ofDays(3)), someone.connectTime())));
    for (ConnectionQuery q : queries) {
      List<ConnectionRow> expected = all.stream().filter(q::matches).toList();
      assertEquals(expected.size(), c.count(q), q.toString());
      List<String> page = c.page(q, 2, 10).stream().map(ConnectionRow::id).toList();
      assertEquals(
          expected.stream().skip(2).limit(10).map(ConnectionRow::connectTime).toList(),
          c.page(q, 2, 10).stream().map(ConnectionRow::connectTime).toList(),
          "newest first " + q);
      assertEquals(Math.min(10, Math.max(0, expected.size() - 2)), page.size());
    }
    ConnectionQuery vscode = ConnectionQuery.ALL.withFamilies(Set.of(ConnectionType.VSCODE));
    List<FacetValue> families = c.facetValues(ConnectionFacet.FAMILY, vscode);
    assertEquals(
        all.size(),
        families.stream().mapToLong(FacetValue::count).sum(),
        "a facet counts under the other filters, not its own");
    List<FacetValue> types = c.facetValues(ConnectionFacet.TYPE, ConnectionQuery.ALL);
    assertTrue(types.stream().anyMatch(v -> v.value().equals("cursor")));
    assertTrue(types.stream().anyMatch(v -> v.value().equals("zed")), "unknown types kept raw");
  }
}
