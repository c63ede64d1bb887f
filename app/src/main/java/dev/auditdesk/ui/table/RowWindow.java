package dev.auditdesk.ui.table;

/**
 * The part of an {@link EventRows} result that the table's own list shows: rows {@code [base, base
 * + size)}. JavaFX's {@code VirtualFlow} walks every row above the first one on screen for each
 * scroll step (its cost grows with the position: 90 ms a wheel step at row 1,000,000), so a table
 * over a large result is given a window of {@link #defaultSize} rows that {@link EventTable} moves
 * along as the user scrolls, with a scroll bar of its own for the whole result. A result that fits
 * is shown whole ({@code base} stays 0).
 */
final class RowWindow extends RowList {

  /** Rows in a window: a step costs about 10 ms at 20,000 rows. Tests set a small one. */
  static volatile int defaultSize = 20_000;

  private final EventRows rows;
  private final int capacity;
  private int base;
  private final int size;

  RowWindow(EventRows rows, int capacity) {
    this.rows = rows;
    this.capacity = Math.max(100, capacity);
    this.size = Math.min(rows.size(), this.capacity);
  }

  EventRows rows() {
    return rows;
  }

  /** Whether the result is larger than the window, so the window moves. */
  boolean windowed() {
    return rows.size() > capacity;
  }

  int base() {
    return base;
  }

  int capacity() {
    return capacity;
  }

  /** The result's row number of a window position. */
  int global(int local) {
    return base + local;
  }

  /** The window position of a result row, or -1 when it lies outside the window. */
  int local(int global) {
    int l = global - base;
    return l >= 0 && l < size ? l : -1;
  }

  /**
   * Whether the window should move before showing result row {@code global}: it lies outside the
   * window, or within a quarter window of an edge that has more rows beyond it.
   */
  boolean shouldMoveFor(int global) {
    if (!windowed()) {
      return false;
    }
    int l = global - base;
    int margin = capacity / 4;
    return l < 0
        || l >= size
        || (l < margin && base > 0)
        || (l > size - margin && base + size < rows.size());
  }

  /** The base that puts {@code global} in the middle of the window (clamped to the result). */
  int baseCentering(int global) {
    int b = global - capacity / 2;
    return Math.max(0, Math.min(b, rows.size() - size));
  }

  /**
   * The same result seen from {@code newBase} (clamped). A new list rather than a change event: a
   * table given a list that reports all its rows replaced works through every one of them.
   */
  RowWindow movedTo(int newBase) {
    RowWindow w = new RowWindow(rows, capacity);
    w.base = Math.max(0, Math.min(newBase, rows.size() - size));
    return w;
  }

  @Override
  public EventRow get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(index);
    }
    return rows.get(base + index);
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public int indexOf(Object o) {
    if (o instanceof EventRow r && r.owner() == rows) {
      return local(r.index());
    }
    return -1;
  }
}
