package dev.auditdesk.ui.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.Facet;
import dev.auditdesk.ui.app.Themes;
import dev.auditdesk.ui.testing.Fx;
import dev.auditdesk.ui.testing.SampleEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

class TimelineViewTest extends ApplicationTest {

  private static final Instant START = Instant.parse("2025-11-17T00:00:00Z");

  @TempDir static Path caches;

  private final SimpleObjectProperty<AuditQuery> query = new SimpleObjectProperty<>(AuditQuery.ALL);
  private final ExecutorService worker = Executors.newSingleThreadExecutor();
  private AuditCache cache;
  private TimelineViewModel vm;
  private TimelineView view;

  @Override
  public void start(Stage stage) throws Exception {
    cache =
        CacheStore.open(
            caches.resolve("t" + System.nanoTime()),
            Deployment.parse("https://coder.example.com"),
            CacheStore.OpenMode.READ_WRITE);
    // Two days, one event every 15 minutes: 48 hourly bars of 4 events, every fifth one failed.
    cache.upsert(SampleEvents.series(192, START, Duration.ofMinutes(15), "tl"));
    new Themes(() -> false).apply();
    vm = new TimelineViewModel(query, worker, Platform::runLater);
    view = new TimelineView(vm, ZoneOffset.UTC);
    Scene scene = new Scene(view, 968, 140);
    Themes.style(scene);
    stage.setScene(scene);
    stage.show();
    vm.cacheProperty().set(cache);
  }

  @AfterEach
  void close() throws Exception {
    FxToolkit.cleanupStages();
    worker.shutdownNow();
    worker.awaitTermination(5, TimeUnit.SECONDS);
    cache.close();
  }

  private void awaitBars(int n) throws Exception {
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () ->
            !vm.loadingProperty().get()
                && vm.timelineProperty().get().histogram().buckets().size() == n);
    WaitForAsyncUtils.waitForFxEvents();
  }

  /** Screen point at the middle of hour-bar {@code i} (of 48), half-way up. */
  private Point2D bar(int i, int bars) {
    TimelineChart c = view.chart();
    double w = c.getWidth() - c.snappedLeftInset() - c.snappedRightInset();
    double x = c.snappedLeftInset() + (i + 0.5) * w / bars;
    return c.localToScreen(x, c.getHeight() / 3);
  }

  @Test
  void countsEveryMatchingEventPerHourWithFailuresApart() throws Exception {
    awaitBars(48);
    TimelineViewModel.Timeline t = vm.timelineProperty().get();
    assertEquals(Duration.ofHours(1), t.bucket());
    assertEquals(192, t.total());
    assertEquals(192 / 5, t.histogram().buckets().stream().mapToLong(b -> b.failed()).sum());
    assertEquals(
        "192 events · bars per hour · busiest 4",
        lookup("#timeline-summary").queryLabeled().getText());
    String tip = Fx.get(() -> view.chart().describeAt(view.chart().getWidth() * 10.5 / 48));
    assertTrue(tip.startsWith("Mon 17 Nov 2025, 10:00–11:00\n4 events"), tip);
  }

  @Test
  void anUnverifiedDayIsMarkedAndItsBarsSaySo() throws Exception {
    awaitBars(48);
    double secondDay = view.chart().getWidth() * 30.5 / 48;
    assertTrue(
        !Fx.get(() -> view.chart().describeAt(secondDay)).contains("Not verified"),
        "a day nobody doubts says nothing");
    Fx.get(
        () -> {
          vm.unverifiedDaysProperty()
              .set(Set.of(START.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1)));
          return null;
        });
    String tip = Fx.get(() -> view.chart().describeAt(secondDay));
    assertTrue(tip.endsWith("Not verified against the server (see the status bar)"), tip);
    assertTrue(
        !Fx.get(() -> view.chart().describeAt(view.chart().getWidth() * 10.5 / 48))
            .contains("Not verified"),
        "the verified first day is not marked");
  }

  @Test
  void draggingAcrossBarsSetsTheDateRangeAndDoubleClickClearsIt() throws Exception {
    awaitBars(48);
    drag(bar(10, 48), MouseButton.PRIMARY).dropTo(bar(19, 48));
    WaitForAsyncUtils.waitForFxEvents();

    DateRange r = query.get().range();
    assertEquals(START.plus(Duration.ofHours(10)), r.from());
    assertEquals(START.plus(Duration.ofHours(20)), r.to());
    assertEquals(40, cache.count(query.get()), "ten hours of four events");
    awaitBars(10);
    assertEquals(40, vm.timelineProperty().get().total(), "the timeline zooms into the range");

    doubleClickOn(bar(3, 10));
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(DateRange.ALL, query.get().range());
    awaitBars(48);
  }

  @Test
  void followsTheOtherFiltersOfTheQuery() throws Exception {
    awaitBars(48);
    interact(() -> query.set(AuditQuery.ALL.with(Facet.USER, Set.of("alice"))));
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> vm.timelineProperty().get().total() == 64);
  }
}
