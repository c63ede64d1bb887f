package dev.auditdesk.bench;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.FacetValue;
import dev.auditdesk.ui.app.AuditDeskApp;
import dev.auditdesk.ui.app.MainView;
import dev.auditdesk.ui.app.MainViewModel;
import dev.auditdesk.ui.login.LoginViewModel;
import dev.auditdesk.ui.table.EventRow;
import dev.auditdesk.ui.table.EventRows;
import dev.auditdesk.ui.timeline.TimelineView;
import dev.auditdesk.ui.timeline.TimelineViewModel.Timeline;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

/**
 * The main window over a large cache: how long a filter change takes until the count and the
 * visible rows are on screen, how long the FX thread is ever blocked while jumping and scrolling
 * through the table, and the heap it needs. Builds the cache once (synthetic, skewed events through
 * the real cache code) under {@code target/bench-ui-N}, then opens the real window offline on
 * Monocle's headless screen.
 *
 * <p>Run (from the repo root): {@code ./mvnw -q -o -pl app -am test-compile exec:exec
 * -Dexec.classpathScope=test -Dexec.executable=java "-Dexec.args=-Xmx300m -cp %classpath
 * dev.auditdesk.bench.UiBenchmark 1000000"}
 */
public final class UiBenchmark {

  private static final long STALL_PROBE_MS = 2;

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path home =
        Path.of(System.getProperty("bench.dir", "app/target/bench-ui-" + n)).toAbsolutePath();
    if (!System.getProperty("bench.display", "").equals("real")) {
      System.setProperty("glass.platform", "Monocle");
      System.setProperty("monocle.platform", "Headless");
      System.setProperty("prism.order", "sw");
      System.setProperty("headless.geometry", "1400x900-32");
    }
    System.setProperty("auditdesk.home", home.toString());
    System.setProperty("auditdesk.keyring", "off");
    Deployment d = new Deployment(URI.create("https://bench.example.com"), "bench-" + n);
    if (!"false".equals(System.getProperty("bench.build"))) {
      fill(home.resolve("data/caches"), d, n);
    }
    int size;
    try (AuditCache c =
        CacheStore.open(home.resolve("data/caches"), d, CacheStore.OpenMode.READ_ONLY)) {
      size = (int) c.total();
    }
    System.out.printf(Locale.ROOT, "measuring over a cache of %,d events%n", size);

    CountDownLatch started = new CountDownLatch(1);
    Platform.startup(started::countDown);
    started.await();
    AuditDeskApp app = new AuditDeskApp();
    onFx(
        () -> {
          app.start(new Stage());
          return null;
        });
    waitFor(
        () ->
            app.loginView().isPresent()
                && !onFx(() -> app.loginView().get().viewModel().offlineDeployments().isEmpty()));
    long openStart = System.nanoTime();
    System.out.printf(Locale.ROOT, "%s opening the window%n", java.time.LocalTime.now());
    onFx(
        () -> {
          LoginViewModel lvm = app.loginView().get().viewModel();
          lvm.offlineChoiceProperty()
              .set(
                  lvm.offlineDeployments().stream()
                      .filter(x -> x.url().equals(d.url()))
                      .findFirst()
                      .orElseThrow());
          lvm.openOffline();
          return null;
        });
    waitFor(() -> app.mainView().isPresent());
    MainView view = app.mainView().get();
    MainViewModel vm = view.viewModel();
    waitFor(
        () -> onFx(() -> vm.rowsProperty().get() != null && vm.matchingProperty().get() == size));
    System.out.printf(
        Locale.ROOT,
        "%s window open offline over %,d events: %d ms%n",
        java.time.LocalTime.now(),
        size,
        ms(openStart));
    waitFor(() -> onFx(() -> vm.facetsCurrentProperty().get()));
    System.out.printf(
        Locale.ROOT, "window open -> the four filter lists counted: %d ms%n", ms(openStart));

    StallMonitor stalls = new StallMonitor();
    stalls.start();

