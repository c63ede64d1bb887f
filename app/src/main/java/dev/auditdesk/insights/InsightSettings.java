package dev.auditdesk.insights;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

/**
 * The thresholds of the rules (docs/USER-GUIDE.md lists the defaults).
 *
 * @param failedSignIns failed sign-ins for one user or from one address that make a burst
 * @param failedWindow the time they must fall within
 * @param knownSignIns a user's first sign-ins, whose addresses are taken as theirs without a
 *     finding
 * @param workStart start of working hours (local time in {@code zone})
 * @param workEnd end of working hours
 * @param workDays the working days
 * @param zone the time zone of the working hours and of the usual weekly rhythm
 * @param massDeletions deletions by one user that make a mass deletion
 * @param massWindow the time they must fall within
 * @param silenceMinimum the shortest stretch without events that can be a silence
 * @param silenceExpected how many events must usually happen in such a stretch for it to count
 * @param longConnection how long a session must be open to be reported
 */
public record InsightSettings(
    int failedSignIns,
    Duration failedWindow,
    int knownSignIns,
    LocalTime workStart,
    LocalTime workEnd,
    Set<DayOfWeek> workDays,
    ZoneId zone,
    int massDeletions,
    Duration massWindow,
    Duration silenceMinimum,
    double silenceExpected,
    Duration longConnection) {

  public InsightSettings {
    if (failedSignIns < 2 || massDeletions < 2 || knownSignIns < 1) {
      throw new IllegalArgumentException("A burst needs at least two events.");
    }
    workDays = workDays.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(workDays));
  }

  public static InsightSettings defaults() {
    return defaults(ZoneId.systemDefault());
  }

  public static InsightSettings defaults(ZoneId zone) {
    return new InsightSettings(
        10,
        Duration.ofMinutes(15),
        3,
        LocalTime.of(8, 0),
        LocalTime.of(19, 0),
        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
        zone,
        20,
        Duration.ofHours(1),
        Duration.ofHours(6),
        30,
        Duration.ofDays(1));
  }

  /** Whether {@code t} falls inside working hours. */
  public boolean workingHours(java.time.Instant t) {
    var local = t.atZone(zone);
    LocalTime time = local.toLocalTime();
    return workDays.contains(local.getDayOfWeek())
        && !time.isBefore(workStart)
        && time.isBefore(workEnd);
  }
}
