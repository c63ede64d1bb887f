package dev.auditdesk.sync;

import dev.auditdesk.cache.CacheException;
import dev.auditdesk.model.DayCheck;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;

/**
 * The fallback for a server that does not honour Coder's date windows (older releases): the whole
 * log from the top, with the same tie-safe paging, reconciled against the server's total count.
 * Quadratic server work again, so the sync says so.
 */
final class WholeLog {

  private final RunContext run;

  WholeLog(RunContext run) {
    this.run = run;
  }

  void run(NavigableMap<LocalDate, DayCheck> checks)
      throws SyncException, PageReader.QueryRefused, CacheException {
    run.phase(
        SyncProgress.Phase.HISTORY,
        "This server does not support date windows (an older Coder): reading its whole log.");
    boolean agreed = false;
    long server = -1;
    long local = 0;
    for (int round = 0; round < run.settings.rereads() && !agreed; round++) {
      DayReader.Read r;
      try {
        r = run.reader.read("", Long.MIN_VALUE, Long.MAX_VALUE, round);
      } catch (DayReader.WindowsIgnored impossible) {
        throw new IllegalStateException("A read without a window cannot be outside it", impossible);
      }
      run.writer.flush();
      local = run.cache.total();
      server = r.exact() ? r.count() : -1;
      agreed = r.exact() && (local == r.count() || r.ids().size() == r.count());
      if (!r.exact()) {
        break; // a capped total cannot prove anything; another read would not either
      }
    }
    String note =
        "This server ignores date windows: the whole log was read and "
            + (agreed
                ? "its total matched (" + server + " events)."
                : server < 0
                    ? "its total is above its count cap, so it could not be checked."
                    : "its total (" + server + ") did not match the cache (" + local + ").");
    List<DayCheck> out = new ArrayList<>();
    for (var bucket :
        run.cache
            .histogram(dev.auditdesk.model.AuditQuery.ALL, java.time.Duration.ofDays(1))
            .buckets()) {
      if (bucket.total() == 0) {
        continue;
      }
      LocalDate d = DayWindows.dayOf(DayWindows.micros(bucket.start()));
      out.add(
          new DayCheck(
              d,
              agreed ? DayCheck.State.VERIFIED : DayCheck.State.UNVERIFIED,
              agreed ? bucket.total() : -1,
              bucket.total(),
              -1,
              0,
              DayCheck.UNKNOWN,
              Instant.now(),
              note));
    }
    Instant now = run.serverNow();
    run.writer.call(
        () -> {
          run.cache.saveDayChecks(out);
          run.cache.saveSyncState(SyncEngine.historyRead(run.cache.syncState(), now));
          return null;
        });
    for (DayCheck c : out) {
      checks.put(c.day(), c);
    }
    run.days += out.size();
  }
}
