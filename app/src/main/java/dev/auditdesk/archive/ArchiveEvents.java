package dev.auditdesk.archive;

import dev.auditdesk.cache.Histogram;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.FacetValue;
import dev.auditdesk.model.SortOrder;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The SQL of the {@code audit_event} table: upsert and every query, pushed down to PostgreSQL. */
final class ArchiveEvents {

  private static final String UPSERT = upsertSql();

  private ArchiveEvents() {}

  /**
   * Inserts new events and replaces changed ones (other JSON, same id) in one statement; the same
   * events twice change nothing. Returns what was stored, in the order given: new events with no
   * previous JSON, changed ones with the JSON they replaced (for the hash chain).
   */
  static List<ArchiveChain.Stored> upsert(Connection c, Collection<AuditEvent> events)
      throws SQLException {
    Map<String, AuditEvent> byId = new LinkedHashMap<>();
    for (AuditEvent e : events) {
      byId.put(EventRow.clean(e.id()), e); // one statement may not touch a row twice
    }
    int n = EventRow.COLUMNS.size();
    Object[][] columns = new Object[n][byId.size()];
    Map<String, Integer> order = new HashMap<>();
    int row = 0;
    for (AuditEvent e : byId.values()) {
      Object[] v = EventRow.values(e);
      for (int col = 0; col < n; col++) {
        columns[col][row] = v[col];
      }
      order.put((String) v[0], row);
      row++;
    }
    ArchiveChain.Stored[] stored = new ArchiveChain.Stored[row];
    try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
      for (int col = 0; col < n; col++) {
        Array a = c.createArrayOf(EventRow.TYPES.get(col), columns[col]);
        ps.setArray(col + 1, a);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String id = rs.getString(1);
          stored[order.get(id)] = new ArchiveChain.Stored(id, rs.getString(2), rs.getString(3));
        }
      }
    }
    List<ArchiveChain.Stored> out = new ArrayList<>(row);
    for (ArchiveChain.Stored s : stored) {
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  private static String upsertSql() {
    List<String> cols = EventRow.COLUMNS;
    StringBuilder unnest = new StringBuilder();
    StringBuilder set = new StringBuilder();
    for (int i = 0; i < cols.size(); i++) {
      unnest.append(i == 0 ? "" : ", ").append("?::").append(EventRow.TYPES.get(i)).append("[]");
      if (!cols.get(i).equals("id")) {
        set.append(set.length() == 0 ? "" : ", ")
            .append(cols.get(i))
            .append(" = EXCLUDED.")
            .append(cols.get(i));
      }
    }
    String names = String.join(", ", cols);
    // Every part of one statement sees the table as it was before it: "old" is the JSON replaced.
    return "WITH input AS (SELECT * FROM unnest("
        + unnest
        + ") AS i("
        + names
        + ")), old AS (SELECT a.id, a.raw FROM audit_event a JOIN input USING (id)),"
        + " up AS (INSERT INTO audit_event ("
        + names
        + ") SELECT * FROM input ON CONFLICT (id) DO UPDATE SET "
        + set
        + ", stored_at = now() WHERE audit_event.raw IS DISTINCT FROM EXCLUDED.raw"
        + " RETURNING id, raw) SELECT up.id, up.raw, old.raw FROM up LEFT JOIN old USING (id)";
  }

  static long count(Connection c, AuditQuery q) throws SQLException {
    ArchiveFilter f = ArchiveFilter.of(q);
    try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM audit_event" + f.sql())) {
      f.bind(c, ps, 1);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** The table's row count by its statistics; -1 before its first ANALYZE. */
  static long estimatedTotal(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT reltuples::bigint FROM pg_class WHERE oid = 'audit_event'::regclass");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : -1;
    }
  }

  /** The rows the planner expects the query's filter to match (the top plan node's Plan Rows). */
  static long plannedRows(Connection c, AuditQuery q) throws SQLException {
    ArchiveFilter f = ArchiveFilter.of(q);
    String sql = "EXPLAIN (FORMAT JSON) SELECT 1 FROM audit_event" + f.sql();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      f.bind(c, ps, 1);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        Matcher m = PLAN_ROWS.matcher(rs.getString(1));
        return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
      }
    }
  }

  /** The first "Plan Rows" of EXPLAIN's JSON is the top node's. */
  private static final Pattern PLAN_ROWS = Pattern.compile("\"Plan Rows\":\\s*([0-9.eE+]+)");

  /** One page: after {@code after} (a keyset bound, or null) skip {@code skip} rows. */
  static List<AuditEvent> page(
      Connection c, AuditQuery q, SortOrder order, Keyset.Key after, long skip, int limit)
      throws SQLException {
    ArchiveFilter f = ArchiveFilter.of(q);
    if (after != null) {
      f =
          f.and(
              Keyset.condition(order), List.of(ArchiveFilter.timestamp(after.time()), after.id()));
    }
    String sql =
        "SELECT "
            + EventRow.READ
            + " FROM audit_event"
            + f.sql()
            + " ORDER BY "
            + Keyset.orderBy(order)
            + " LIMIT ? OFFSET ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = f.bind(c, ps, 1);
      ps.setInt(i++, limit);
      ps.setLong(i, skip);
      List<AuditEvent> out = new ArrayList<>(Math.min(limit, 1_000));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(EventRow.read(rs));
        }
      }
      return out;
    }
  }

  /**
   * Streams every match in order through a server-side cursor (rows fetched 1,000 at a time), so an
   * export of millions holds one chunk in memory.
   */
  static void forEach(Connection c, AuditQuery q, SortOrder order, Consumer<AuditEvent> consumer)
      throws SQLException {
    ArchiveFilter f = ArchiveFilter.of(q);
    String sql =
        "SELECT "
            + EventRow.READ
            + " FROM audit_event"
            + f.sql()
            + " ORDER BY "
            + Keyset.orderBy(order);
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false); // the driver streams with a cursor only inside a transaction
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setFetchSize(1_000);
      f.bind(c, ps, 1);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          consumer.accept(EventRow.read(rs));
        }
      }
    } finally {
      c.rollback();
      c.setAutoCommit(auto);
    }
  }

  /**
   * The column of {@code audit_event} (and of the day counts, where they hold it) a facet lists.
   */
  static String column(Facet facet) {
    return switch (facet) {
      case RESOURCE_TYPE -> "resource_type";
      case ACTION -> "action";
      case RESOURCE_TARGET -> "resource_target";
      case USER -> "username";
      case ORGANIZATION -> "org_label";
    };
  }

  /** How many events matching {@code q} have each value of {@code col}. */
  static Map<String, Long> valueCounts(Connection c, String col, AuditQuery q) throws SQLException {
    ArchiveFilter f = ArchiveFilter.of(q);
    Map<String, Long> counts = new HashMap<>();
    String sql = "SELECT " + col + ", count(*) FROM audit_event" + f.sql() + " GROUP BY " + col;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      f.bind(c, ps, 1);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          counts.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return counts;
  }

  /**
   * A filter's list: its values by count, most first, each chosen one shown even without events.
   */
  static List<FacetValue> ordered(Map<String, Long> counts, Collection<String> chosen) {
    Map<String, Long> all = new HashMap<>(counts);
    for (String v : chosen) {
      all.putIfAbsent(v, 0L);
    }
    List<FacetValue> out = new ArrayList<>(all.size());
    all.forEach((v, n) -> out.add(new FacetValue(v, n)));
    out.sort(
        (a, b) ->
            a.count() != b.count()
                ? Long.compare(b.count(), a.count())
                : a.value().compareTo(b.value()));
    return out;
  }

  /** Bars of {@code bucket} aligned on the epoch, from the oldest match's bar to the newest's. */
  static Histogram histogram(Connection c, AuditQuery q, Duration bucket) throws SQLException {
    return filled(bars(c, q, widthMicros(bucket)), bucket);
  }

  static long widthMicros(Duration bucket) {
    return Math.max(1, bucket.toNanos() / 1_000);
  }

  /** The bars with events only, in time order ({@code width} in microseconds). */
  static List<Histogram.Bucket> bars(Connection c, AuditQuery q, long width) throws SQLException {
    ArchiveFilter f = ArchiveFilter.of(q);
    String sql =
        "SELECT date_bin(? * interval '1 microsecond', time, timestamptz '1970-01-01 00:00Z') b,"
            + " count(*), count(*) FILTER (WHERE status >= 400) FROM audit_event"
            + f.sql()
            + " GROUP BY b ORDER BY b";
    List<Histogram.Bucket> bars = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, width);
      f.bind(c, ps, 2);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          bars.add(
              new Histogram.Bucket(
                  rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getLong(2), rs.getLong(3)));
        }
      }
    }
    return bars;
  }

  /** {@code bars} (events only, in time order) with the empty bars between them put in. */
  static Histogram filled(List<Histogram.Bucket> bars, Duration bucket) {
    if (bars.isEmpty()) {
      return new Histogram(bucket, List.of());
    }
    long width = widthMicros(bucket);
    long first = Math.floorDiv(micros(bars.get(0).start()), width);
    long last = Math.floorDiv(micros(bars.get(bars.size() - 1).start()), width);
    if (last - first + 1 > 2_000_000) {
      throw new IllegalArgumentException(
          "A histogram with " + (last - first + 1) + " bars is too fine; choose a longer bucket.");
    }
    List<Histogram.Bucket> out = new ArrayList<>();
    int at = 0;
    for (long b = first; b <= last; b++) {
      Histogram.Bucket bar = bars.get(at);
      if (Math.floorDiv(micros(bar.start()), width) == b) {
        out.add(bar);
        at++;
      } else {
        out.add(new Histogram.Bucket(Instant.EPOCH.plus(b * width, ChronoUnit.MICROS), 0, 0));
      }
    }
    return new Histogram(bucket, out);
  }

  /** How many events the archive holds and the time they span (EPOCH when empty). */
  record Span(long events, Instant oldest, Instant newest) {}

  /** The span of the archive's {@code events}, counted by the caller (the day counts, or here). */
  static Span span(Connection c, long events) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT min(time), max(time) FROM audit_event");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      OffsetDateTime lo = rs.getObject(1, OffsetDateTime.class);
      OffsetDateTime hi = rs.getObject(2, OffsetDateTime.class);
      return new Span(
          events,
          lo == null ? Instant.EPOCH : lo.toInstant(),
          hi == null ? Instant.EPOCH : hi.toInstant());
    }
  }

  /** The table's size on the server's disk, indexes and TOAST included. */
  static long bytesOnDisk(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_total_relation_size('audit_event')");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
  }
}
