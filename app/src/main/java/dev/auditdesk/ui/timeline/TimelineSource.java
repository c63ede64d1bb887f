package dev.auditdesk.ui.timeline;

import dev.auditdesk.cache.Histogram;
import dev.auditdesk.model.DateRange;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a timeline counts: a log's current filters (the audit log's query, the connection log's),
 * their date range, which a drag across the chart sets, and the counting itself.
 */
public interface TimelineSource {

  /** Calls {@code r} on the FX thread whenever the filters (or the log behind them) change. */
  void onChange(Runnable r);

  /** The filters' date range now. */
  DateRange range();

  /** Narrows (or with {@link DateRange#ALL} clears) the filters' date range. */
  void setRange(DateRange r);

  /**
   * The counting of the filters as they are now, taken on the FX thread and run in the background;
   * empty while there is nothing to count (no log open).
   */
  Optional<Count> capture();

  /** The counting of one set of filters. */
  interface Count {

    DateRange range();

    /** The oldest and newest time the log holds at all (the span of an open range). */
    Optional<Extent> extent();

    /** The matching rows per bucket, failed ones apart, oldest bucket first. */
    Histogram histogram(Duration bucket);
  }

  /** The first and last time a log holds. */
  record Extent(Instant oldest, Instant newest) {}

  /** The words of a timeline: the message keys start with this prefix ("timeline" for events). */
  default String words() {
    return "timeline";
  }
}
