package dev.auditdesk.ui.timeline;

import dev.auditdesk.cache.Histogram;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.timeline.TimelineViewModel.Timeline;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.css.CssMetaData;
import javafx.css.SimpleStyleableObjectProperty;
import javafx.css.StyleConverter;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.css.StyleableProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A histogram drawn on a canvas (crisp and fast at any number of bars): one bar per time bucket,
 * failed attempts stacked at its foot in the warning colour. Dragging across it reports a time
 * range; double-clicking reports "clear". Colours come from CSS ({@code -ad-bar-fill} etc.).
 */
public final class TimelineChart extends Region {

  private static final double AXIS_HEIGHT = 18;
  private static final double TOP_PAD = 6;
  private static final double MIN_DRAG_PX = 4;

  private final Canvas canvas = new Canvas();
  private final ObjectProperty<Timeline> timeline =
      new SimpleObjectProperty<>(this, "timeline", Timeline.EMPTY);
  private final ObjectProperty<java.util.Set<java.time.LocalDate>> unverifiedDays =
      new SimpleObjectProperty<>(this, "unverifiedDays", java.util.Set.of());
  private final ZoneId zone;
  private final Tooltip tooltip = new Tooltip();
  private BiConsumer<Instant, Instant> onRangeSelected = (a, b) -> {};
  private Runnable onClear = () -> {};
  private double dragStartX = Double.NaN;
  private double dragEndX = Double.NaN;
  private double hoverX = Double.NaN;
  private String words = "timeline";

  private final StyleableObjectProperty<Paint> barFill =
      new SimpleStyleableObjectProperty<>(BAR_FILL, this, "barFill", Color.web("#0969da"));
  private final StyleableObjectProperty<Paint> failedFill =
      new SimpleStyleableObjectProperty<>(FAILED_FILL, this, "failedFill", Color.web("#bf8700"));
  private final StyleableObjectProperty<Paint> selectionFill =
      new SimpleStyleableObjectProperty<>(
          SELECTION_FILL, this, "selectionFill", Color.web("#54aeff", 0.3));
  private final StyleableObjectProperty<Paint> hoverFill =
      new SimpleStyleableObjectProperty<>(HOVER_FILL, this, "hoverFill", Color.web("#54aeff"));
  private final StyleableObjectProperty<Paint> axisFill =
      new SimpleStyleableObjectProperty<>(AXIS_FILL, this, "axisFill", Color.GRAY);

