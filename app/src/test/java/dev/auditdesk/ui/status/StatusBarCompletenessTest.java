package dev.auditdesk.ui.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.coder.CoderClient;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.DayCheck;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.sync.SyncEngine;
import dev.auditdesk.sync.SyncSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status bar's completeness note over a real cache synced from the demo deployment. */
class StatusBarCompletenessTest {

  @TempDir Path root;

  @Test
  void saysVerifiedThroughTheServersTodayThenHowManyDaysAreNot() throws Exception {
    StatusBarViewModel vm = new StatusBarViewModel(Runnable::run, Runnable::run, ZoneId.of("UTC"));
    try (DemoServer s = DemoServer.start(DemoConfig.defaults().withEvents(2_000).withPort(0));
        CoderClient c = CoderClient.create(new Deployment(s.url(), ""));
        H2AuditCache cache =
            CacheStore.open(root, new Deployment(s.url(), ""), CacheStore.OpenMode.READ_WRITE)) {
      vm.cacheProperty().set(cache);
      assertEquals("Not verified yet", vm.verifiedTextProperty().get());
      c.login(s.email(), DemoServer.PASSWORD.toCharArray());
      new SyncEngine(c, cache, SyncSettings.defaults()).run(null, null);
      vm.refreshCache();
      String today =
          DateTimeFormatter.ofPattern("d MMM yyyy", Locale.getDefault())
              .format(LocalDate.now(ZoneId.of("UTC")));
      assertEquals("Verified complete through " + today, vm.verifiedTextProperty().get());

      DayCheck some = cache.dayChecks().firstEntry().getValue();
      cache.saveDayChecks(
          List.of(
              new DayCheck(
                  some.day(),
                  DayCheck.State.UNVERIFIED,
                  some.serverCount() + 1,
                  some.cacheCount(),
                  some.windowCount() + 1,
                  some.seamCount(),
                  some.nextOlder(),
                  Instant.now(),
                  "The server counts one more.")));
      vm.refreshCache();
      assertEquals("1 day unverified", vm.verifiedTextProperty().get());
      assertEquals(some.day(), vm.completenessProperty().get().unverified().get(0).day());
    }
  }
}
