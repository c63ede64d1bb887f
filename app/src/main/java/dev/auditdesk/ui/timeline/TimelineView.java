package dev.auditdesk.ui.timeline;

import dev.auditdesk.ui.common.Icons;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.timeline.TimelineViewModel.Timeline;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.ZoneId;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.material2.Material2AL;

/** The strip above the table: a title line and the histogram of the current query. */
public final class TimelineView extends VBox {

  private final TimelineViewModel vm;
  private final TimelineChart chart;
  private final Label summary = new Label();
  private final Button showAll = new Button(Messages.get("timeline.showAll"));

  public TimelineView(TimelineViewModel vm, ZoneId zone) {
    this.vm = vm;
    setId("timeline");
    getStyleClass().add("timeline");
    // The table below may shrink, the histogram not: squeezed bars say nothing.
    setMinHeight(Region.USE_PREF_SIZE);
    chart = new TimelineChart(zone);
    chart.setWords(vm.words());
    chart.setId("timeline-chart");
    chart.timelineProperty().bind(vm.timelineProperty());
    chart.unverifiedDaysProperty().bind(vm.unverifiedDaysProperty());
    chart.setOnRangeSelected(vm::select);
    chart.setOnClear(vm::clearRange);

    Label title = new Label(Messages.get(vm.words() + ".title"));
    title.getStyleClass().add("timeline-title");
    summary.setId("timeline-summary");
    summary.getStyleClass().add("timeline-summary");
    Label hint = new Label(Messages.get("timeline.hint"));
    hint.getStyleClass().add("timeline-hint");
    showAll.setId("timeline-show-all");
    showAll.setGraphic(Icons.of(Material2AL.CLOSE_FULLSCREEN));
    showAll.getStyleClass().addAll("flat", "small");
    showAll.setOnAction(e -> vm.clearRange());
    Region grow = new Region();
    HBox.setHgrow(grow, Priority.ALWAYS);
    HBox head = new HBox(10, title, summary, grow, hint, showAll);
    head.setAlignment(Pos.CENTER_LEFT);
    head.getStyleClass().add("timeline-head");

    getChildren().addAll(head, chart);
    VBox.setVgrow(chart, Priority.ALWAYS);
    vm.timelineProperty().addListener((o, was, now) -> update(now));
    vm.loadingProperty().addListener((o, was, now) -> update(vm.timelineProperty().get()));
    update(vm.timelineProperty().get());
  }

  public TimelineChart chart() {
    return chart;
  }

  private void update(Timeline t) {
    boolean ranged = vm.hasRange();
    showAll.setVisible(ranged);
    showAll.setManaged(ranged);
    if (vm.loadingProperty().get() && t.isEmpty()) {
      summary.setText(Messages.get("timeline.loading"));
      return;
    }
    if (t.isEmpty()) {
      summary.setText(Messages.get(vm.words() + ".none"));
      return;
    }
    NumberFormat n = NumberFormat.getIntegerInstance();
    summary.setText(
        Messages.get(
            vm.words() + ".summary", n.format(t.total()), unit(t.bucket()), n.format(t.peak())));
  }

  static String unit(Duration bucket) {
    if (bucket.compareTo(Duration.ofDays(7)) >= 0) {
      return Messages.get("timeline.unit.week");
    }
    if (bucket.compareTo(Duration.ofDays(1)) >= 0) {
      return Messages.get("timeline.unit.day");
    }
    if (bucket.compareTo(Duration.ofHours(1)) >= 0) {
      return Messages.get("timeline.unit.hour");
    }
    return Messages.get("timeline.unit.fiveMinutes");
  }
}
