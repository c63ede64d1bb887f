package dev.auditdesk.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.coder.CoderClient;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.SortOrder;
import dev.auditdesk.sync.SyncEngine;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The archive's hash chain on a real PostgreSQL: an archive made at migration 1 with events gets
 * its chain once from {@code init}; a later sync adds links only for what is new; two writers at
 * once leave one unforked chain.
 */
class ArchiveChainTest {

  private static void sync(DemoServer server, PostgresArchive archive) throws Exception {
    try (CoderClient c = CoderClient.create(new Deployment(server.url(), ""))) {
      c.login(server.email(), DemoServer.PASSWORD.toCharArray());
      archive.rememberDeployment(new Deployment(server.url(), server.deploymentId()), "test");
      new SyncEngine(c, archive, ArchiveEndToEndTest.FAST).run(null, null);
    }
  }

  private static long links(ArchiveUrl url) throws Exception {
    try (Connection c = TestPostgres.get().admin(url.database());
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM archive_chain")) {
      r.next();
      return r.getLong(1);
    }
  }

  @Test
  void anArchiveOfVersionOneGetsItsChainOnceAndTheNextSyncAddsOnlyNewLinks() throws Exception {
    try (DemoServer server =
        DemoServer.start(DemoConfig.defaults().withEvents(2_500).withSeed(8).withPort(0))) {
      ArchiveUrl current = TestPostgres.get().newDatabase();
      PostgresArchive.init(current);
      List<AuditEvent> events = new ArrayList<>();
      try (PostgresArchive a = PostgresArchive.open(current)) {
        sync(server, a);
        a.forEach(AuditQuery.ALL, SortOrder.NEWEST_FIRST, events::add);
      }
      assertEquals(2_500, events.size());

      // An archive as AuditDesk before the chain left it: migration 1 and its events, no links.
      ArchiveUrl old = TestPostgres.get().newDatabase();
      assertEquals(1, PostgresArchive.migrate(old, "1").migrations());
      try (Connection c = TestPostgres.get().admin(old.database())) {
        c.setAutoCommit(false);
        ArchiveEvents.upsert(c, events);
        c.commit();
      }
      PostgresArchive.Initialised up = PostgresArchive.initialise(old);
      assertEquals(3, up.migrations(), "init applies migrations 2 to 4 only");
      assertEquals(2_500, up.chainBuilt().orElseThrow().events(), "built over the events there");
      assertEquals(2_500, links(old));
      assertTrue(
          PostgresArchive.initialise(old).chainBuilt().isEmpty(), "a second init builds nothing");
      assertEquals(2_500, links(old));

      try (PostgresArchive a = PostgresArchive.open(old)) {
        ArchiveVerification v = a.verify(Optional.empty());
        assertTrue(v.whole(), String.join("\n", v.lines()));
        assertTrue(
            String.join("\n", v.lines())
                .contains("was built on " + up.chainBuilt().get().at() + " over the 2500 events"),
            String.join("\n", v.lines()));

        server.addEvents(120);
        sync(server, a);
        assertEquals(2_620, links(old), "one link per new event, none for those already there");
        sync(server, a);
        assertEquals(2_620, links(old), "a sync with nothing new adds no link");
        v = a.verify(v.end());
        assertTrue(v.whole(), String.join("\n", v.lines()));
        assertEquals(2_620, v.chain().events());
        assertTrue(v.chain().lastCheckpoint().isPresent(), "days reconciled made a checkpoint");
        assertEquals(2_619, v.chain().lastCheckpoint().get().position());
      }
    }
  }

  @Test
  void twoWritersAtOnceLeaveOneChainAndAChangedEventKeepsItsOldJson() throws Exception {
    try (DemoServer server =
        DemoServer.start(DemoConfig.defaults().withEvents(3_000).withSeed(9).withPort(0))) {
      ArchiveUrl source = TestPostgres.get().newDatabase();
      PostgresArchive.init(source);
      List<AuditEvent> events = new ArrayList<>();
      try (PostgresArchive a = PostgresArchive.open(source)) {
        sync(server, a);
        a.forEach(AuditQuery.ALL, SortOrder.NEWEST_FIRST, events::add);
      }
      ArchiveUrl url = TestPostgres.get().newDatabase();
      PostgresArchive.init(url);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try (PostgresArchive one = PostgresArchive.open(url);
          PostgresArchive two = PostgresArchive.open(url)) {
        List<Future<?>> writes = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
          PostgresArchive writer = w == 0 ? one : two;
          int from = w;
          writes.add(
              pool.submit(
                  () -> {
                    // Overlapping pages: both writers store some of the same events.
                    for (int at = from * 100; at < events.size(); at += 200) {
                      writer.upsert(events.subList(at, Math.min(at + 300, events.size())));
                    }
                    return null;
                  }));
        }
        for (Future<?> f : writes) {
          f.get();
        }
        assertEquals(3_000, one.total());
        assertEquals(3_000, links(url), "each event linked once, by whichever writer stored it");
        ArchiveVerification v = one.verify(Optional.empty());
        assertTrue(v.whole(), String.join("\n", v.lines()));

        AuditEvent e = events.get(10);
        AuditEvent changed = e.withRawJson(e.rawJson().replace("\"id\":", "\"id\" :"));
        assertEquals(0, one.upsert(List.of(changed)), "a changed event is not a new one");
        assertEquals(3_001, links(url), "a changed event adds a link keeping its old JSON");
        v = two.verify(Optional.empty());
        assertTrue(v.whole(), String.join("\n", v.lines()));
        assertEquals(3_000, v.chain().events());
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
