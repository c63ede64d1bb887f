package dev.auditdesk.model;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/**
 * What the completeness record proves, in the words the status bar and {@code sync --json} use.
 *
 * @param historyRead the sync has walked the server's history down to its oldest event at least
 *     once
 * @param verifiedThrough every day up to and including this one is verified (or only in this cache
 *     because the server purged it); null when no day is
 * @param verifiedDays days whose server and cache counts matched
 * @param unverified days that did not reconcile, oldest first, with both numbers
 * @param onlyInCacheDays days the server no longer lists
 */
public record Completeness(
    boolean historyRead,
    LocalDate verifiedThrough,
    int verifiedDays,
    List<DayCheck> unverified,
    int onlyInCacheDays) {

  public Completeness {
    unverified = List.copyOf(unverified);
  }

  /**
   * Summarises a completeness record ({@code checks} in any order); {@code walkedAt} is the
   * server's clock when a sync last checked everything newer than the newest day (EPOCH if never).
   */
  public static Completeness of(
      Collection<DayCheck> checks, boolean historyRead, java.time.Instant walkedAt) {
    List<DayCheck> sorted = checks.stream().sorted((a, b) -> a.day().compareTo(b.day())).toList();
    List<DayCheck> bad =
        sorted.stream().filter(c -> c.state() == DayCheck.State.UNVERIFIED).toList();
    int ok = (int) sorted.stream().filter(DayCheck::verified).count();
    int only = (int) sorted.stream().filter(c -> c.state() == DayCheck.State.ONLY_IN_CACHE).count();
    LocalDate through = null;
    if (historyRead) {
      for (DayCheck c : sorted) {
        if (c.state() == DayCheck.State.UNVERIFIED) {
          break;
        }
        through = c.day();
      }
      boolean allGood = bad.isEmpty();
      if (allGood && walkedAt != null && walkedAt.getEpochSecond() > 0) {
        LocalDate walked = LocalDate.ofEpochDay(Math.floorDiv(walkedAt.getEpochSecond(), 86_400));
        if (through == null || walked.isAfter(through)) {
          through = walked;
        }
      }
    }
    return new Completeness(historyRead, through, ok, bad, only);
  }

  /**
   * True when every day with events is verified or only in this cache. A cache synced before the
   * completeness record existed has read its history but verified nothing: not complete.
   */
  public boolean complete() {
    return historyRead && unverified.isEmpty() && verifiedThrough != null;
  }
}
