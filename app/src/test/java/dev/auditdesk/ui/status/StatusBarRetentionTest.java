package dev.auditdesk.ui.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.SyncState;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.ui.testing.SampleEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/** The status bar says which cached events the server no longer has (read from a real cache). */
class StatusBarRetentionTest {

  @TempDir Path caches;

  @Test
  void saysHowManyEventsExistOnlyInTheCacheOnceTheServerPurgedThem() throws Exception {
    Instant start = Instant.parse("2025-06-01T00:00:00Z");
    try (AuditCache cache =
        CacheStore.open(
            caches,
            Deployment.parse("https://coder.example.com"),
            CacheStore.OpenMode.READ_WRITE)) {
      // 100 days, one event a day; the server's retention now starts at day 30.
      cache.upsert(SampleEvents.series(100, start, Duration.ofDays(1), "ret"));
      StatusBarViewModel vm =
          new StatusBarViewModel(Runnable::run, Runnable::run, ZoneId.of("UTC"));

      vm.cacheProperty().set(cache);
      assertEquals("100 events cached, since 1 Jun 2025", vm.cacheTextProperty().get());
      assertEquals("", vm.retentionTextProperty().get(), "the server's reach is not known yet");

      cache.saveSyncState(SyncState.NEVER.withServerOldest(start.plus(Duration.ofDays(30))));
      vm.refreshCache();
      WaitForAsyncUtils.waitFor(
          5, TimeUnit.SECONDS, () -> !vm.retentionTextProperty().get().isEmpty());
      assertEquals(
          "30 older than the server’s retention (1 Jul 2025) — kept only in this cache",
          vm.retentionTextProperty().get());

      cache.saveSyncState(SyncState.NEVER.withServerOldest(start));
      vm.refreshCache();
      assertEquals("All on the server too (since 1 Jun 2025)", vm.retentionTextProperty().get());
    }
  }
}