    List<AuditQuery> queries = queries(vm);
    long[] filterMs = new long[queries.size()];
    long[] facetMs = new long[queries.size()];
    long[] barsMs = new long[queries.size()];
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < queries.size(); i++) {
        CompletableFuture<Long> lists = new CompletableFuture<>();
        CompletableFuture<Long> bars = new CompletableFuture<>();
        filterMs[i] = filterChange(view, queries.get(i), lists, bars);
        facetMs[i] = TimeUnit.NANOSECONDS.toMillis(lists.get(30, TimeUnit.SECONDS));
        barsMs[i] = TimeUnit.NANOSECONDS.toMillis(bars.get(30, TimeUnit.SECONDS));
        applyAndWait(view, AuditQuery.ALL);
      }
    }
    for (int i = 0; i < queries.size(); i++) {
      System.out.printf(
          Locale.ROOT,
          "filter %-70s %,9d rows  %4d ms, filter lists %4d ms, timeline %4d ms%n",
          describe(queries.get(i)),
          vm.cache().count(queries.get(i)),
          filterMs[i],
          facetMs[i],
          barsMs[i]);
    }
    printMedian("filter change -> the timeline's bars drawn", barsMs, "");
    printMedian("filter change -> the four filter lists counted", facetMs, "");
    printMedian(
        "filter change -> count + visible rows",
        filterMs,
        " (" + filterMs.length + " queries, 2nd round)");
    long filterStall = stalls.maxAndReset();

    applyAndWait(view, AuditQuery.ALL);
    stalls.maxAndReset();
    long[] jumpMs = jumps(view, size, 200);
    Arrays.sort(jumpMs);
    long jumpStall = stalls.maxAndReset();
    System.out.printf(
        Locale.ROOT,
        "jump to a random row of %,d: rows visible after median %d ms, p95 %d ms, max %d ms (200 jumps)%n",
        size,
        jumpMs[jumpMs.length / 2],
        jumpMs[(int) (jumpMs.length * 0.95)],
        jumpMs[jumpMs.length - 1]);
    wheelSteps(view, size);
    long scrollStall = scroll(view, size, stalls);
    System.out.printf(
        Locale.ROOT,
        "longest FX-thread stall: during filter changes %d ms, during jumps %d ms, during continuous scrolling %d ms%n",
        filterStall,
        jumpStall,
        scrollStall);
    System.out.printf(
        Locale.ROOT,
        "pages held by the table: %d (of %d rows each)%n",
        onFx(() -> view.eventTable().rows().pagesHeld()),
        EventRows.PAGE_SIZE);

    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    var mem = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    System.out.printf(
        Locale.ROOT,
        "heap after GC: %d MB used (max heap %d MB)%n",
        mem.getUsed() >> 20,
        Runtime.getRuntime().maxMemory() >> 20);
    stalls.stopMonitor();
    onFx(
        () -> {
          app.stop();
          return null;
        });
    Platform.exit();
    System.exit(0);
  }

  /**
   * Filters the real window uses: top, middle and rare values, two facets at once, a date range,
   * text.
   */
  private static List<AuditQuery> queries(MainViewModel vm) {
    List<AuditQuery> q = new ArrayList<>();
    List<FacetValue> users = vm.facetValuesProperty(Facet.USER).get();
    List<FacetValue> actions = vm.facetValuesProperty(Facet.ACTION).get();
    List<FacetValue> types = vm.facetValuesProperty(Facet.RESOURCE_TYPE).get();
    List<FacetValue> targets = vm.facetValuesProperty(Facet.RESOURCE_TARGET).get();
    q.add(AuditQuery.ALL.with(Facet.ACTION, List.of(actions.get(0).value())));
    q.add(AuditQuery.ALL.with(Facet.ACTION, List.of(actions.get(actions.size() - 1).value())));
    q.add(AuditQuery.ALL.with(Facet.USER, List.of(users.get(0).value())));
    q.add(AuditQuery.ALL.with(Facet.USER, List.of(users.get(users.size() / 2).value())));
    q.add(AuditQuery.ALL.with(Facet.RESOURCE_TYPE, List.of(types.get(1).value())));
    q.add(
        AuditQuery.ALL.with(
            Facet.RESOURCE_TARGET, List.of(targets.get(targets.size() / 3).value())));
    q.add(
        AuditQuery.ALL
            .with(Facet.USER, List.of(users.get(1).value()))
            .with(Facet.RESOURCE_TYPE, List.of(types.get(0).value())));
    q.add(
        AuditQuery.ALL
            .with(Facet.ACTION, List.of(actions.get(0).value(), actions.get(2).value()))
            .with(Facet.RESOURCE_TYPE, List.of(types.get(0).value())));
    Instant newest = vm.cache().stats().newest();
    q.add(
        AuditQuery.ALL.withRange(
            new dev.auditdesk.model.DateRange(newest.minus(7, ChronoUnit.DAYS), Instant.MAX)));
    q.add(AuditQuery.ALL.withText("ws-1"));
    return q;
  }

  /** Prints the median and the largest of {@code ms}: "what: median N ms, max N ms" + suffix. */
  private static void printMedian(String what, long[] ms, String suffix) {
    long[] sorted = ms.clone();
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "%s: median %d ms, max %d ms%s%n",
        what,
        sorted[sorted.length / 2],
        sorted[sorted.length - 1],
        suffix);
  }

  private static String describe(AuditQuery q) {
    String s = dev.auditdesk.format.CoderQuery.render(q);
    return s.length() > 68 ? s.substring(0, 65) + "..." : s;
  }

  /**
   * Sets the query and waits until the count and the visible rows are laid out (checked after each
   * layout pulse); {@code lists} completes with the time until the four filter lists of the query
   * are handed to the view (the moment the view model says they are current); {@code bars} with the
   * time until the timeline has the query's bars.
   */
  private static long filterChange(
      MainView view, AuditQuery q, CompletableFuture<Long> lists, CompletableFuture<Long> bars)
      throws Exception {
    CompletableFuture<Long> done = new CompletableFuture<>();
    long[] start = new long[1];
    Platform.runLater(
        () -> {
          MainViewModel vm = view.viewModel();
          ChangeListener<Boolean> current =
              new ChangeListener<>() {
                @Override
                public void changed(
                    ObservableValue<? extends Boolean> o, Boolean was, Boolean now) {
                  EventRows rows = vm.rowsProperty().get();
                  if (now && rows != null && rows.query().equals(q)) {
                    o.removeListener(this);
                    lists.complete(System.nanoTime() - start[0]);
                  }
                }
              };
          vm.facetsCurrentProperty().addListener(current);
          ObjectProperty<Timeline> drawn =
              ((TimelineView) view.lookup("#timeline")).chart().timelineProperty();
          InvalidationListener barsIn =
              new InvalidationListener() {
                @Override
                public void invalidated(Observable o) {
                  drawn.get(); // valid again: the next change is heard too
                  if (!drawn.get().equals(Timeline.EMPTY)) {
                    o.removeListener(this);
                    bars.complete(System.nanoTime() - start[0]);
                  }
                }
              };
          drawn.addListener(barsIn);
          Runnable[] pulse = new Runnable[1];
          pulse[0] =
              () -> {
                EventRows rows = vm.rowsProperty().get();
                if (rows != null
                    && rows.query().equals(q)
                    && !vm.queryingProperty().get()
                    && visibleLoaded(view.eventTable().table())) {
                  view.getScene().removePostLayoutPulseListener(pulse[0]);
                  done.complete(System.nanoTime() - start[0]);
                } else {
                  Platform.requestNextPulse();
                }
              };
          view.getScene().addPostLayoutPulseListener(pulse[0]);
          start[0] = System.nanoTime();
          vm.queryModel().setQuery(q);
          Platform.requestNextPulse();
        });
    return TimeUnit.NANOSECONDS.toMillis(done.get(30, TimeUnit.SECONDS));
  }

  private static void applyAndWait(MainView view, AuditQuery q) throws Exception {
    if (onFx(() -> view.viewModel().queryModel().query().equals(q))) {
      return; // nothing changes, nothing to wait for
    }
    CompletableFuture<Long> lists = new CompletableFuture<>();
    CompletableFuture<Long> bars = new CompletableFuture<>();
    filterChange(view, q, lists, bars);
    lists.get(30, TimeUnit.SECONDS);
    bars.get(30, TimeUnit.SECONDS);
  }

  private static long[] jumps(MainView view, int n, int count) throws Exception {
    SplittableRandom r = new SplittableRandom(7);
    long[] out = new long[count];
    for (int i = 0; i < count; i++) {
      int target = r.nextInt(n);
      CompletableFuture<Long> done = new CompletableFuture<>();
      Platform.runLater(
          () -> {
            long start = System.nanoTime();
            TableView<EventRow> t = view.eventTable().table();
            Runnable[] pulse = new Runnable[1];
            pulse[0] =
                () -> {
                  if (visibleLoaded(t)) {
                    view.getScene().removePostLayoutPulseListener(pulse[0]);
                    done.complete(System.nanoTime() - start);
                  } else {
                    Platform.requestNextPulse();
                  }
                };
            view.getScene().addPostLayoutPulseListener(pulse[0]);
            view.eventTable().scrollToRow(target);
            Platform.requestNextPulse();
          });
      out[i] = TimeUnit.NANOSECONDS.toMillis(done.get(30, TimeUnit.SECONDS));
    }
    return out;
  }

  /**
   * What one mouse-wheel step (3 rows) costs the FX thread at several depths of the table: the
   * scroll plus the CSS and layout pass it causes, timed on the FX thread itself.
   */
  private static void wheelSteps(MainView view, int n) throws Exception {
    TableView<EventRow> t = view.eventTable().table();
    for (int at : new int[] {0, n / 10, n / 2, n - 100}) {
      onFx(
          () -> {
            view.eventTable().scrollToRow(at);
            return null;
          });
      Thread.sleep(300);
      long[] ms = new long[30];
      for (int i = 0; i < ms.length; i++) {
        ms[i] =
            onFx(
                () -> {
                  var flow = (javafx.scene.control.skin.VirtualFlow<?>) t.lookup(".virtual-flow");
                  long s = System.nanoTime();
                  flow.scrollPixels(3 * t.getFixedCellSize());
                  view.getScene().getRoot().applyCss();
                  view.getScene().getRoot().layout();
                  return (System.nanoTime() - s) / 1_000;
                });
        Thread.sleep(16);
      }
      Arrays.sort(ms);
      System.out.printf(
          Locale.ROOT,
          "wheel step (3 rows) near row %,d: FX thread %.1f ms median, %.1f ms max%n",
          at,
          ms[ms.length / 2] / 1000.0,
          ms[ms.length - 1] / 1000.0);
    }
  }

  /**
   * Scrolls 3 rows every 16 ms for 3 s from several places (like a trackpad); returns the longest
   * stall.
   */
  private static long scroll(MainView view, int n, StallMonitor stalls) throws Exception {
    stalls.maxAndReset();
    SplittableRandom r = new SplittableRandom(11);
    for (int burst = 0; burst < 5; burst++) {
      int at = r.nextInt(Math.max(1, n - 10_000));
      onFx(
          () -> {
            view.eventTable().scrollToRow(at);
            return null;
          });
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
      while (System.nanoTime() < end) {
        // What a wheel or trackpad does: move the flow by pixels, 3 rows per step.
        Platform.runLater(
            () -> {
              var t = view.eventTable().table();
              var flow = (javafx.scene.control.skin.VirtualFlow<?>) t.lookup(".virtual-flow");
              flow.scrollPixels(3 * t.getFixedCellSize());
            });
        Thread.sleep(16);
      }
    }
    onFx(() -> null);
    return stalls.maxAndReset();
  }

  private static boolean visibleLoaded(TableView<EventRow> t) {
    var flow = (javafx.scene.control.skin.VirtualFlow<?>) t.lookup(".virtual-flow");
    if (flow == null || flow.getFirstVisibleCell() == null) {
      return t.getItems().isEmpty();
    }
    int a = flow.getFirstVisibleCell().getIndex();
    int b = flow.getLastVisibleCell().getIndex();
    for (int i = Math.max(0, a); i <= b && i < t.getItems().size(); i++) {
      if (!t.getItems().get(i).loaded()) {
        return false;
      }
    }
    return true;
  }

  /** Measures how late a tiny runnable runs on the FX thread: the longest time it was blocked. */
  static final class StallMonitor extends Thread {
    private final AtomicLong max = new AtomicLong();
    private volatile boolean running = true;

    StallMonitor() {
      super("fx-stall-monitor");
      setDaemon(true);
    }

    @Override
    public void run() {
      while (running) {
        long t0 = System.nanoTime();
        CountDownLatch l = new CountDownLatch(1);
        Platform.runLater(l::countDown);
        try {
          l.await();
          long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
          max.accumulateAndGet(ms, Math::max);
          Thread.sleep(STALL_PROBE_MS);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    long maxAndReset() {
      return max.getAndSet(0);
    }

    void stopMonitor() {
      running = false;
    }
  }

  private static <T> T onFx(Supplier<T> s) {
    if (Platform.isFxApplicationThread()) {
      return s.get();
    }
    CompletableFuture<T> f = new CompletableFuture<>();
    Platform.runLater(
        () -> {
          try {
            f.complete(s.get());
          } catch (Throwable t) {
            f.completeExceptionally(t);
          }
        });
    try {
      return f.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private interface Check {
    boolean ok() throws Exception;
  }

  private static void waitFor(Check c) throws Exception {
    long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (!c.ok()) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException("timed out");
      }
      Thread.sleep(20);
    }
  }

  private static long ms(long start) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  // ---- building the cache: synthetic events, skewed like real use, through the real parser and
  // cache

  static void fill(Path caches, Deployment d, int n) throws Exception {
    try (AuditCache cache = CacheStore.open(caches, d, CacheStore.OpenMode.READ_WRITE)) {
      long have = cache.total();
      if (have >= n) {
        System.out.printf(Locale.ROOT, "cache %s already holds %,d events%n", caches, have);
        return;
      }
      long t0 = System.nanoTime();
      SyntheticEvents.inBatches(
          have,
          n,
          n,
          42 + have,
          (batch, done) -> {
            cache.upsert(batch);
            if ((have + done) % 100_000 == 0) {
              System.out.printf(
                  Locale.ROOT, "  built %,d events (%d s)%n", have + done, ms(t0) / 1000);
            }
          });
      System.out.printf(
          Locale.ROOT, "built a cache of %,d events in %d s%n", cache.total(), ms(t0) / 1000);
    }
  }
}
