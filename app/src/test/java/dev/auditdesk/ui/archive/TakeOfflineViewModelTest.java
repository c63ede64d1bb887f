package dev.auditdesk.ui.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.archive.ArchiveUrl;
import dev.auditdesk.archive.PostgresArchive;
import dev.auditdesk.archive.TestPostgres;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.Facet;
import dev.auditdesk.ui.testing.SampleEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.Executor;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File ▸ Take offline… without a window: a real archive on PostgreSQL, a real H2 cache folder, the
 * background and FX executors run in place so every step is over when a command returns.
 */
class TakeOfflineViewModelTest {

  static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  static final Deployment DEPLOYMENT = Deployment.parse("https://coder.example.com");

  @TempDir Path caches;
  PostgresArchive archive;
  final SimpleObjectProperty<AuditQuery> window = new SimpleObjectProperty<>(AuditQuery.ALL);

  @BeforeEach
  void fillArchive() throws Exception {
    ArchiveUrl db = TestPostgres.get().newDatabase();
    PostgresArchive.init(db);
    archive = PostgresArchive.open(db);
    archive.rememberDeployment(DEPLOYMENT, "test");
    // 5,000 events, one every 40 minutes: about 139 days up to NOW.
    Instant start = NOW.minus(Duration.ofMinutes(40L * 5_000));
    archive.upsert(SampleEvents.series(5_000, start, Duration.ofMinutes(40), "ev"));
  }

  @AfterEach
  void close() {
    archive.close();
  }

  TakeOfflineViewModel vm(Executor fx) {
    return new TakeOfflineViewModel(archive, window, caches, () -> NOW, Runnable::run, fx);
  }

  long offline(AuditQuery q) throws Exception {
    try (H2AuditCache local = CacheStore.open(caches, DEPLOYMENT, CacheStore.OpenMode.READ_ONLY)) {
      return local.count(q);
    }
  }

  @Test
  void takesTheWindowsFiltersOfflineThenFindsTheCopyEqualToTheArchive() throws Exception {
    AuditQuery bob = AuditQuery.ALL.with(Facet.USER, Set.of("bob"));
    window.set(bob);
    TakeOfflineViewModel vm = vm(Runnable::run);
    assertEquals("username:bob", vm.sliceTextProperty().get());

    vm.start();

    long expected = archive.count(bob);
    assertFalse(vm.job().runningProperty().get());
    assertFalse(vm.job().failedProperty().get(), vm.job().statusProperty().get());
    assertTrue(
        vm.job()
            .statusProperty()
            .get()
            .startsWith("Took " + String.format("%,d", expected) + " events"),
        vm.job().statusProperty().get());
    assertTrue(
        vm.job().statusProperty().get().contains("Open offline"), vm.job().statusProperty().get());
    assertEquals(1.0, vm.job().progressProperty().get());
    assertEquals(expected, offline(AuditQuery.ALL), "exactly bob's events are on the laptop");
    assertEquals(expected, offline(bob));

    vm.check();
    assertFalse(vm.job().failedProperty().get(), vm.job().statusProperty().get());
    assertTrue(
        vm.job()
            .statusProperty()
            .get()
            .contains("holds the same " + String.format("%,d", expected)),
        vm.job().statusProperty().get());
  }

  @Test
  void theLast30DaysPresetCopiesOnlyThoseDaysWithOrWithoutTheFilters() throws Exception {
    window.set(AuditQuery.ALL.with(Facet.ACTION, Set.of("login")));
    TakeOfflineViewModel vm = vm(Runnable::run);
    vm.datesProperty().set(TakeOfflineViewModel.Dates.LAST_30_DAYS);
    vm.withFiltersProperty().set(false);
    AuditQuery slice =
        AuditQuery.ALL.withRange(
            new DateRange(Instant.parse("2026-11-01T00:00:00Z"), DateRange.ALL.to()));
    assertEquals(slice, vm.slice());

    vm.start();

    long expected = archive.count(slice);
    assertTrue(expected > 0 && expected < archive.total());
    assertEquals(expected, offline(AuditQuery.ALL), vm.job().statusProperty().get());
    assertTrue(
        vm.job().statusProperty().get().contains("over 30 days"), vm.job().statusProperty().get());
  }

  @Test
  void cancelStopsTheCopyAndSaysWhatStaysOffline() throws Exception {
    TakeOfflineViewModel[] vm = new TakeOfflineViewModel[1];
    // The FX side hears the first batch's progress, then the user presses Cancel.
    Executor fx =
        r -> {
          r.run();
          if (vm[0].job().statusProperty().get().contains("copied")) {
            vm[0].cancel();
          }
        };
    vm[0] = vm(fx);

    vm[0].start();

    assertFalse(vm[0].job().runningProperty().get());
    assertFalse(vm[0].job().failedProperty().get());
    assertTrue(
        vm[0].job().statusProperty().get().startsWith("Cancelled after 2,000 events"),
        vm[0].job().statusProperty().get());
    assertEquals(2_000, offline(AuditQuery.ALL), "what was copied stays");
  }

  @Test
  void theCheckFindsTheDaysTheArchiveGainedSinceTheCopy() throws Exception {
    TakeOfflineViewModel vm = vm(Runnable::run);
    vm.start();
    assertFalse(vm.job().failedProperty().get(), vm.job().statusProperty().get());

    archive.upsert(
        SampleEvents.series(3, Instant.parse("2026-11-29T08:00:00Z"), Duration.ofMinutes(1), "x"));
    vm.check();

    assertTrue(vm.job().failedProperty().get());
    assertTrue(
        vm.job()
            .statusProperty()
            .get()
            .startsWith("The offline cache differs from the archive on 1 day"),
        vm.job().statusProperty().get());
    assertTrue(
        vm.job().statusProperty().get().contains("2026-11-29"), vm.job().statusProperty().get());
  }

  @Test
  void noFolderIsAPlainMessageAndCopiesNothing() {
    TakeOfflineViewModel vm = vm(Runnable::run);
    vm.folderProperty().set("  ");
    vm.start();
    assertTrue(vm.job().failedProperty().get());
    assertEquals("Choose the folder of the caches.", vm.job().statusProperty().get());
    assertFalse(vm.job().runningProperty().get());
  }
}
