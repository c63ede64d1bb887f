package dev.auditdesk.cache;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The connection log's counts over time: its span and a histogram of a query's rows. */
final class ConnectionCounts {

  private ConnectionCounts() {}

  static Optional<ConnectionLogCache.Span> span(Connection c) throws SQLException {
    try (NamedSql s = new NamedSql(c, "SELECT MIN(connect_us), MAX(connect_us) FROM connection");
        ResultSet r = s.statement().executeQuery()) {
      r.next();
      long min = r.getLong(1);
      if (r.wasNull()) {
        return Optional.empty();
      }
      return Optional.of(new ConnectionLogCache.Span(instant(min), instant(r.getLong(2))));
    }
  }

  /** Rows per bucket counted from the epoch; failed ones are requests answered 400 or above. */
  static Histogram histogram(Connection c, ConnectionTable.Where w, Duration bucket)
      throws SQLException {
    // A number we computed, not user input: a literal, so SELECT and GROUP BY are one expression.
    String b = "(connect_us / " + bucket.getSeconds() * 1_000_000L + ")";
    List<Histogram.Bucket> out = new ArrayList<>();
    try (NamedSql s =
        new NamedSql(
            c,
            "SELECT "
                + b
                + " b, COUNT(*) n, SUM(CASE WHEN http_status >= 400 THEN 1 ELSE 0 END) f"
                + " FROM connection WHERE "
                + w.sql()
                + " GROUP BY "
                + b
                + " ORDER BY b")) {
      w.bind(s);
      try (ResultSet r = s.statement().executeQuery()) {
        while (r.next()) {
          out.add(
              new Histogram.Bucket(
                  Instant.ofEpochSecond(r.getLong("b") * bucket.getSeconds()),
                  r.getLong("n"),
                  r.getLong("f")));
        }
      }
    }
    return new Histogram(bucket, out);
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }
}
