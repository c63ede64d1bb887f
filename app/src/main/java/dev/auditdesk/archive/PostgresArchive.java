package dev.auditdesk.archive;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheException;
import dev.auditdesk.cache.CacheStats;
import dev.auditdesk.cache.ChainReport;
import dev.auditdesk.cache.Histogram;
import dev.auditdesk.cache.SyncState;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DayCheck;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.EventCount;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.FacetValue;
import dev.auditdesk.model.SortOrder;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A team archive: one deployment's audit log in a PostgreSQL database, behind the same {@link
 * AuditCache} the window, the sync engine, export and the CLI use with the H2 cache. Every query is
 * SQL on the server (filters on indexed columns, free text on a trigram index, facets by GROUP BY,
 * the histogram by date_bin, pages by keyset), so nothing of the archive is held in memory. The
 * schema comes from numbered migrations ({@link #init}). Thread-safe; every method blocks on the
 * network.
 */
public final class PostgresArchive implements AuditCache {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresArchive.class);

  private final ArchiveDatabase db;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final Keyset keyset = new Keyset();
  private volatile Deployment deployment;

  /** The archive has the day counts of migration 3 ({@link ArchiveDayCounts}). */
  private final boolean dayCounts;

  /** The archive has the text values of migration 4 ({@link ArchiveTextValues}). */
  private final boolean textValues;

  private PostgresArchive(
      ArchiveDatabase db, Deployment deployment, boolean dayCounts, boolean textValues) {
    this.db = db;
    this.deployment = deployment;
    this.dayCounts = dayCounts;
    this.textValues = textValues;
  }

  /**
   * Creates the archive's tables, or brings them to this version's schema; returns how many
   * migrations ran (0 when it was up to date).
   */
  public static int init(ArchiveUrl url) throws CacheException {
    return initialise(url).migrations();
  }

  /**
   * What {@link #initialise} did: migrations applied, and when one of them built the hash chain
   * over events the archive already held, when and over how many (said once: nothing is proven
   * about them before then).
   */
  public record Initialised(int migrations, Optional<ChainReport.Built> chainBuilt) {}

  /** {@link #init}, saying whether the chain was built over events already there. */
  public static Initialised initialise(ArchiveUrl url) throws CacheException {
    return migrate(url, "latest");
  }

  /** Migrations up to {@code target} only: how the tests make an archive of an older version. */
  static Initialised migrate(ArchiveUrl url, String target) throws CacheException {
    try (ArchiveDatabase d = new ArchiveDatabase(url)) {
      List<String> ran = d.migrate(target);
      LOG.info("Archive {} initialised: {} migrations applied", url.display(), ran.size());
      Optional<ChainReport.Built> built = Optional.empty();
      if (ran.contains("2")) {
        Connection c = null;
        try {
          c = d.borrow();
          built =
              ChainReport.Built.parse(ArchiveRecord.meta(c).get(ArchiveChain.META_BUILT))
                  .filter(b -> b.events() > 0);
          d.release(c, false);
        } catch (SQLException e) {
          d.release(c, true);
          throw d.translate(e);
        }
      }
      return new Initialised(ran.size(), built);
    }
  }

  /** Opens an archive that {@code archive init} prepared; a clear sentence when it cannot. */
  public static PostgresArchive open(ArchiveUrl url) throws CacheException {
    ArchiveDatabase d = new ArchiveDatabase(url);
    Connection c = null;
    try {
      c = d.borrow();
      Map<String, String> meta = ArchiveRecord.meta(c);
      boolean dayCounts = ArchiveDayCounts.present(c);
      boolean textValues = ArchiveTextValues.present(c);
      d.release(c, false);
      Deployment dep =
          ArchiveRecord.deployment(meta)
              .orElse(
                  new Deployment(
                      URI.create(
                          "postgresql://" + url.host() + ":" + url.port() + "/" + url.database()),
                      ""));
      LOG.info("Opened the archive {} ({})", url.display(), dep.label());
      if (!dayCounts || !textValues) {
        LOG.info(
            "The archive's schema is older than this version's (`archive init` brings it up to"
                + " date), or this role may not read its day counts or text values (GRANT SELECT"
                + " ON ALL TABLES, docs/ARCHIVE.md): counts are slower");
      }
      return new PostgresArchive(d, dep, dayCounts, textValues);
    } catch (SQLException e) {
      d.release(c, true);
      d.close();
      throw d.translate(e);
    }
  }

  /** Where the archive lives, without its password. */
  public ArchiveUrl url() {
    return db.url();
  }

  /** True once a sync has written a deployment into the archive. */
  public boolean holdsDeployment() {
    return !deployment.url().getScheme().equals("postgresql");
  }

  @Override
  public Deployment deployment() {
    return deployment;
  }

  @Override
  public boolean sharedArchive() {
    return true;
  }

  /**
   * Records which deployment the archive holds; refuses another one, so two deployments' logs are
   * never mixed in one completeness record.
   */
  public void rememberDeployment(Deployment d, String serverVersion) throws CacheException {
    write(
        c -> {
          Map<String, String> meta = ArchiveRecord.meta(c);
          String heldId = meta.getOrDefault("deployment_id", "");
          if (!heldId.isEmpty()
              && !d.deploymentId().isEmpty()
              && !heldId.equals(d.deploymentId())) {
            throw new CacheException(
                CacheException.Problem.IO,
                "The archive "
                    + db.url().display()
                    + " holds the audit log of "
                    + meta.get("deployment_url")
                    + " (deployment "
                    + heldId
                    + "), not of "
                    + d.url()
                    + ". One archive holds one deployment: use another database for this one.",
                null);
          }
          ArchiveRecord.putMeta(
              c,
              Map.of(
                  "deployment_url", d.url().toString(),
                  "deployment_id", d.deploymentId(),
                  "server_version", serverVersion == null ? "" : serverVersion));
          return null;
        });
    deployment = d;
  }

  @Override
  public int upsert(Collection<AuditEvent> events) throws CacheException {
    return upsert(events, null);
  }

  @Override
  public int upsert(Collection<AuditEvent> events, SyncState after) throws CacheException {
    if (events.isEmpty() && after == null) {
      return 0;
    }
    return write(
        c -> {
          int added = 0;
          if (!events.isEmpty()) {
            ArchiveChain.lock(c);
            List<ArchiveChain.Stored> stored = ArchiveEvents.upsert(c, events);
            ArchiveChain.append(c, stored, "");
            added = (int) stored.stream().filter(s -> s.replaced() == null).count();
          }
          if (after != null) {
            ArchiveRecord.putMeta(c, ArchiveRecord.syncStateMeta(after));
          }
          return added;
        });
  }

  @Override
  public long total() {
    return count(AuditQuery.ALL);
  }

  /**
   * Above this many events the total shown is PostgreSQL's estimate, on an archive without the day
   * counts: {@code count(*)} reads every row (~160 ms at 1M, docs/PERFORMANCE.md), the statistics
   * answer in a millisecond. With them the total is always exact.
   */
  public static final long ESTIMATE_ABOVE = 100_000;

  /**
   * The total: exact from the day counts, else from the statistics above {@link #ESTIMATE_ABOVE}.
   */
  @Override
  public EventCount totalCount() {
    if (dayCounts) {
      return EventCount.exact(total());
    }
    long estimate = read(ArchiveEvents::estimatedTotal);
    return estimate > ESTIMATE_ABOVE ? EventCount.estimate(estimate) : EventCount.exact(total());
  }

  /**
   * Above this many estimated matches a window shows the planner's estimate first and counts in the
   * background: at 10M an exact count of 43,877 matches under three filters took 313 ms, of 348,832
   * under two 3.3 s, while the estimate and the first page take a few milliseconds
   * (docs/PERFORMANCE.md). Below it the planner is often far off and counting is quick.
   */
  public static final long COUNT_ESTIMATE_ABOVE = 10_000;

  /**
   * The planner's estimate when it is above {@link #COUNT_ESTIMATE_ABOVE}; without filters the
   * total's estimate (above {@link #ESTIMATE_ABOVE}). Empty where counting is quick, as it is for
   * every query the day counts answer.
   */
  @Override
  public Optional<EventCount> quickCount(AuditQuery query) {
    if (dayCounted(query)) {
      return Optional.empty();
    }
    EventCount e = query.isAll() ? totalCount() : plannedCount(query);
    return e.estimated() && e.value() > COUNT_ESTIMATE_ABOVE ? Optional.of(e) : Optional.empty();
  }

  /**
   * How many match by the planner's estimate ({@code EXPLAIN}: Plan Rows), without counting; for
   * measuring how far an estimate is from the count (docs/PERFORMANCE.md).
   */
  public EventCount plannedCount(AuditQuery query) {
    return EventCount.estimate(read(c -> ArchiveEvents.plannedRows(c, query)));
  }

  @Override
  public long count(AuditQuery query) {
    return read(c -> count(c, query));
  }

  /** True when the day counts answer {@code query} (this archive has them, and it is theirs). */
  private boolean dayCounted(AuditQuery query) {
    return dayCounts && ArchiveDayCounts.answers(query);
  }

  private long count(Connection c, AuditQuery query) throws SQLException {
    return dayCounted(query)
        ? ArchiveDayCounts.count(c, query)
        : ArchiveEvents.count(c, indexed(c, query));
  }

  /**
   * {@code query} as the archive's indexes answer a count, a list or bars best, matching the same
   * events: free text that names targets only asked as those targets. Not for pages, which a
   * trigram index and the time order serve better than hundreds of targets.
   */
  private AuditQuery indexed(Connection c, AuditQuery query) throws SQLException {
    return textValues ? ArchiveTextValues.targetsFor(c, query) : query;
  }

  @Override
  public List<AuditEvent> page(AuditQuery query, SortOrder order, long offset, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    Keyset.Start start = keyset.start(query, order, offset);
    List<AuditEvent> rows =
        read(c -> ArchiveEvents.page(c, query, order, start.key(), start.skip(), limit));
    if (!rows.isEmpty()) {
      AuditEvent last = rows.get(rows.size() - 1);
      keyset.remember(
          query, order, offset + rows.size() - 1, new Keyset.Key(last.time(), last.id()));
    }
    return rows;
  }

  @Override
  public void forEach(AuditQuery query, SortOrder order, Consumer<AuditEvent> consumer) {
    read(
        c -> {
          ArchiveEvents.forEach(c, query, order, consumer);
          return null;
        });
  }

  @Override
  public List<FacetValue> facetValues(Facet facet, AuditQuery query) {
    return read(
        c ->
            ArchiveEvents.ordered(
                valueCounts(c, facet, query.without(facet)), query.values(facet)));
  }

  /**
   * How many events matching {@code others} have each value of the column {@code facet} lists: from
   * the day counts where they hold the column and the filters, else from the events.
   */
  private Map<String, Long> valueCounts(Connection c, Facet facet, AuditQuery others)
      throws SQLException {
    String col = ArchiveEvents.column(facet);
    return ArchiveDayCounts.holds(facet) && dayCounted(others)
        ? ArchiveDayCounts.valueCounts(c, col, others)
        : ArchiveEvents.valueCounts(c, col, indexed(c, others));
  }

  @Override
  public Histogram histogram(AuditQuery query, Duration bucket) {
    if (dayCounted(query) && ArchiveDayCounts.wholeDays(bucket)) {
      return read(
          c ->
              ArchiveEvents.filled(
                  ArchiveDayCounts.bars(c, query, ArchiveEvents.widthMicros(bucket)), bucket));
    }
    return read(c -> ArchiveEvents.histogram(c, indexed(c, query), bucket));
  }

  @Override
  public CacheStats stats() {
    return read(
        c -> {
          ArchiveEvents.Span s = ArchiveEvents.span(c, count(c, AuditQuery.ALL));
          SyncState state = ArchiveRecord.syncState(ArchiveRecord.meta(c));
          return new CacheStats(
              s.events(),
              s.oldest(),
              s.newest(),
              state.serverOldest(),
              ArchiveEvents.bytesOnDisk(c),
              state.lastSync());
        });
  }

  @Override
  public SyncState syncState() {
    return read(c -> ArchiveRecord.syncState(ArchiveRecord.meta(c)));
  }

  @Override
  public void saveSyncState(SyncState state) throws CacheException {
    upsert(List.of(), state);
  }

  @Override
  public NavigableMap<LocalDate, DayCheck> dayChecks() {
    return read(ArchiveRecord::dayChecks);
  }

  @Override
  public void saveDayChecks(Collection<DayCheck> checks) throws CacheException {
    write(
        c -> {
          ArchiveChain.lock(c);
          ArchiveRecord.saveDayChecks(c, checks);
          ArchiveChain.checkpointAtEnd(c, "days reconciled");
          return null;
        });
  }

  /**
   * Re-walks the archive's hash chain against its events now, in one snapshot through a cursor, so
   * a sync may run meanwhile; {@code noted} is a link the auditor wrote down after an earlier
   * verify. Reads only (an auditor's role may run it); minutes at ten million: off the FX thread.
   */
  public ArchiveVerification verify(Optional<ArchiveVerification.NotedLink> noted)
      throws CacheException {
    Connection c = null;
    boolean broken = false;
    try {
      c = db.borrow();
      c.setAutoCommit(false); // a server-side cursor needs a transaction
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      try {
        if (!ArchiveRecord.hasChain(c)) {
          throw new CacheException(
              CacheException.Problem.IO,
              "The archive "
                  + db.url().display()
                  + " has no hash chain yet: its owner runs 'auditdesk archive init --db ...'"
                  + " once to add it (built over the events it holds).",
              null);
        }
        return ArchiveChainVerifier.verify(c, noted);
      } finally {
        c.rollback();
        c.setReadOnly(false);
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      broken = true;
      throw db.translate(e);
    } finally {
      db.release(c, broken);
    }
  }

  @Override
  public void close() {
    db.close();
  }

  /** Work on one connection. */
  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection c) throws SQLException, CacheException;
  }

  /** A query; a failure is an unchecked exception carrying the plain sentence, as H2's are. */
  private <T> T read(SqlWork<T> work) {
    Connection c = null;
    boolean broken = false;
    try {
      c = db.borrow();
      return work.run(c);
    } catch (SQLException e) {
      broken = true;
      CacheException ce = db.translate(e);
      throw new IllegalStateException(ce.getMessage(), ce);
    } catch (CacheException e) {
      throw new IllegalStateException(e.getMessage(), e);
    } finally {
      db.release(c, broken);
    }
  }

  /** One transaction under the write lock; pages remembered for keyset paging are forgotten. */
  private <T> T write(SqlWork<T> work) throws CacheException {
    writeLock.lock();
    Connection c = null;
    boolean broken = false;
    try {
      c = db.borrow();
      c.setAutoCommit(false);
      try {
        T out = work.run(c);
        c.commit();
        return out;
      } catch (SQLException | CacheException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
        keyset.forget();
      }
    } catch (SQLException e) {
      broken = true;
      throw db.translate(e);
    } finally {
      db.release(c, broken);
      writeLock.unlock();
    }
  }
}
