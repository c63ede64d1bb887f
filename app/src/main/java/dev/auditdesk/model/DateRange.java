package dev.auditdesk.model;

import java.time.Instant;

/**
 * A half-open time range {@code [from, to)}. {@link Instant#MIN} / {@link Instant#MAX} mean
 * unbounded on that side; {@link #ALL} is unbounded on both.
 */
public record DateRange(Instant from, Instant to) {

  public static final DateRange ALL = new DateRange(Instant.MIN, Instant.MAX);

  public DateRange {
    from = from == null ? Instant.MIN : from;
    to = to == null ? Instant.MAX : to;
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("A date range must start before it ends.");
    }
  }

  public boolean hasFrom() {
    return !from.equals(Instant.MIN);
  }

  public boolean hasTo() {
    return !to.equals(Instant.MAX);
  }

  public boolean isAll() {
    return !hasFrom() && !hasTo();
  }

  public boolean contains(Instant t) {
    return !t.isBefore(from) && t.isBefore(to);
  }
}
