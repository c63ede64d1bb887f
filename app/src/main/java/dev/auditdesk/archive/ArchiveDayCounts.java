package dev.auditdesk.archive;

import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Exact counts from {@code audit_day_count} (migration 3): the events of each UTC day per action,
 * resource type, organization and build reason, kept by triggers on {@code audit_event}. A query
 * whose filters are only these and a date range is the sum of its whole days' rows plus a count of
 * the events in the part-days at either end of its range. Counting ten million events this way
 * reads about a hundred rows a day instead of every event.
 */
final class ArchiveDayCounts {

  private ArchiveDayCounts() {}

  /** True when the archive has the day counts (an archive from before migration 3 has not). */
  static boolean present(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement("SELECT to_regclass('audit_day_count') IS NOT NULL");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() && rs.getBoolean(1);
    }
  }

  /** True when {@code q} filters by nothing the day counts do not hold. */
  static boolean answers(AuditQuery q) {
    return q.users().isEmpty()
        && q.emails().isEmpty()
        && q.resourceTargets().isEmpty()
        && q.ids().isEmpty()
        && q.resourceId().isEmpty()
        && q.requestId().isEmpty()
        && q.text().isBlank();
  }

  /** How many events match {@code q}, which {@link #answers} must accept. */
  static long count(Connection c, AuditQuery q) throws SQLException {
    DateRange r = q.range();
    LocalDate first = r.hasFrom() ? dayOf(r.from().plus(1, ChronoUnit.DAYS).minusNanos(1)) : null;
    LocalDate end = r.hasTo() ? dayOf(r.to()) : null; // whole days are [first, end)
    if (first != null && end != null && !first.isBefore(end)) {
      return ArchiveEvents.count(c, q); // no whole day: the events themselves, a day or less
    }
    List<String> days = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    long n = 0;
    if (first != null) {
      days.add("day >= ?");
      params.add(first);
      n += edge(c, q, r.from(), start(first));
    }
    if (end != null) {
      days.add("day < ?");
      params.add(end);
      n += edge(c, q, start(end), r.to());
    }
    ArchiveFilter f = ArchiveFilter.of(q.withRange(DateRange.ALL));
    if (!days.isEmpty()) {
      f = f.and(String.join(" AND ", days), params);
    }
    try (PreparedStatement ps =
        c.prepareStatement("SELECT coalesce(sum(n), 0) FROM audit_day_count" + f.sql())) {
      f.bind(c, ps, 1);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return n + rs.getLong(1);
      }
    }
  }

  /** The matches in {@code [from, to)}, part of a day at an end of the range (none when empty). */
  private static long edge(Connection c, AuditQuery q, Instant from, Instant to)
      throws SQLException {
    return from.isBefore(to) ? ArchiveEvents.count(c, q.withRange(new DateRange(from, to))) : 0;
  }

  private static LocalDate dayOf(Instant t) {
    return LocalDate.ofInstant(t, ZoneOffset.UTC);
  }

  private static Instant start(LocalDate d) {
    return d.atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
