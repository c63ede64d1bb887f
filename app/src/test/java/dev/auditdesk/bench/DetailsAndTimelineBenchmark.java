package dev.auditdesk.bench;

import dev.auditdesk.cache.Histogram;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.ui.app.Themes;
import dev.auditdesk.ui.details.DetailsView;
import dev.auditdesk.ui.details.DetailsViewModel;
import dev.auditdesk.ui.timeline.TimelineChart;
import dev.auditdesk.ui.timeline.TimelineViewModel;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/**
 * How long the details pane takes to show the next event (what an arrow key press costs) and how
 * long the timeline takes to redraw, both including CSS and layout, on the JavaFX thread.
 *
 * <p>Run: {@code ./mvnw -q -o -pl app -am test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.auditdesk.bench.DetailsAndTimelineBenchmark}
 */
public final class DetailsAndTimelineBenchmark {

  public static void main(String[] args) throws Exception {
    // Monocle's headless screen, as in the UI tests: no display needed.
    System.setProperty("glass.platform", "Monocle");
    System.setProperty("monocle.platform", "Headless");
    System.setProperty("prism.order", "sw");
    System.setProperty("prism.text", "t2k");
    System.setProperty("headless.geometry", "1400x900-32");
    CountDownLatch up = new CountDownLatch(1);
    Platform.startup(up::countDown);
    up.await();

    List<AuditEvent> events = events(400);
    SimpleObjectProperty<AuditQuery> query = new SimpleObjectProperty<>(AuditQuery.ALL);
    DetailsViewModel vm = new DetailsViewModel(query, s -> {}, ZoneId.systemDefault());
    TimelineChart chart = new TimelineChart(ZoneId.systemDefault());
    BorderPane root = new BorderPane();
    onFx(
        () -> {
          new Themes(() -> false).apply();
          root.setTop(chart);
          chart.setPrefHeight(110);
          root.setRight(new DetailsView(vm));
          Stage stage = new Stage();
          Scene scene = new Scene(root, 1400, 900);
          Themes.style(scene);
          stage.setScene(scene);
          stage.show();
          return null;
        });

    long[] select = new long[events.size()];
    for (int round = 0; round < 2; round++) { // the first round warms up the JIT
      for (int i = 0; i < events.size(); i++) {
        AuditEvent e = events.get(i);
        select[i] =
            onFx(
                () -> {
                  long t0 = System.nanoTime();
                  vm.eventProperty().set(e);
                  root.applyCss();
                  root.layout();
                  return System.nanoTime() - t0;
                });
        Thread.sleep(5);
      }
    }
    report("details pane: next event shown (set + CSS + layout)", select);
    long[] setOnly = new long[events.size()];
    for (int i = 0; i < events.size(); i++) {
      AuditEvent e = events.get(i);
      setOnly[i] =
          onFx(
              () -> {
                long t0 = System.nanoTime();
                vm.eventProperty().set(e);
                long t = System.nanoTime() - t0;
                root.applyCss();
                root.layout();
                return t;
              });
      Thread.sleep(5);
    }
    report("details pane: view model and nodes updated only", setOnly);

    for (int bars : new int[] {48, 365, 730}) {
      TimelineViewModel.Timeline t = timeline(bars);
      long[] draw = new long[200];
      for (int round = 0; round < 2; round++) {
        for (int i = 0; i < draw.length; i++) {
          TimelineViewModel.Timeline next = i % 2 == 0 ? t : timeline(bars - 1);
          draw[i] =
              onFx(
                  () -> {
                    long t0 = System.nanoTime();
                    chart.timelineProperty().set(next);
                    return System.nanoTime() - t0;
                  });
          // Let a pulse hand the drawing to the renderer, as it does between user actions.
          Thread.sleep(20);
        }
      }
      report("timeline: redraw with " + bars + " bars", draw);
    }
    Platform.exit();
  }

  private static void report(String what, long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    System.out.printf(
        "%-55s median %.2f ms, p95 %.2f ms, max %.2f ms (n=%d)%n",
        what,
        s[s.length / 2] / 1e6,
        s[(int) (s.length * 0.95)] / 1e6,
        s[s.length - 1] / 1e6,
        s.length);
  }

  private static <T> T onFx(java.util.concurrent.Callable<T> c) throws Exception {
    CompletableFuture<T> f = new CompletableFuture<>();
    Platform.runLater(
        () -> {
          try {
            f.complete(c.call());
          } catch (Exception e) {
            f.completeExceptionally(e);
          }
        });
    return f.get();
  }

  private static TimelineViewModel.Timeline timeline(int bars) {
    Random r = new Random(bars);
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    List<Histogram.Bucket> b = new ArrayList<>();
    for (int i = 0; i < bars; i++) {
      long total = r.nextInt(2000);
      b.add(new Histogram.Bucket(start.plus(Duration.ofDays(i)), total, total / 20));
    }
    return new TimelineViewModel.Timeline(
        new Histogram(Duration.ofDays(1), b), start, start.plus(Duration.ofDays(bars)));
  }

  private static List<AuditEvent> events(int n) throws Exception {
    List<AuditEvent> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder diff = new StringBuilder();
      for (int d = 0; d < Integer.getInteger("diffs", 12) && d < i % 12; d++) {
        diff.append(d == 0 ? "" : ",")
            .append(
                "\"field_%d\":{\"old\":\"value %d\",\"new\":\"value %d\",\"secret\":%s}"
                    .formatted(d, d, d + 1, d % 4 == 3));
      }
      out.add(
          AuditEventJson.parse(
              """
              {"id":"bench-%d","request_id":"req-%d","time":"2025-11-%02dT%02d:15:00Z",
               "ip":"10.1.2.%d","user_agent":"Mozilla/5.0 (X11; Linux x86_64) Firefox/131.0",
               "resource_type":"template","resource_id":"tpl-%d","resource_target":"tpl-%d",
               "resource_link":"/templates/tpl-%d","action":"%s","diff":{%s},
               "status_code":%d,"additional_fields":{"workspace_owner":"u%d","n":%d},
               "description":"{user} updated template {target}",
               "user":{"id":"u-%d","username":"user%d","email":"user%d@example.com","name":"User %d"}}
              """
                  .formatted(
                      i,
                      i,
                      1 + i % 28,
                      i % 24,
                      i % 250,
                      i,
                      i,
                      i,
                      i % 3 == 0 ? "write" : "create",
                      diff,
                      i % 7 == 0 ? 403 : 200,
                      i,
                      i,
                      i % 9,
                      i % 9,
                      i % 9,
                      i % 9)));
    }
    return out;
  }
}
