package dev.auditdesk.ui.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.auditdesk.cache.CacheStats;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StatusBarViewModelTest {

  private static final Instant NOW = Instant.parse("2025-11-20T12:00:00Z");
  private final StatusBarViewModel vm =
      new StatusBarViewModel(
          Runnable::run, Runnable::run, Clock.fixed(NOW, ZoneOffset.UTC), ZoneId.of("UTC"));

  @Test
  void saysHowLongAgoTheLastSyncFinished() {
    assertEquals("Not synced yet", vm.syncTextProperty().get());
    vm.lastSyncProperty().set(NOW.minusSeconds(20));
    assertEquals("Synced just now", vm.syncTextProperty().get());
    vm.lastSyncProperty().set(NOW.minusSeconds(130));
    assertEquals("Synced 2 min ago", vm.syncTextProperty().get());
    vm.lastSyncProperty().set(NOW.minusSeconds(3 * 3600 + 5));
    assertEquals("Synced 3 h ago", vm.syncTextProperty().get());
    vm.lastSyncProperty().set(Instant.parse("2025-11-01T08:00:00Z"));
    assertEquals("Synced on 1 Nov 2025", vm.syncTextProperty().get());
  }

  @Test
  void showsLiveProgressThenAnErrorInPlainWords() {
    vm.syncingProperty().set(true);
    vm.syncedEventsProperty().set(12_340);
    vm.eventsPerSecondProperty().set(851.4);
    assertEquals("Syncing… 12,340 events · 851/s", vm.syncTextProperty().get());
    vm.syncingProperty().set(false);
    vm.syncErrorProperty().set("The deployment cannot be reached.");
    assertEquals("Sync failed: The deployment cannot be reached.", vm.syncTextProperty().get());
  }

  @Test
  void describesTheCacheAndItsSizeOnDisk() {
    vm.statsProperty()
        .set(
            new CacheStats(
                48_210,
                Instant.parse("2024-09-15T10:00:00Z"),
                NOW,
                Instant.EPOCH,
                88_000_000,
                NOW.minusSeconds(60)));
    assertEquals("48,210 events cached, since 15 Sep 2024", vm.cacheTextProperty().get());
    assertEquals("Cache 84 MB", vm.sizeTextProperty().get());
    assertEquals("", vm.retentionTextProperty().get(), "retention unknown: say nothing");
    assertEquals("Cache 3.5 MB", "Cache " + StatusBarViewModel.bytes(3_670_016));
    assertEquals("Cache 1.2 GB", "Cache " + StatusBarViewModel.bytes(1_288_490_189L));
  }
}
