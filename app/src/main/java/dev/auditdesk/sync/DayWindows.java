package dev.auditdesk.sync;

import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.DateRange;
import java.time.Instant;
import java.time.LocalDate;

/**
 * UTC days and Coder's day windows. Coder turns {@code date_from:D} into D 00:00:00 and {@code
 * date_to:D} into D 23:59:59 compared with {@code <=}, so a day window holds the day up to
 * 23:59:59.000000 and its last fraction of a second (the "seam") is in no single-day window.
 */
final class DayWindows {

  static final long DAY_MICROS = 86_400_000_000L;

  /** Where Coder's {@code date_to:D} ends, from the start of D. */
  static final long WINDOW_END = DAY_MICROS - 1_000_000L;

  private DayWindows() {}

  static long micros(Instant t) {
    return Math.multiplyExact(t.getEpochSecond(), 1_000_000L) + t.getNano() / 1000;
  }

  static long micros(AuditEvent e) {
    return e.time() == null ? Long.MIN_VALUE : micros(e.time());
  }

  static LocalDate dayOf(long micros) {
    return LocalDate.ofEpochDay(Math.floorDiv(micros, DAY_MICROS));
  }

  static long start(LocalDate d) {
    return d.toEpochDay() * DAY_MICROS;
  }

  /** Whether an event at {@code micros} lies in the seam of its day, after 23:59:59.000000. */
  static boolean inSeam(long micros) {
    return Math.floorMod(micros, DAY_MICROS) > WINDOW_END;
  }

  /** Coder's search for one day's window. */
  static String window(LocalDate d) {
    return "date_from:" + d + " date_to:" + d;
  }

  /** Coder's search for everything up to the end of {@code d}'s window. */
  static String upTo(LocalDate d) {
    return "date_to:" + d;
  }

  /** The day's window in the cache's terms (half-open). */
  static DateRange windowRange(LocalDate d) {
    long s = start(d);
    return new DateRange(instant(s), instant(s + WINDOW_END + 1));
  }

  /** The whole UTC day, seam included (half-open). */
  static DateRange dayRange(LocalDate d) {
    long s = start(d);
    return new DateRange(instant(s), instant(s + DAY_MICROS));
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }
}
