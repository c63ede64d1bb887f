package dev.auditdesk.archive;

import dev.auditdesk.cache.Histogram;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.Facet;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Exact counts from {@code audit_day_count} (migration 3): the events of each UTC day, and the
 * failed ones, per action, resource type, organization and build reason, kept by triggers on {@code
 * audit_event}. Under filters that are only these and a date range, a count, the list of one of
 * these columns, or a timeline of whole days is the sum of its whole days' rows plus the events
 * themselves in the part-days at either end of the range: a few hundred rows a day instead of every
 * event.
 */
final class ArchiveDayCounts {

  private static final Duration DAY = Duration.ofDays(1);

  private ArchiveDayCounts() {}

  /**
   * True when the archive has the day counts (an archive from before migration 3 has not) and this
   * role may read them.
   */
  static boolean present(Connection c) throws SQLException {
    return ArchiveRecord.readable(c, "audit_day_count");
  }

  /**
   * True when {@code q} filters by nothing the day counts do not hold: it is the same query when
   * built from its actions, resource types, organizations, build reasons and dates alone (so a
   * filter added to {@link AuditQuery} later is never taken for one they hold).
   */
  static boolean answers(AuditQuery q) {
    AuditQuery held = AuditQuery.ALL.withRange(q.range()).withBuildReasons(q.buildReasons());
    for (Facet f : List.of(Facet.ACTION, Facet.RESOURCE_TYPE, Facet.ORGANIZATION)) {
      if (!q.values(f).isEmpty()) {
        held = held.with(f, q.values(f));
      }
    }
    return held.equals(q);
  }

  /** True when the day counts hold the column {@code facet} lists. */
  static boolean holds(Facet facet) {
    return facet == Facet.ACTION || facet == Facet.RESOURCE_TYPE || facet == Facet.ORGANIZATION;
  }

  /** How many events match {@code q}, which {@link #answers} must accept. */
  static long count(Connection c, AuditQuery q) throws SQLException {
    Optional<Days> days = Days.of(q.range());
    if (days.isEmpty()) {
      return ArchiveEvents.count(c, q); // no whole day: the events themselves, a day or less
    }
    long n = 0;
    for (DateRange edge : days.get().edges()) {
      n += ArchiveEvents.count(c, q.withRange(edge));
    }
    ArchiveFilter f = days.get().filter(q);
    try (PreparedStatement ps =
        c.prepareStatement("SELECT coalesce(sum(n), 0) FROM audit_day_count" + f.sql())) {
      f.bind(c, ps, 1);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return n + rs.getLong(1);
      }
    }
  }

  /**
   * How many events matching {@code q} ({@link #answers}) have each value of {@code col}, a column
   * the day counts hold ({@link #holds}).
   */
  static Map<String, Long> valueCounts(Connection c, String col, AuditQuery q) throws SQLException {
    Optional<Days> days = Days.of(q.range());
    if (days.isEmpty()) {
      return ArchiveEvents.valueCounts(c, col, q);
    }
    Map<String, Long> counts = new HashMap<>();
    for (DateRange edge : days.get().edges()) {
      ArchiveEvents.valueCounts(c, col, q.withRange(edge))
          .forEach((v, n) -> counts.merge(v, n, Long::sum));
    }
    ArchiveFilter f = days.get().filter(q);
    String sql = "SELECT " + col + ", sum(n) FROM audit_day_count" + f.sql() + " GROUP BY " + col;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      f.bind(c, ps, 1);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (rs.getLong(2) > 0) {
            counts.merge(rs.getString(1), rs.getLong(2), Long::sum);
          }
        }
      }
    }
    return counts;
  }

  /** True when bars of {@code bucket} are whole UTC days, which the day counts can fill. */
  static boolean wholeDays(Duration bucket) {
    return !bucket.isZero() && bucket.toNanos() % DAY.toNanos() == 0;
  }

  /**
   * The bars with events of {@code q} ({@link #answers}), {@code width} microseconds wide (whole
   * days, {@link #wholeDays}), in time order.
   */
  static List<Histogram.Bucket> bars(Connection c, AuditQuery q, long width) throws SQLException {
    Optional<Days> days = Days.of(q.range());
    if (days.isEmpty()) {
      return ArchiveEvents.bars(c, q, width);
    }
    Map<Instant, long[]> bars = new TreeMap<>();
    for (DateRange edge : days.get().edges()) {
      for (Histogram.Bucket b : ArchiveEvents.bars(c, q.withRange(edge), width)) {
        add(bars, b.start(), b.total(), b.failed());
      }
    }
    ArchiveFilter f = days.get().filter(q);
    String sql =
        "SELECT date_bin(? * interval '1 microsecond', day::timestamp AT TIME ZONE 'UTC',"
            + " timestamptz '1970-01-01 00:00Z') b, sum(n), sum(failed) FROM audit_day_count"
            + f.sql()
            + " GROUP BY b";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, width);
      f.bind(c, ps, 2);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (rs.getLong(2) > 0) {
            add(
                bars,
                rs.getObject(1, OffsetDateTime.class).toInstant(),
                rs.getLong(2),
                rs.getLong(3));
          }
        }
      }
    }
    List<Histogram.Bucket> out = new ArrayList<>(bars.size());
    bars.forEach((t, b) -> out.add(new Histogram.Bucket(t, b[0], b[1])));
    return out;
  }

  private static void add(Map<Instant, long[]> bars, Instant start, long total, long failed) {
    long[] b = bars.computeIfAbsent(start, t -> new long[2]);
    b[0] += total;
    b[1] += failed;
  }

  /**
   * A date range as the whole UTC days in it, {@code [first, end)} (null: unbounded), and the
   * part-days at its ends, whose events are counted themselves.
   */
  private record Days(LocalDate first, LocalDate end, List<DateRange> edges) {

    /** Empty when the range holds no whole day. */
    static Optional<Days> of(DateRange r) {
      LocalDate first = r.hasFrom() ? dayOf(r.from().plus(DAY).minusNanos(1)) : null;
      LocalDate end = r.hasTo() ? dayOf(r.to()) : null;
      if (first != null && end != null && !first.isBefore(end)) {
        return Optional.empty();
      }
      List<DateRange> edges = new ArrayList<>(2);
      if (first != null && r.from().isBefore(start(first))) {
        edges.add(new DateRange(r.from(), start(first)));
      }
      if (end != null && start(end).isBefore(r.to())) {
        edges.add(new DateRange(start(end), r.to()));
      }
      return Optional.of(new Days(first, end, edges));
    }

    /** The query's filters, over the day counts of these whole days. */
    ArchiveFilter filter(AuditQuery q) {
      ArchiveFilter f = ArchiveFilter.of(q.withRange(DateRange.ALL));
      List<String> days = new ArrayList<>();
      List<Object> params = new ArrayList<>();
      if (first != null) {
        days.add("day >= ?");
        params.add(first);
      }
      if (end != null) {
        days.add("day < ?");
        params.add(end);
      }
      return days.isEmpty() ? f : f.and(String.join(" AND ", days), params);
    }
  }

  private static LocalDate dayOf(Instant t) {
    return LocalDate.ofInstant(t, ZoneOffset.UTC);
  }

  private static Instant start(LocalDate d) {
    return d.atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