  public TimelineChart(ZoneId zone) {
    this.zone = zone;
    getStyleClass().add("timeline-chart");
    getChildren().add(canvas);
    setMinHeight(48);
    setPrefHeight(96);
    tooltip.setShowDelay(javafx.util.Duration.millis(80));
    tooltip.setHideDelay(javafx.util.Duration.millis(50));
    Tooltip.install(this, tooltip);
    timeline.addListener((o, was, now) -> draw());
    unverifiedDays.addListener((o, was, now) -> draw());
    for (StyleableObjectProperty<Paint> p :
        List.of(barFill, failedFill, selectionFill, hoverFill, axisFill)) {
      p.addListener((o, was, now) -> draw());
    }
    addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
    addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
    addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
    addEventHandler(MouseEvent.MOUSE_MOVED, this::moved);
    addEventHandler(
        MouseEvent.MOUSE_EXITED,
        e -> {
          hoverX = Double.NaN;
          draw();
        });
    addEventHandler(
        MouseEvent.MOUSE_CLICKED,
        e -> {
          if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
            onClear.run();
          }
        });
  }

  public ObjectProperty<Timeline> timelineProperty() {
    return timeline;
  }

  /** UTC days the completeness record could not verify: marked in the warning colour. */
  public ObjectProperty<java.util.Set<java.time.LocalDate>> unverifiedDaysProperty() {
    return unverifiedDays;
  }

  /** Whether any unverified UTC day overlaps {@code [start, end)}. */
  private boolean unverifiedBetween(Instant start, Instant end) {
    for (java.time.LocalDate d : unverifiedDays.get()) {
      Instant a = d.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
      if (a.isBefore(end) && a.plus(java.time.Duration.ofDays(1)).isAfter(start)) {
        return true;
      }
    }
    return false;
  }

  public void setOnRangeSelected(BiConsumer<Instant, Instant> handler) {
    onRangeSelected = handler;
  }

  /** The prefix of the message keys the tooltips use ("timeline" for events). */
  public void setWords(String prefix) {
    words = prefix;
  }

  public void setOnClear(Runnable handler) {
    onClear = handler;
  }

  /** The text the tooltip shows at {@code x} (pixels from the left edge): bucket and counts. */
  public String describeAt(double x) {
    Timeline t = timeline.get();
    if (t.isEmpty() || plotWidth() <= 0) {
      return Messages.get(words + ".empty");
    }
    Instant start = bucketStartAt(x);
    Instant end = start.plus(t.bucket());
    Optional<Histogram.Bucket> b = bucketAt(start);
    long total = b.map(Histogram.Bucket::total).orElse(0L);
    long failed = b.map(Histogram.Bucket::failed).orElse(0L);
    NumberFormat n = NumberFormat.getIntegerInstance();
    String when = rangeLabel(start, end, t.bucket());
    String text =
        failed > 0
            ? Messages.get(words + ".tooltip.failed", when, n.format(total), n.format(failed))
            : Messages.get(words + ".tooltip", when, n.format(total));
    return unverifiedBetween(start, end)
        ? text + "\n" + Messages.get("timeline.tooltip.unverified")
        : text;
  }

  @Override
  protected void layoutChildren() {
    double w = snapSizeX(getWidth() - snappedLeftInset() - snappedRightInset());
    double h = snapSizeY(getHeight() - snappedTopInset() - snappedBottomInset());
    canvas.relocate(snappedLeftInset(), snappedTopInset());
    if (canvas.getWidth() != w || canvas.getHeight() != h) {
      canvas.setWidth(Math.max(0, w));
      canvas.setHeight(Math.max(0, h));
      draw();
    }
  }

  private double plotWidth() {
    return canvas.getWidth();
  }

  private double xOf(Instant t) {
    Timeline tl = timeline.get();
    double span = Duration.between(tl.from(), tl.to()).toMillis();
    return span <= 0 ? 0 : Duration.between(tl.from(), t).toMillis() / span * plotWidth();
  }

  private Instant instantAt(double x) {
    Timeline tl = timeline.get();
    double clamped = Math.max(0, Math.min(plotWidth(), x));
    long span = Duration.between(tl.from(), tl.to()).toMillis();
    return tl.from().plusMillis((long) (clamped / Math.max(1, plotWidth()) * span));
  }

  private Instant bucketStartAt(double x) {
    Timeline tl = timeline.get();
    Instant t = instantAt(Math.min(x, plotWidth() - 0.5));
    long b = tl.bucket().toMillis();
    long offset = Duration.between(tl.from(), t).toMillis();
    return tl.from().plusMillis(Math.floorDiv(offset, b) * b);
  }

  private Optional<Histogram.Bucket> bucketAt(Instant start) {
    List<Histogram.Bucket> bs = timeline.get().histogram().buckets();
    int i =
        Collections.binarySearch(
            bs.stream().map(Histogram.Bucket::start).toList(), start, Instant::compareTo);
    return i >= 0 ? Optional.of(bs.get(i)) : Optional.empty();
  }

  private void pressed(MouseEvent e) {
    if (e.getButton() == MouseButton.PRIMARY && !timeline.get().isEmpty()) {
      dragStartX = e.getX() - snappedLeftInset();
      dragEndX = dragStartX;
    }
  }

  private void dragged(MouseEvent e) {
    if (!Double.isNaN(dragStartX)) {
      dragEndX = e.getX() - snappedLeftInset();
      hoverX = dragEndX;
      tooltip.setText(selectionLabel());
      draw();
    }
  }

  private void released(MouseEvent e) {
    if (Double.isNaN(dragStartX)) {
      return;
    }
    double a = Math.min(dragStartX, dragEndX);
    double b = Math.max(dragStartX, dragEndX);
    dragStartX = Double.NaN;
    dragEndX = Double.NaN;
    draw();
    if (b - a >= MIN_DRAG_PX) {
      Instant from = bucketStartAt(a);
      Instant to = bucketStartAt(b).plus(timeline.get().bucket());
      onRangeSelected.accept(from, to);
    }
  }

  private void moved(MouseEvent e) {
    hoverX = e.getX() - snappedLeftInset();
    tooltip.setText(describeAt(hoverX));
    draw();
  }

  private String selectionLabel() {
    double a = Math.min(dragStartX, dragEndX);
    double b = Math.max(dragStartX, dragEndX);
    Duration bucket = timeline.get().bucket();
    return rangeLabel(bucketStartAt(a), bucketStartAt(b).plus(bucket), bucket);
  }

  private String rangeLabel(Instant start, Instant end, Duration bucket) {
    DateTimeFormatter day = DateTimeFormatter.ofPattern("EEE d MMM yyyy").withZone(zone);
    DateTimeFormatter dayTime = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm").withZone(zone);
    DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm").withZone(zone);
    if (bucket.compareTo(Duration.ofDays(1)) >= 0) {
      Instant lastDay = end.minusSeconds(1);
      return day.format(start).equals(day.format(lastDay))
          ? day.format(start)
          : day.format(start) + " – " + day.format(lastDay);
    }
    return day.format(start).equals(day.format(end.minusSeconds(1)))
        ? dayTime.format(start) + "–" + time.format(end)
        : dayTime.format(start) + " – " + dayTime.format(end);
  }

  private void draw() {
    GraphicsContext g = canvas.getGraphicsContext2D();
    double w = canvas.getWidth();
    double h = canvas.getHeight();
    g.clearRect(0, 0, w, h);
    Timeline t = timeline.get();
    double plotBottom = h - AXIS_HEIGHT;
    g.setStroke(axisFill.get());
    g.setLineWidth(1);
    g.strokeLine(0, snapLine(plotBottom), w, snapLine(plotBottom));
    if (t.isEmpty() || w <= 0) {
      return;
    }
    long peak = Math.max(1, t.peak());
    double plotHeight = plotBottom - TOP_PAD;
    double bucketPx = xOf(t.from().plus(t.bucket()));
    double gap = bucketPx > 4 ? 1 : 0;
    Instant hoverBucket =
        Double.isNaN(hoverX) || hoverX < 0 || hoverX > w ? null : bucketStartAt(hoverX);
    for (Histogram.Bucket b : t.histogram().buckets()) {
      double x = xOf(b.start());
      double bw = Math.max(1, bucketPx - gap);
      double total = Math.max(b.total() > 0 ? 1 : 0, b.total() / (double) peak * plotHeight);
      double failed = b.failed() == 0 ? 0 : Math.max(1, b.failed() / (double) peak * plotHeight);
      boolean hovered = b.start().equals(hoverBucket);
      g.setFill(hovered ? hoverFill.get() : barFill.get());
      g.fillRect(x, plotBottom - total, bw, total - failed);
      if (failed > 0) {
        g.setFill(failedFill.get());
        g.fillRect(x, plotBottom - failed, bw, failed);
      }
    }
    // Unverified days: a strip along the axis in the warning colour, so a gap in the proof shows.
    g.setFill(failedFill.get());
    for (java.time.LocalDate d : unverifiedDays.get()) {
      Instant a = d.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
      double x0 = Math.max(0, xOf(a));
      double x1 = Math.min(w, xOf(a.plus(java.time.Duration.ofDays(1))));
      if (x1 > x0) {
        g.fillRect(x0, plotBottom - 3, Math.max(2, x1 - x0), 3);
      }
    }
    drawAxisLabels(g, t, w, plotBottom);
    if (!Double.isNaN(dragStartX)) {
      double a = Math.max(0, Math.min(dragStartX, dragEndX));
      double b = Math.min(w, Math.max(dragStartX, dragEndX));
      double x0 = xOf(bucketStartAt(a));
      double x1 = xOf(bucketStartAt(b).plus(t.bucket()));
      g.setFill(selectionFill.get());
      g.fillRect(x0, 0, x1 - x0, plotBottom);
    }
  }

  private void drawAxisLabels(GraphicsContext g, Timeline t, double w, double plotBottom) {
    g.setFill(axisFill.get());
    g.setFont(Font.font(Font.getDefault().getFamily(), 10.5));
    g.setTextBaseline(VPos.TOP);
    g.setTextAlign(TextAlignment.LEFT);
    Duration bucket = t.bucket();
    DateTimeFormatter fmt =
        bucket.compareTo(Duration.ofDays(1)) >= 0
            ? DateTimeFormatter.ofPattern("d MMM yyyy")
            : Duration.between(t.from(), t.to()).compareTo(Duration.ofDays(1)) > 0
                ? DateTimeFormatter.ofPattern("d MMM HH:mm")
                : DateTimeFormatter.ofPattern("HH:mm");
    fmt = fmt.withZone(zone);
    double minGapPx = 90;
    double bucketPx = Math.max(0.01, xOf(t.from().plus(bucket)));
    long step = Math.max(1, (long) Math.ceil(minGapPx / bucketPx));
    List<Instant> ticks = new ArrayList<>();
    for (Instant i = t.from(); i.isBefore(t.to()); i = i.plus(bucket.multipliedBy(step))) {
      ticks.add(i);
    }
    for (Instant tick : ticks) {
      double x = xOf(tick);
      if (x + 60 > w) {
        break;
      }
      g.fillRect(snapLine(x) - 0.5, plotBottom, 1, 4);
      g.fillText(fmt.format(tick), x + 3, plotBottom + 3);
    }
  }

  private static double snapLine(double v) {
    return Math.floor(v) + 0.5;
  }

  private static final CssMetaData<TimelineChart, Paint> BAR_FILL =
      paint("-ad-bar-fill", c -> c.barFill);
  private static final CssMetaData<TimelineChart, Paint> FAILED_FILL =
      paint("-ad-failed-fill", c -> c.failedFill);
  private static final CssMetaData<TimelineChart, Paint> SELECTION_FILL =
      paint("-ad-selection-fill", c -> c.selectionFill);
  private static final CssMetaData<TimelineChart, Paint> HOVER_FILL =
      paint("-ad-hover-fill", c -> c.hoverFill);
  private static final CssMetaData<TimelineChart, Paint> AXIS_FILL =
      paint("-ad-axis-fill", c -> c.axisFill);

  private static final List<CssMetaData<? extends Styleable, ?>> CSS_META_DATA;

  static {
    List<CssMetaData<? extends Styleable, ?>> all = new ArrayList<>(Region.getClassCssMetaData());
    all.addAll(List.of(BAR_FILL, FAILED_FILL, SELECTION_FILL, HOVER_FILL, AXIS_FILL));
    CSS_META_DATA = Collections.unmodifiableList(all);
  }

  private static CssMetaData<TimelineChart, Paint> paint(
      String property,
      java.util.function.Function<TimelineChart, StyleableObjectProperty<Paint>> p) {
    return new CssMetaData<>(property, StyleConverter.getPaintConverter(), Color.GRAY) {
      @Override
      public boolean isSettable(TimelineChart c) {
        return !p.apply(c).isBound();
      }

      @Override
      public StyleableProperty<Paint> getStyleableProperty(TimelineChart c) {
        return p.apply(c);
      }
    };
  }

  public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
    return CSS_META_DATA;
  }

  @Override
  public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
    return CSS_META_DATA;
  }
}
