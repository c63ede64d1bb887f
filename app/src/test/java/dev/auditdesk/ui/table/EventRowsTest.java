package dev.auditdesk.ui.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.SortOrder;
import dev.auditdesk.ui.testing.SampleEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The table's rows over a real cache, without a window: pages load, failures are said, ids found.
 */
class EventRowsTest {

  @TempDir Path home;

  private H2AuditCache open() throws Exception {
    H2AuditCache cache =
        CacheStore.open(
            home.resolve("caches"),
            Deployment.parse("https://rows.example.com"),
            CacheStore.OpenMode.READ_WRITE);
    cache.upsert(
        SampleEvents.series(
            250, Instant.parse("2026-01-01T00:00:00Z"), Duration.ofMinutes(1), "e"));
    return cache;
  }

  private static EventRows rows(H2AuditCache cache) {
    List<AuditEvent> first = cache.page(AuditQuery.ALL, SortOrder.NEWEST_FIRST, 0, 100);
    return new EventRows(
        cache, AuditQuery.ALL, SortOrder.NEWEST_FIRST, 250, first, Runnable::run, Runnable::run);
  }

  @Test
  void aPageTheCacheCannotReadIsNamedAndRetriedWhenAsked() throws Exception {
    H2AuditCache cache = open();
    EventRows rows = rows(cache);
    cache.close();

    assertNull(rows.get(180).event(), "a placeholder, not a wrong event");
    String failure = rows.failureProperty().get();
    assertTrue(failure.startsWith("Events 101\u2013200 could not be read"), failure);

    rows.retry();
    assertEquals(failure, rows.failureProperty().get(), "asked again, failed again");
  }

  @Test
  void anEventIsFoundByIdInLoadedPagesAndInTheCache() throws Exception {
    try (H2AuditCache cache = open()) {
      EventRows rows = rows(cache);
      String in40 = cache.page(AuditQuery.ALL, SortOrder.NEWEST_FIRST, 40, 1).get(0).id();
      String in220 = cache.page(AuditQuery.ALL, SortOrder.NEWEST_FIRST, 220, 1).get(0).id();
      List<Integer> found = new ArrayList<>();
      rows.locate(in40, 0, 100, found::add);
      rows.locate(in220, 150, 250, found::add);
      rows.locate(in220, 0, 100, found::add);
      assertEquals(List.of(40, 220, -1), found);
      assertEquals("", rows.failureProperty().get());
    }
  }
}
