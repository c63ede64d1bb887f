package dev.auditdesk.sync;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheException;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.cache.SyncState;
import dev.auditdesk.coder.CoderApi;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.DayCheck;
import java.time.Instant;
import java.time.LocalDate;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a deployment's audit log into its cache and proves it complete, day by day: the headless
 * core of the GUI's background sync and of the {@code sync} command (docs/SYNC.md).
 *
 * <p>The history is walked newest day first in Coder's own UTC day windows, so OFFSET stays inside
 * one day and the server's work is linear in the history, not quadratic. After each day a one-page
 * probe just below the day's window finds the next older day with events (skipping empty stretches)
 * and the events in the last fraction of a second of that day, which Coder's day window leaves out.
 * Every day is reconciled with the server's exact count and recorded; later syncs re-check the last
 * {@link SyncSettings#recheckDays()} days by count alone and follow the record past older verified
 * days. Where "new" begins is decided by the server's day windows and clock, never by the newest
 * cached event, so one event stamped in the future moves nothing.
 */
public final class SyncEngine {

  private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);

  /** What a run checks. */
  public enum Mode {
    /** New and recent days; older days only where the completeness record has a gap. */
    SYNC,
    /** Every day the server has, by count, reading only the days that differ. */
    VERIFY_ALL
  }

  private final CoderApi api;
  private final AuditCache cache;
  private final SyncSettings settings;
  private volatile ConnectionLogResult connectionLog;

  public SyncEngine(CoderApi api, AuditCache cache, SyncSettings settings) {
    this.api = api;
    this.cache = cache;
    this.settings = settings;
  }

  public AuditCache cache() {
    return cache;
  }

  public SyncSettings settings() {
    return settings;
  }

  /** Syncs once ({@link Mode#SYNC}). */
  public SyncResult run(SyncListener listener, BooleanSupplier cancelled) throws SyncException {
    return run(listener, cancelled, Mode.SYNC);
  }

  /**
   * Syncs once. Blocks; call it off the JavaFX thread. {@code cancelled} is polled between requests
   * and while waiting to retry; interrupting the thread cancels too. Whatever was fetched and
   * verified before a failure or cancel stays in the cache and the next run continues there.
   */
  public SyncResult run(SyncListener listener, BooleanSupplier cancelled, Mode mode)
      throws SyncException {
    SyncListener out = listener == null ? SyncListener.NONE : listener;
    // "Up to date" is said once both logs are: the audit pass's DONE waits for the connection pass.
    SyncProgress[] done = new SyncProgress[1];
    SyncListener audit =
        p -> {
          if (p.phase() == SyncProgress.Phase.DONE) {
            done[0] = p;
          } else {
            out.progress(p);
          }
        };
    SyncRun run = new SyncRun(api, cache, settings, audit, cancelled, mode);
    SyncResult result;
    try {
      result = run.execute();
    } finally {
      run.close();
    }
    if (cache instanceof H2AuditCache h2) {
      // The connection log's own pass: its outcome, whatever it is, never fails the audit sync.
      connectionLog =
          new ConnectionLogSync(api, h2.connections(), settings, cancelled, out)
              .run(mode == Mode.VERIFY_ALL);
    }
    if (done[0] != null) {
      out.progress(done[0]);
    }
    return result;
  }

  /** What the connection-log pass of the last successful run did; empty before one. */
  public java.util.Optional<ConnectionLogResult> connectionLogResult() {
    return java.util.Optional.ofNullable(connectionLog);
  }

  /** The walk of one run. */
  private static final class SyncRun extends RunContext {
    private final Mode mode;
    private final NavigableMap<LocalDate, DayCheck> checks;
    private boolean windowed = true;

    SyncRun(
        CoderApi api,
        AuditCache cache,
        SyncSettings settings,
        SyncListener listener,
        BooleanSupplier cancelled,
        Mode mode) {
      super(api, cache, settings, listener, cancelled);
      this.mode = mode;
      this.checks = new TreeMap<>(cache.dayChecks());
    }

    SyncResult execute() throws SyncException {
      try {
        try {
          walk();
        } catch (DayReader.WindowsIgnored e) {
          LOG.info(
              "The server ignores date windows ({}); reading its whole log instead",
              e.getMessage());
          windowed = false;
          new WholeLog(this).run(checks);
        }
        phase(SyncProgress.Phase.DONE, "Up to date");
        if (settings.compactAfter() > 0
            && stats.added() >= settings.compactAfter()
            && cache instanceof H2AuditCache h2) {
          phase(SyncProgress.Phase.COMPACTING, "Compacting the cache file");
          writer.call(
              () -> {
                h2.compact();
                return null;
              });
        }
        SyncResult r = result(windowed);
        LOG.info(
            "Sync of {} done: {} fetched, {} new, {} requests, {} OFFSET rows in {} ms"
                + " ({} ms waiting for answers, {} ms for the cache)",
            cache.deployment().label(),
            r.fetched(),
            r.newEvents(),
            r.requests(),
            r.offsetRows(),
            r.took().toMillis(),
            stats.fetchNanos.get() / 1_000_000,
            stats.cacheWaitNanos.get() / 1_000_000);
        return r;
      } catch (CacheException e) {
        throw new SyncException(SyncException.Kind.CACHE, e.getMessage(), result(windowed), e);
      } catch (PageReader.QueryRefused e) {
        throw new SyncException(
            SyncException.Kind.NETWORK, e.cause.userMessage(), result(windowed), e);
      } catch (SyncException e) {
        flushQuietly(); // what was fetched before the stop is in the cache when the caller looks
        throw new SyncException(
            e.kind(),
            e.kind() == SyncException.Kind.CANCELLED ? cancelledMessage() : e.getMessage(),
            result(windowed),
            e.getCause());
      }
    }

    private void flushQuietly() {
      try {
        writer.flush();
      } catch (CacheException | RuntimeException e) {
        LOG.warn("Writing the last pages after the sync stopped failed", e);
      }
    }

    private void walk()
        throws SyncException, PageReader.QueryRefused, DayReader.WindowsIgnored, CacheException {
      phase(SyncProgress.Phase.NEWEST, "");
      DayReader.Below below = reader.below(null, 0);
      Instant serverNow = serverNow();
      LocalDate recheckFrom =
          DayWindows.dayOf(DayWindows.micros(serverNow)).minusDays(settings.recheckDays());
      LocalDate last = null;
      LocalDate top = null;
      while (!below.end()) {
        stop.check();
        LocalDate d = below.next();
        last = d;
        DayCheck old = checks.get(d);
        boolean recent = !d.isBefore(recheckFrom);
        phase(
            mode == Mode.VERIFY_ALL
                ? SyncProgress.Phase.VERIFYING
                : recent ? SyncProgress.Phase.NEWEST : SyncProgress.Phase.HISTORY,
            "");
        if (mode == Mode.SYNC
            && !recent
            && trusted(old)
            && old.seamCount() == below.seam().size()) {
          LocalDate chainEnd = followChain(d);
          DayCheck endCheck = checks.get(chainEnd);
          last = chainEnd;
          if (endCheck.nextOlder().equals(DayCheck.END)) {
            below = DayReader.Below.END;
            break;
          }
          below = reader.below(chainEnd, endCheck.windowCount());
          continue;
        }
        below = process(below);
        if (top == null) {
          top = d;
        }
      }
      if (top != null) {
        catchUp(top);
      }
      finishWalk(last, serverNow);
    }

    /**
     * Reconciles the day {@code above} found (by count first when the record knows it), probes
     * below it, records both; returns what lies below.
     */
    private DayReader.Below process(DayReader.Below above)
        throws SyncException, PageReader.QueryRefused, DayReader.WindowsIgnored, CacheException {
      LocalDate d = above.next();
      DayCheck old = checks.get(d);
      DayCheck check =
          reconciler.check(d, above.seam().size(), old != null && old.windowCount() >= 0);
      long windowCount =
          check.windowCount() >= 0
              ? check.windowCount()
              : reader.local(DayWindows.windowRange(d), null, null);
      DayReader.Below below = reader.below(d, windowCount);
      record(check.withNextOlder(below.end() ? DayCheck.END : below.next()));
      return below;
    }

    /**
     * Events that arrived while the history was walked sit above where the walk began: read down
     * from the newest event again to the first day walked (three requests when nothing arrived).
     */
    private void catchUp(LocalDate firstWalked)
        throws SyncException, PageReader.QueryRefused, DayReader.WindowsIgnored, CacheException {
      phase(SyncProgress.Phase.NEWEST, "");
      DayReader.Below below = reader.below(null, 0);
      while (!below.end() && !below.next().isBefore(firstWalked)) {
        stop.check();
        below = process(below);
      }
    }

    /**
     * A day a plain sync need not read again, whose next older day is known: verified, or kept
     * unverified only by the server's count cap (rereading cannot prove it; {@code sync --verify}
     * reads it again). At 10M events a busy weekday is such a day, and rereading ~700 of them made
     * every sync take as long as the first.
     */
    private static boolean trusted(DayCheck c) {
      return c != null
          && (c.verified() || c.cappedOnly())
          && !c.nextOlder().equals(DayCheck.UNKNOWN);
    }

    /** The oldest day reached from {@code d} through verified days of the record. */
    private LocalDate followChain(LocalDate d) {
      LocalDate at = d;
      while (true) {
        DayCheck c = checks.get(at);
        if (c.nextOlder().equals(DayCheck.END)) {
          return at;
        }
        if (!trusted(checks.get(c.nextOlder()))) {
          return at;
        }
        at = c.nextOlder();
      }
    }

    private void record(DayCheck check) throws CacheException {
      checks.put(check.day(), check);
      writer.later(
          () -> {
            DayCheck counted = check;
            if (check.cacheCount() < 0) {
              long held = reader.local(DayWindows.dayRange(check.day()), null, null);
              counted = check.withCacheCount(held);
            }
            if (counted.verified() && counted.cacheCount() > counted.serverCount()) {
              counted =
                  counted.withNote(
                      (counted.cacheCount() - counted.serverCount())
                          + " events of this day are only in this cache.");
            }
            cache.saveDayChecks(java.util.List.of(counted));
            return null;
          });
      days++;
      if (!check.verified()) {
        LOG.warn("{} could not be verified: {}", check.day(), check.note());
      }
    }

    /**
     * The walk reached the server's oldest event: cached days it did not meet are only in this
     * cache, and the sync state says the history was read.
     */
    private void finishWalk(LocalDate oldestServerDay, Instant serverNow) throws CacheException {
      writer.flush();
      java.util.List<DayCheck> onlyHere = new java.util.ArrayList<>();
      for (var bucket : cache.histogram(AuditQuery.ALL, java.time.Duration.ofDays(1)).buckets()) {
        if (bucket.total() == 0) {
          continue;
        }
        LocalDate d = DayWindows.dayOf(DayWindows.micros(bucket.start()));
        boolean beforeServer = oldestServerDay == null || d.isBefore(oldestServerDay);
        if (beforeServer || !checks.containsKey(d)) {
          DayCheck c = checks.get(d);
          if (c == null
              || c.state() != DayCheck.State.ONLY_IN_CACHE
              || c.cacheCount() != bucket.total()) {
            onlyHere.add(
                new DayCheck(
                    d,
                    DayCheck.State.ONLY_IN_CACHE,
                    0,
                    bucket.total(),
                    0,
                    0,
                    DayCheck.UNKNOWN,
                    Instant.now(),
                    "The server no longer lists this day; the cache holds the only copy."));
          }
        }
      }
      Instant serverOldest = Instant.EPOCH;
      if (oldestServerDay != null) {
        serverOldest = cache.stats().oldest();
        DateRange fromServer =
            new DateRange(DayWindows.instant(DayWindows.start(oldestServerDay)), null);
        long before = cache.count(AuditQuery.ALL.withRange(new DateRange(null, fromServer.from())));
        if (before > 0) {
          serverOldest = fromServer.from();
        }
      }
      Instant oldest = serverOldest;
      writer.call(
          () -> {
            if (!onlyHere.isEmpty()) {
              cache.saveDayChecks(onlyHere);
            }
            cache.saveSyncState(historyRead(cache.syncState(), serverNow).withServerOldest(oldest));
            return null;
          });
      for (DayCheck c : onlyHere) {
        checks.put(c.day(), c);
      }
    }
  }

  /** The sync state after a walk (or a whole-log read) reached the server's oldest event. */
  static SyncState historyRead(SyncState s, Instant serverNow) {
    return s.withHistory(true).withWalkedAt(serverNow).withLastSync(Instant.now());
  }
}
