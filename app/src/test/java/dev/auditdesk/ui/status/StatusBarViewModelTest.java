package dev.auditdesk.ui.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.auditdesk.cache.CacheStats;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class StatusBarViewModelTest {

  private static final Instant NOW = Instant.parse("2025-11-20T12:00:00Z");
  private final StatusBarViewModel vm =
      new StatusBarViewModel(Runnable::run, Runnable::run, ZoneId.of("UTC"));

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
