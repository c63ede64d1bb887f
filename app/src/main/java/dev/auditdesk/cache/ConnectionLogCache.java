package dev.auditdesk.cache;

import dev.auditdesk.format.AuditEventJson.MalformedEventException;
import dev.auditdesk.format.ConnectionRowJson;
import dev.auditdesk.model.Completeness;
import dev.auditdesk.model.ConnectionFacet;
import dev.auditdesk.model.ConnectionQuery;
import dev.auditdesk.model.ConnectionRow;
import dev.auditdesk.model.ConnectionSort;
import dev.auditdesk.model.DayCheck;
import dev.auditdesk.model.FacetValue;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The connection log in the same H2 file as the audit log ({@code H2AuditCache.connections()}): its
 * rows (upserted by id, since a session's row changes when it ends), the queries of the connection
 * filters (count, page, facets — plain SQL: the log is small beside the audit log), the
 * completeness record and the sync state. Writes take the audit cache's write lock; reads use its
 * reader pool.
 */
public final class ConnectionLogCache {

  /** What one upsert did: rows new to the cache, and rows that changed (a disconnect arrived). */
  public record Written(int added, int changed) {}

  private static final String ORDER = " ORDER BY connect_us DESC, id DESC";

  private final CacheDatabase db;
  private final ReentrantLock writeLock;
  private final HashChain chain;
  private volatile Boolean present;

  ConnectionLogCache(CacheDatabase db, ReentrantLock writeLock, HashChain chain) {
    this.db = db;
    this.writeLock = writeLock;
    this.chain = chain;
  }

  /** The connection log kept beside {@code cache}'s events; an empty one if it keeps none. */
  public static ConnectionLogCache of(AuditCache cache) {
    return cache instanceof H2AuditCache h2 ? h2.connections() : absent();
  }

  /**
   * The connection log of a store that keeps none (the team archive): empty, never synced, and a
   * write says so.
   */
  public static ConnectionLogCache absent() {
    ConnectionLogCache c =
        new ConnectionLogCache(
            null,
            new ReentrantLock(),
            new HashChain(HashChain.CONNECTIONS, w -> HashChain.DayTally.NONE));
    c.present = false;
    return c;
  }

  /** False only for an older cache file opened read-only (its schema has no connection table). */
  public boolean present() {
    Boolean p = present;
    if (p == null) {
      p = read(c -> Migrations.current(c) >= 6);
      present = p;
    }
    return p;
  }

  public Written upsert(Collection<ConnectionRow> rows) throws CacheException {
    return write(() -> ConnectionStore.upsert(db.writer(), rows, chain));
  }

  public long total() {
    return count(ConnectionQuery.ALL);
  }

  public long count(ConnectionQuery q) {
    ConnectionTable.Where w = ConnectionTable.where(q, "");
    return single("SELECT COUNT(*) FROM connection WHERE " + w.sql(), w);
  }

  /** Rows matching {@code q}, newest connect time first (ties by id), from {@code offset}. */
  public List<ConnectionRow> page(ConnectionQuery q, long offset, int limit) {
    return page(q, ConnectionSort.NEWEST_FIRST, Instant.now(), offset, limit);
  }

  /**
   * Rows matching {@code q} in {@code sort}'s order, from {@code offset}; open sessions' durations
   * are measured to {@code now} (the time the table shows them at).
   */
  public List<ConnectionRow> page(
      ConnectionQuery q, ConnectionSort sort, Instant now, long offset, int limit) {
    ConnectionTable.Where w = ConnectionTable.where(q, "");
    String order = ConnectionTable.orderBy(sort);
    return rows(
        "SELECT raw FROM connection WHERE " + w.sql() + order + " LIMIT :limit OFFSET :offset",
        w,
        s -> {
          s.set("limit", limit).set("offset", offset);
          if (order.contains(":now_us")) {
            s.set("now_us", ConnectionTable.micros(now));
          }
        });
  }

  /** Every matching row, newest first, read a chunk at a time by keyset (for exports). */
  public void forEach(ConnectionQuery q, Consumer<ConnectionRow> consumer) {
    ConnectionTable.Where w = ConnectionTable.where(q, "");
    long[] after = {Long.MAX_VALUE};
    String[] afterId = {"\uffff"};
    while (true) {
      List<ConnectionRow> chunk =
          rows(
              "SELECT raw FROM connection WHERE "
                  + w.sql()
                  + " AND (connect_us < :after_us OR (connect_us = :after_us AND id < :after_id))"
                  + ORDER
                  + " LIMIT 1000",
              w,
              s -> s.set("after_us", after[0]).set("after_id", afterId[0]));
      chunk.forEach(consumer);
      if (chunk.size() < 1000) {
        return;
      }
      ConnectionRow last = chunk.get(chunk.size() - 1);
      after[0] = ConnectionTable.micros(last.connectTime());
      afterId[0] = last.id();
    }
  }

  /**
   * The values of {@code facet} with their counts under the other filters of {@code q} (so choosing
   * a value never hides the others), most frequent first.
   */
  public List<FacetValue> facetValues(ConnectionFacet facet, ConnectionQuery q) {
    String column =
        switch (facet) {
          case FAMILY -> "family";
          case TYPE -> "type";
          case OWNER -> "owner";
          case USER -> "username";
          case WORKSPACE -> "workspace";
          case STATUS -> "status";
        };
    String skip = facet == ConnectionFacet.TYPE ? "family" : column;
    ConnectionTable.Where w = ConnectionTable.where(q, skip);
    if (!present()) {
      return List.of();
    }
    return read(
        c -> {
          List<FacetValue> out = new ArrayList<>();
          try (NamedSql s =
              new NamedSql(
                  c,
                  "SELECT "
                      + column
                      + " v, COUNT(*) n FROM connection WHERE "
                      + w.sql()
                      + " GROUP BY "
                      + column
                      + " ORDER BY n DESC, v")) {
            w.bind(s);
            try (ResultSet r = s.statement().executeQuery()) {
              while (r.next()) {
                out.add(new FacetValue(r.getString("v"), r.getLong("n")));
              }
            }
          }
          return out;
        });
  }

  /** The first and last connect time the log holds. */
  public record Span(Instant oldest, Instant newest) {}

  /** The connect times of every cached row, whatever the filters; empty for an empty log. */
  public java.util.Optional<Span> span() {
    return present() ? read(ConnectionCounts::span) : java.util.Optional.empty();
  }

  /**
   * Connections matching {@code q} per bucket (buckets counted from the epoch), failed requests
   * apart, oldest first: the Connections view's timeline.
   */
  public Histogram histogram(ConnectionQuery q, java.time.Duration bucket) {
    ConnectionTable.Where w = ConnectionTable.where(q, "");
    return present()
        ? read(c -> ConnectionCounts.histogram(c, w, bucket))
        : new Histogram(bucket, List.of());
  }

  /** The row with this id, if the cache holds it. */
  public java.util.Optional<ConnectionRow> byId(String id) {
    List<ConnectionRow> r =
        rows("SELECT raw FROM connection WHERE id = :id", null, s -> s.set("id", id));
    return r.stream().findFirst();
  }

  /** The ids held with a connect time in {@code [from, to]} (both inclusive, as the search's). */
  public Set<String> idsBetween(Instant from, Instant to) {
    if (!present()) {
      return Set.of();
    }
    return read(
        c -> {
          Set<String> ids = new HashSet<>();
          try (NamedSql s =
              new NamedSql(
                  c, "SELECT id FROM connection WHERE connect_us BETWEEN :from_us AND :to_us")) {
            s.set("from_us", ConnectionTable.micros(from)).set("to_us", ConnectionTable.micros(to));
            try (ResultSet r = s.statement().executeQuery()) {
              while (r.next()) {
                ids.add(r.getString("id"));
              }
            }
          }
          return ids;
        });
  }

  /** The sessions the cache holds as still open: the sync reads them again until they end. */
  public List<ConnectionRow> ongoing() {
    return rows("SELECT raw FROM connection WHERE status = 'ONGOING'" + ORDER, null, s -> {});
  }

  public NavigableMap<LocalDate, DayCheck> checks() {
    if (!present()) {
      return Collections.emptyNavigableMap();
    }
    return read(c -> Collections.unmodifiableNavigableMap(ConnectionCheckStore.read(c)));
  }

  /** Records days as checked; committed and written to the file, like the rows they describe. */
  public void saveChecks(Collection<DayCheck> checks) throws CacheException {
    write(
        () -> {
          ConnectionCheckStore.write(db.writer(), checks);
          chain.checkpointNow(
              db.writer(), HashChain.DayTally.of(ConnectionCheckStore.read(db.writer())));
          return null;
        });
  }

  public ConnectionSyncState syncState() {
    if (db == null) {
      return ConnectionSyncState.fromMeta(java.util.Map.of());
    }
    return read(
        c -> {
          java.util.Map<String, String> m = new java.util.HashMap<>();
          try (NamedSql s = new NamedSql(c, "SELECT k, v FROM meta WHERE k LIKE 'connections.%'");
              ResultSet r = s.statement().executeQuery()) {
            while (r.next()) {
              m.put(r.getString("k"), r.getString("v"));
            }
          }
          return ConnectionSyncState.fromMeta(m);
        });
  }

  public void saveSyncState(ConnectionSyncState s) throws CacheException {
    write(
        () -> {
          db.writeMeta(s.toMeta());
          return null;
        });
  }

  /** What the record proves, in the terms the audit log's completeness uses. */
  public Completeness completeness() {
    ConnectionSyncState s = syncState();
    return Completeness.of(checks().values(), s.historyRead(), s.lastSync());
  }

  // ------------------------------------------------------------------------------ plumbing

  private interface Sql<T> {
    T run(Connection c) throws SQLException;
  }

  private interface Bind {
    void bind(NamedSql s) throws SQLException;
  }

  private interface Work<T> {
    T run() throws SQLException;
  }

  private <T> T write(Work<T> w) throws CacheException {
    if (db == null) {
      throw new CacheException(
          CacheException.Problem.IO, "This store does not keep the connection log.", null);
    }
    writeLock.lock();
    try {
      if (db.closed()) {
        throw CacheErrors.closed(db.dbFile);
      }
      if (db.readOnly) {
        throw CacheErrors.readOnly(db.dbFile);
      }
      T out = w.run();
      db.commit();
      chain.committed();
      db.checkpoint(); // a committed page survives a kill, as the audit log's do
      return out;
    } catch (SQLException e) {
      db.rollbackQuietly();
      chain.rolledBack();
      throw db.translate(e);
    } catch (RuntimeException e) {
      db.rollbackQuietly();
      chain.rolledBack();
      throw e;
    } finally {
      writeLock.unlock();
    }
  }

  private <T> T read(Sql<T> sql) {
    Connection c = db.borrow();
    try {
      return sql.run(c);
    } catch (SQLException e) {
      CacheException ce = db.translate(e);
      throw new IllegalStateException(ce.getMessage(), ce);
    } finally {
      db.giveBack(c);
    }
  }

  private long single(String sql, ConnectionTable.Where w) {
    if (!present()) {
      return 0;
    }
    return read(
        c -> {
          try (NamedSql s = new NamedSql(c, sql)) {
            w.bind(s);
            try (ResultSet r = s.statement().executeQuery()) {
              r.next();
              return r.getLong(1);
            }
          }
        });
  }

  private List<ConnectionRow> rows(String sql, ConnectionTable.Where w, Bind more) {
    if (!present()) {
      return List.of();
    }
    return read(
        c -> {
          List<ConnectionRow> out = new ArrayList<>();
          try (NamedSql s = new NamedSql(c, sql)) {
            if (w != null) {
              w.bind(s);
            }
            more.bind(s);
            try (ResultSet r = s.statement().executeQuery()) {
              while (r.next()) {
                out.add(parse(r.getString("raw")));
              }
            }
          }
          return out;
        });
  }

  private static ConnectionRow parse(String raw) throws SQLException {
    try {
      return ConnectionRowJson.parse(raw);
    } catch (MalformedEventException e) {
      throw new SQLException("A stored connection row is unreadable: " + e.getMessage(), e);
    }
  }
}
