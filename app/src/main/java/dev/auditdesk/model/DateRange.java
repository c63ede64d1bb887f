package dev.auditdesk.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

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

  /**
   * Whole local days {@code first}..{@code last} in {@code zone}; a null day leaves that side open.
   */
  public static DateRange ofDays(LocalDate first, LocalDate last, ZoneId zone) {
    return new DateRange(
        first == null ? Instant.MIN : first.atStartOfDay(zone).toInstant(),
        last == null ? Instant.MAX : last.plusDays(1).atStartOfDay(zone).toInstant());
  }

  /** The local day the range starts on in {@code zone}; null when it is open at the start. */
  public LocalDate firstDay(ZoneId zone) {
    return hasFrom() ? LocalDate.ofInstant(from, zone) : null;
  }

  /** The local day holding the range's last instant in {@code zone}; null when open at the end. */
  public LocalDate lastDay(ZoneId zone) {
    return hasTo() ? LocalDate.ofInstant(to.minusNanos(1), zone) : null;
  }
}
