package dev.auditdesk.sync;

import dev.auditdesk.cache.CacheException;
import dev.auditdesk.cache.ConnectionLogCache;
import dev.auditdesk.cache.Histogram;
import dev.auditdesk.coder.ConnectionLogPage;
import dev.auditdesk.format.ConnectionSearch;
import dev.auditdesk.model.ConnectionQuery;
import dev.auditdesk.model.DayCheck;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/** The connection log's days that only this cache still holds, once the server's retention ran. */
final class ConnectionRetention {

  private ConnectionRetention() {}

  /**
   * Cached days the server no longer lists (retention purged them) become "only in this cache", as
   * the audit log's do. The purged days are the oldest: found by halving the cached days, asking
   * the server for one row up to a day's end (a few requests, whatever the history's length).
   */
  static void markPurged(ConnectionLogCache cache, PageReader pages)
      throws SyncException, PageReader.QueryRefused, CacheException {
    List<Histogram.Bucket> days =
        cache.histogram(ConnectionQuery.ALL, java.time.Duration.ofDays(1)).buckets().stream()
            .filter(b -> b.total() > 0)
            .toList();
    int lo = 0;
    int hi = days.size(); // days[0, lo) are purged, days[hi, size) are not
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      Instant end = days.get(mid).start().plus(java.time.Duration.ofDays(1)).minusNanos(1000);
      ConnectionLogPage p =
          pages.fetchConnections(
              ConnectionSearch.render(Map.of("connected_before", ConnectionSearch.instant(end))),
              0,
              1);
      if (p.rows().isEmpty()) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    NavigableMap<LocalDate, DayCheck> checks = cache.checks();
    List<DayCheck> onlyHere = new ArrayList<>();
    for (Histogram.Bucket b : days.subList(0, lo)) {
      LocalDate d = LocalDate.ofInstant(b.start(), ZoneOffset.UTC);
      DayCheck c = checks.get(d);
      if (c == null || c.state() != DayCheck.State.ONLY_IN_CACHE || c.cacheCount() != b.total()) {
        onlyHere.add(
            new DayCheck(
                d,
                DayCheck.State.ONLY_IN_CACHE,
                0,
                b.total(),
                0,
                0,
                DayCheck.END,
                Instant.now(),
                "The server no longer lists this day; the cache holds the only copy."));
      }
    }
    if (!onlyHere.isEmpty()) {
      cache.saveChecks(onlyHere);
    }
  }
}
