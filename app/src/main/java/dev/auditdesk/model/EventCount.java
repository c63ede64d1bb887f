package dev.auditdesk.model;

/**
 * A number of events, and whether it was counted or is a database's estimate (a PostgreSQL archive
 * estimates large totals from its statistics instead of counting every row), so a screen can mark
 * an estimate as such.
 */
public record EventCount(long value, boolean estimated) {

  public static EventCount exact(long value) {
    return new EventCount(value, false);
  }

  public static EventCount estimate(long value) {
    return new EventCount(value, true);
  }
}
