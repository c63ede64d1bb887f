package dev.auditdesk.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.ConnectionLogCache;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.cache.Histogram;
import dev.auditdesk.coder.CoderClient;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.ConnectionFacet;
import dev.auditdesk.model.ConnectionQuery;
import dev.auditdesk.model.ConnectionRow;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.sync.SyncEngine;
import dev.auditdesk.sync.SyncListener;
import dev.auditdesk.sync.SyncSettings;
import dev.auditdesk.ui.connections.ConnectionsViewModel;
import dev.auditdesk.ui.timeline.TimelineViewModel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit timeline's view model over the connection log (as the window wires it), on a real H2
 * cache synced from the demo server; background work and FX hand-offs run in the caller.
 */
class ConnectionsTimelineTest {

  @TempDir Path caches;
  private final List<AutoCloseable> open = new ArrayList<>();
  private ConnectionLogCache log;
  private ConnectionsViewModel connections;
  private TimelineViewModel timeline;

  @BeforeEach
  void sync() throws Exception {
    DemoServer server =
        DemoServer.start(DemoConfig.defaults().withPort(0).withEvents(200).withSeed(5));
    open.add(server);
    Deployment d = new Deployment(server.url(), "");
    CoderClient client = CoderClient.create(d);
    open.add(client);
    client.login(server.email(), DemoServer.PASSWORD.toCharArray());
    H2AuditCache cache = CacheStore.open(caches, d, CacheStore.OpenMode.READ_WRITE);
    open.add(cache);
    new SyncEngine(client, cache, SyncSettings.defaults()).run(SyncListener.NONE, () -> false);
    log = cache.connections();
    connections = new ConnectionsViewModel(log, Runnable::run, Runnable::run);
    timeline =
        new TimelineViewModel(
            ConnectionsWiring.timelineSource(connections), Runnable::run, Runnable::run);
    connections.start();
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private List<ConnectionRow> matching(ConnectionQuery q) {
    List<ConnectionRow> all = new ArrayList<>();
    log.forEach(
        ConnectionQuery.ALL,
        r -> {
          if (q.matches(r)) {
            all.add(r);
          }
        });
    return all;
  }

  @Test
  void countsTheFilteredConnectionsPerBucketWithFailedAndDeniedOnesApart() {
    connections.select(ConnectionFacet.FAMILY, Set.of("TUNNEL", "PORT_FORWARDING", "SSH"));

    TimelineViewModel.Timeline t = timeline.timelineProperty().get();
    List<ConnectionRow> expected = matching(connections.queryProperty().get());
    assertTrue(expected.size() > 0 && expected.size() < 1_200, "a filtered part of the log");
    assertEquals(expected.size(), t.total(), "every matching connection in some bar");
    long failed = expected.stream().filter(ConnectionRow::failed).count();
    assertTrue(failed > 0, "the demo denies some tunnels");
    assertEquals(
        failed, t.histogram().buckets().stream().mapToLong(Histogram.Bucket::failed).sum());
    Duration bucket = t.bucket();
    for (Histogram.Bucket b : t.histogram().buckets()) {
      long inBar =
          expected.stream()
              .filter(
                  r ->
                      !r.connectTime().isBefore(b.start())
                          && r.connectTime().isBefore(b.start().plus(bucket)))
              .count();
      assertEquals(inBar, b.total(), "the bar at " + b.start());
    }
    assertEquals("timeline.connections", timeline.words());
  }

  @Test
  void draggingAcrossTheChartSetsTheConnectionFiltersDateRangeAndDoubleClickClearsIt() {
    Instant newest = log.span().orElseThrow().newest();
    Instant from = newest.minus(Duration.ofDays(2));

    timeline.select(newest.plusSeconds(1), from);

    DateRange r = connections.queryProperty().get().range();
    assertEquals(new DateRange(from, newest.plusSeconds(1)), r);
    long expected = matching(connections.queryProperty().get()).size();
    assertTrue(expected > 0 && expected < 1_200);
    assertEquals(expected, connections.matchingProperty().get());
    assertEquals(expected, timeline.timelineProperty().get().total(), "the timeline zoomed in");

    timeline.clearRange();

    assertEquals(DateRange.ALL, connections.queryProperty().get().range());
    assertEquals(1_200, timeline.timelineProperty().get().total());
  }
}
