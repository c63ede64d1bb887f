package dev.auditdesk.ui.filters;

import dev.auditdesk.model.DateRange;
import dev.auditdesk.ui.common.Messages;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.HBox;

/**
 * The date range of the query: presets (last 24 hours, 7 days, 30 days, all time) and from/to dates
 * in the local time zone. "To" includes the whole day, like Coder's {@code date_to}.
 */
public final class DateRangeBar extends HBox {

  private final Consumer<DateRange> setRange;
  private final ObservableValue<DateRange> range; // held: a binding only listens weakly
  private final MenuButton presets = new MenuButton();
  private final DatePicker from = new DatePicker();
  private final DatePicker to = new DatePicker();
  private final Label error = new Label();
  private boolean syncing;

  public DateRangeBar(QueryModel queryModel) {
    this(
        Bindings.createObjectBinding(() -> queryModel.query().range(), queryModel.queryProperty()),
        queryModel::setRange,
        "");
  }

  /**
   * The date range of any log's filters.
   *
   * @param range the filters' range now
   * @param setRange sets the filters' range
   * @param idPrefix put before the controls' ids ("conn-" for the connection log)
   */
  public DateRangeBar(
      ObservableValue<DateRange> range, Consumer<DateRange> setRange, String idPrefix) {
    super(6);
    this.setRange = setRange;
    this.range = range;
    setAlignment(Pos.CENTER_LEFT);
    getStyleClass().add("date-range-bar");
    presets.setId(idPrefix + "date-presets");
    presets
        .getItems()
        .addAll(
            preset("filter.date.24h", idPrefix + "date-24h", Duration.ofHours(24)),
            preset("filter.date.7d", idPrefix + "date-7d", Duration.ofDays(7)),
            preset("filter.date.30d", idPrefix + "date-30d", Duration.ofDays(30)),
            preset("filter.date.all", idPrefix + "date-all", null));
    from.setId(idPrefix + "date-from");
    to.setId(idPrefix + "date-to");
    from.setPromptText(Messages.get("filter.date.from"));
    to.setPromptText(Messages.get("filter.date.to"));
    from.setPrefWidth(142);
    to.setPrefWidth(142);
    error.getStyleClass().add("field-error");
    error.setManaged(false);
    error.setVisible(false);
    from.valueProperty().addListener((o, a, b) -> datesChanged());
    to.valueProperty().addListener((o, a, b) -> datesChanged());
    getChildren().addAll(presets, from, new Label("\u2013"), to, error);
    range.addListener((o, a, b) -> show(b));
    show(range.getValue());
  }

  private MenuItem preset(String key, String id, Duration span) {
    MenuItem item = new MenuItem(Messages.get(key));
    item.setId(id);
    item.setOnAction(
        e -> {
          DateRange r =
              span == null ? DateRange.ALL : new DateRange(Instant.now().minus(span), Instant.MAX);
          setRange.accept(r);
          presets.setText(Messages.get(key));
        });
    return item;
  }

  private void datesChanged() {
    if (syncing) {
      return;
    }
    ZoneId zone = ZoneId.systemDefault();
    LocalDate f = from.getValue();
    LocalDate t = to.getValue();
    if (f != null && t != null && f.isAfter(t)) {
      showError(Messages.get("filter.date.invalid"));
      return;
    }
    showError("");
    presets.setText(Messages.get("filter.date.custom"));
    setRange.accept(DateRange.ofDays(f, t, zone));
  }

  private void showError(String text) {
    error.setText(text);
    error.setVisible(!text.isEmpty());
    error.setManaged(!text.isEmpty());
  }

  private void show(DateRange r) {
    syncing = true;
    try {
      ZoneId zone = ZoneId.systemDefault();
      from.setValue(r.firstDay(zone));
      to.setValue(r.lastDay(zone));
      if (r.isAll()) {
        presets.setText(Messages.get("filter.date.all"));
      } else if (!isPresetText()) {
        presets.setText(Messages.get("filter.date.custom"));
      }
    } finally {
      syncing = false;
    }
  }

  private boolean isPresetText() {
    String t = presets.getText();
    return t != null
        && (t.equals(Messages.get("filter.date.24h"))
            || t.equals(Messages.get("filter.date.7d"))
            || t.equals(Messages.get("filter.date.30d")));
  }
}
