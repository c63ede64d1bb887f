package dev.auditdesk.model;

/**
 * How a result is ordered. Ties are always broken by time, then id, newest first, so the order is
 * total and paging is stable.
 */
public record SortOrder(SortColumn column, boolean ascending) {

  /** Coder's own order: newest first. */
  public static final SortOrder NEWEST_FIRST = new SortOrder(SortColumn.TIME, false);

  public SortOrder {
    if (column == null) {
      throw new IllegalArgumentException("A sort needs a column.");
    }
  }
}
