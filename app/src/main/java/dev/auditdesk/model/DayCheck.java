package dev.auditdesk.model;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What the last reconciliation of one UTC day found: the server's count against the distinct events
 * the cache holds for that day. The completeness record is one of these per day with events.
 *
 * @param day the UTC day
 * @param state verified, unverified, or held only by this cache (the server no longer lists it)
 * @param serverCount events the server has on that day, -1 when it would not say (above its count
 *     cap and not splittable into exact parts)
 * @param cacheCount events of that day in the cache when it was checked
 * @param windowCount the server's count for Coder's own day window {@code date_from:D date_to:D},
 *     which ends at 23:59:59.000000 (-1 when unknown)
 * @param seamCount events in the day's last fraction of a second, after 23:59:59, which Coder's day
 *     window leaves out and AuditDesk reads separately
 * @param nextOlder the next older day on which the server has events; {@link #END} when it has none
 *     older, {@link #UNKNOWN} when not looked up
 * @param checkedAt when it was checked (AuditDesk's clock)
 * @param note a plain explanation when the day is not simply verified (empty otherwise)
 */
public record DayCheck(
    LocalDate day,
    State state,
    long serverCount,
    long cacheCount,
    long windowCount,
    long seamCount,
    LocalDate nextOlder,
    Instant checkedAt,
    String note) {

  /** {@link #nextOlder} when the server has no older events. */
  public static final LocalDate END = LocalDate.MIN;

  /** {@link #nextOlder} when the next older day was not looked up. */
  public static final LocalDate UNKNOWN = LocalDate.MAX;

  /**
   * How the note of a day begins when the server's count cap alone keeps it unverified: every part
   * the server counts exactly agreed, and the parts above the cap were read whole.
   */
  public static final String CAPPED =
      "Above the server's count cap even when split: every event was read, but no exact count can"
          + " prove the day";

  /** How far a day is known to be complete. */
  public enum State {
    /** The cache holds every event the server has for the day (server count = cache count). */
    VERIFIED,
    /** The counts differ or the server would not give an exact count. */
    UNVERIFIED,
    /** The server no longer lists this day (retention): the cache is the only copy. */
    ONLY_IN_CACHE
  }

  public DayCheck {
    if (day == null || state == null) {
      throw new IllegalArgumentException("A day check needs a day and a state.");
    }
    nextOlder = nextOlder == null ? UNKNOWN : nextOlder;
    checkedAt = checkedAt == null ? Instant.EPOCH : checkedAt;
    note = note == null ? "" : note;
  }

  /**
   * Unverified only because the server's count cap hides a part's size ({@link #CAPPED}): reading
   * the day again cannot prove it either.
   */
  public boolean cappedOnly() {
    return state == State.UNVERIFIED && note.startsWith(CAPPED);
  }

  public boolean verified() {
    return state == State.VERIFIED;
  }

  public DayCheck withCacheCount(long n) {
    return new DayCheck(
        day, state, serverCount, n, windowCount, seamCount, nextOlder, checkedAt, note);
  }

  public DayCheck withNote(String n) {
    return new DayCheck(
        day, state, serverCount, cacheCount, windowCount, seamCount, nextOlder, checkedAt, n);
  }

  public DayCheck withNextOlder(LocalDate d) {
    return new DayCheck(
        day, state, serverCount, cacheCount, windowCount, seamCount, d, checkedAt, note);
  }
}
