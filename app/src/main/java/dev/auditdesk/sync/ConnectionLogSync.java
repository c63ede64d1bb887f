package dev.auditdesk.sync;

import dev.auditdesk.cache.CacheException;
import dev.auditdesk.cache.ConnectionLogCache;
import dev.auditdesk.cache.ConnectionSyncState;
import dev.auditdesk.cache.ConnectionSyncState.Availability;
import dev.auditdesk.coder.CoderApi;
import dev.auditdesk.coder.ConnectionLogPage;
import dev.auditdesk.coder.ConnectionLogUnavailable;
import dev.auditdesk.format.ConnectionSearch;
import dev.auditdesk.model.ConnectionRow;
import dev.auditdesk.model.DayCheck;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection-log pass of a sync (docs/SYNC.md): the log in UTC day windows of {@code
 * connected_after}/{@code connected_before} (both inclusive, to the microsecond, so no seam),
 * newest day first; each day reconciled with the server's exact count and recorded; a window above
 * the count cap split in halves until each half's count is exact; a one-row probe below each day
 * finds the next older day with rows. Later syncs re-check recent days by count and follow the
 * record past older verified days. Finally every session the cache holds as open is read again (its
 * day's window), since its row changes when it ends. Runs after the audit log's walk; nothing here
 * can fail that walk.
 */
public final class ConnectionLogSync {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionLogSync.class);
  private static final long DAY_US = 86_400_000_000L;

  private final ConnectionLogCache cache;
  private final SyncSettings settings;
  private final BooleanSupplier cancelled;
  private final RunStats stats = new RunStats();
  private final PageReader pages;
  private final SyncListener listener;
  private final long startedNanos = System.nanoTime();
  private final Set<LocalDate> readThisRun = new HashSet<>();
  private long fetched;
  private long added;
  private long changed;

  public ConnectionLogSync(
      CoderApi api, ConnectionLogCache cache, SyncSettings settings, BooleanSupplier cancelled) {
    this(api, cache, settings, cancelled, SyncListener.NONE);
  }

  /** As above, telling {@code listener} after every page (phase {@code CONNECTIONS}). */
  public ConnectionLogSync(
      CoderApi api,
      ConnectionLogCache cache,
      SyncSettings settings,
      BooleanSupplier cancelled,
      SyncListener listener) {
    this.listener = listener == null ? SyncListener.NONE : listener;
    this.cache = cache;
    this.settings = settings;
    this.cancelled = cancelled == null ? () -> false : cancelled;
    this.pages = new PageReader(api, settings, stats, this::checkCancelled, m -> {});
  }

  /** Syncs the connection log once; {@code verifyAll} counts every day, as {@code --verify}. */
  public ConnectionLogResult run(boolean verifyAll) {
    long t0 = System.nanoTime();
    ConnectionSyncState before = cache.syncState();
    Availability availability = Availability.AVAILABLE;
    String message = "";
    String failure = "";
    try {
      walk(before, verifyAll);
      ConnectionRetention.markPurged(cache, pages);
      rereadOpenSessions();
      cache.saveSyncState(new ConnectionSyncState(Availability.AVAILABLE, "", true, now()));
    } catch (SyncException e) {
      if (e.getCause() instanceof ConnectionLogUnavailable u) {
        availability =
            u.reason() == ConnectionLogUnavailable.Reason.NOT_SUPPORTED
                ? Availability.NOT_SUPPORTED
                : Availability.NOT_PERMITTED;
        message = u.userMessage();
        saveQuietly(new ConnectionSyncState(availability, message, false, now()));
      } else {
        failure = "The connection log was not synced: " + e.getMessage();
      }
    } catch (PageReader.QueryRefused e) {
      failure = "The connection log was not synced: " + e.cause.userMessage();
    } catch (CacheException | IllegalStateException e) {
      failure = "The connection log was not saved: " + e.getMessage();
    }
    if (!failure.isEmpty()) {
      LOG.warn(failure);
    }
    ConnectionLogResult r =
        new ConnectionLogResult(
            availability,
            message,
            fetched,
            added,
            changed,
            cache.ongoing().size(),
            cache.total(),
            stats.requests,
            stats.offsetRows,
            cache.completeness(),
            failure,
            Duration.ofNanos(System.nanoTime() - t0));
    LOG.info(
        "Connection log: {} fetched, {} new, {} changed, {} requests",
        fetched,
        added,
        changed,
        r.requests());
    return r;
  }

  private void walk(ConnectionSyncState before, boolean verifyAll)
      throws SyncException, PageReader.QueryRefused, CacheException {
    NavigableMap<LocalDate, DayCheck> checks = new TreeMap<>(cache.checks());
    ConnectionLogPage top = pages.fetchConnections("", 0, 1);
    LocalDate day = top.rows().isEmpty() ? null : dayOf(top.rows().get(0).connectTime());
    Instant serverNow = pages.serverTime().isAfter(Instant.EPOCH) ? pages.serverTime() : now();
    LocalDate recheckFrom = dayOf(serverNow).minusDays(settings.recheckDays());
    while (day != null) {
      checkCancelled();
      DayCheck old = checks.get(day);
      boolean recent = !day.isBefore(recheckFrom);
      boolean known =
          old != null && (old.verified() || old.state() == DayCheck.State.ONLY_IN_CACHE);
      if (!verifyAll && !recent && before.historyRead() && known) {
        // Verified (or purged) before and older than the re-check window: follow the chain.
        day = old.nextOlder().equals(DayCheck.END) ? null : old.nextOlder();
        if (day != null && day.equals(DayCheck.UNKNOWN)) {
          day = probeBelow(old.day());
        }
        continue;
      }
      DayCheck check = checkDay(day, old);
      LocalDate next = probeBelow(day);
      cache.saveChecks(List.of(check.withNextOlder(next == null ? DayCheck.END : next)));
      day = next;
    }
  }

  /** A day counted and, when the count differs from the record, read and reconciled. */
  private DayCheck checkDay(LocalDate day, DayCheck old)
      throws SyncException, PageReader.QueryRefused, CacheException {
    Instant from = start(day);
    Instant to = start(day.plusDays(1)).minusNanos(1000);
    if (old != null && old.verified()) {
      ConnectionLogPage probe = pages.fetchConnections(window(from, to), 0, 1);
      if (!probe.countCapped()
          && probe.count() == old.serverCount()
          && cache.idsBetween(from, to).size() >= probe.count()) {
        return checked(day, DayCheck.State.VERIFIED, old.serverCount(), from, to, "");
      }
    }
    readThisRun.add(day);
    long server = 0;
    boolean exact = true;
    for (Instant[] part : parts(from, to)) {
      long n = readReconciled(part[0], part[1]);
      if (n < 0) {
        exact = false;
      } else {
        server += n;
      }
    }
    return exact
        ? checked(day, DayCheck.State.VERIFIED, server, from, to, "")
        : checked(
            day,
            DayCheck.State.UNVERIFIED,
            -1,
            from,
            to,
            "The server's count for this day could not be matched after "
                + settings.rereads()
                + " reads.");
  }

  private DayCheck checked(
      LocalDate day, DayCheck.State state, long server, Instant from, Instant to, String note) {
    long held = cache.idsBetween(from, to).size();
    return new DayCheck(day, state, server, held, server, 0, DayCheck.UNKNOWN, now(), note);
  }

  /**
   * The window split in halves until each part's count is exact (below the cap); a part of one
   * microsecond stays as it is.
   */
  private List<Instant[]> parts(Instant from, Instant to)
      throws SyncException, PageReader.QueryRefused {
    ConnectionLogPage probe = pages.fetchConnections(window(from, to), 0, 1);
    long span = micros(to) - micros(from);
    if (!probe.countCapped() || span < 1) {
      return List.<Instant[]>of(new Instant[] {from, to});
    }
    Instant mid = instant(micros(from) + span / 2);
    List<Instant[]> out = new java.util.ArrayList<>(parts(mid.plusNanos(1000), to));
    out.addAll(parts(from, mid));
    return out;
  }

  /**
   * Reads a window until the distinct rows read equal the server's count, with a different page
   * size on each attempt; returns that count, or -1 when it never matched.
   */
  private long readReconciled(Instant from, Instant to)
      throws SyncException, PageReader.QueryRefused, CacheException {
    Set<String> seen = new HashSet<>();
    int size = pages.pageSize();
    for (int attempt = 0; attempt <= settings.rereads(); attempt++) {
      long count = readWindow(window(from, to), Math.max(2, size), seen);
      if (count >= 0 && seen.size() == count) {
        return count;
      }
      size = attempt % 2 == 0 ? size / 2 + 1 : size * 2 + 3;
    }
    return -1;
  }

  /**
   * Pages through one window; each page starts again at the previous page's trailing run of equal
   * connect times, so a tie group smaller than a page arrives whole in one answer. Returns the
   * server's count (-1 when capped).
   */
  private long readWindow(String q, int size, Set<String> seen)
      throws SyncException, PageReader.QueryRefused, CacheException {
    long offset = 0;
    long count = -1;
    while (true) {
      ConnectionLogPage page = pages.fetchConnections(q, offset, size);
      count = page.countCapped() ? -1 : page.count();
      store(page);
      page.rows().forEach(r -> seen.add(r.id()));
      int got = page.received();
      if (got < Math.min(size, pages.pageSize()) || got == 0) {
        return count;
      }
      int tail = trailingTies(page.rows());
      offset += tail < got ? got - tail : got;
    }
  }

  private static int trailingTies(List<ConnectionRow> rows) {
    if (rows.isEmpty()) {
      return 0;
    }
    Instant last = rows.get(rows.size() - 1).connectTime();
    int n = 0;
    for (int i = rows.size() - 1; i >= 0 && rows.get(i).connectTime().equals(last); i--) {
      n++;
    }
    return n;
  }

  /** The newest day with rows before {@code day}, or null when there is none. */
  private LocalDate probeBelow(LocalDate day) throws SyncException, PageReader.QueryRefused {
    Instant before = start(day).minusNanos(1000);
    ConnectionLogPage p =
        pages.fetchConnections(
            ConnectionSearch.render(Map.of("connected_before", ConnectionSearch.instant(before))),
            0,
            1);
    return p.rows().isEmpty() ? null : dayOf(p.rows().get(0).connectTime());
  }

  /**
   * Every day holding a session the cache has as open, read again (unless read in this run) from
   * its oldest open session on: rows before it in that day cannot have changed.
   */
  private void rereadOpenSessions() throws SyncException, PageReader.QueryRefused, CacheException {
    java.util.NavigableMap<LocalDate, Instant> from = new TreeMap<>();
    for (ConnectionRow r : cache.ongoing()) {
      from.merge(dayOf(r.connectTime()), r.connectTime(), (a, b) -> a.isBefore(b) ? a : b);
    }
    from.keySet().removeAll(readThisRun);
    for (Map.Entry<LocalDate, Instant> d : from.entrySet()) {
      Instant end = start(d.getKey().plusDays(1)).minusNanos(1000);
      readWindow(window(d.getValue(), end), pages.pageSize(), new HashSet<>());
    }
  }

  private void store(ConnectionLogPage page) throws CacheException {
    fetched += page.rows().size();
    synchronized (stats) {
      stats.page(page.received(), 0, page.malformed());
    }
    ConnectionLogCache.Written w = cache.upsert(page.rows());
    added += w.added();
    changed += w.changed();
    double seconds = Math.max(1e-3, (System.nanoTime() - startedNanos) / 1e9);
    listener.progress(
        new SyncProgress(
            SyncProgress.Phase.CONNECTIONS,
            fetched,
            added,
            stats.requests,
            fetched / seconds,
            -1,
            false,
            ""));
  }

  private void saveQuietly(ConnectionSyncState s) {
    try {
      cache.saveSyncState(s);
    } catch (CacheException e) {
      LOG.warn("Could not record that the connection log is unavailable", e);
    }
  }

  private void checkCancelled() throws SyncException {
    if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
      throw new SyncException(
          SyncException.Kind.CANCELLED, "The connection log sync was cancelled.", null, null);
    }
  }

  private static String window(Instant from, Instant to) {
    return ConnectionSearch.window(from, to, Map.of());
  }

  private static LocalDate dayOf(Instant t) {
    return LocalDate.ofInstant(t, ZoneOffset.UTC);
  }

  private static Instant start(LocalDate d) {
    return d.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }

  private static Instant now() {
    return Instant.now();
  }
}
