package dev.auditdesk.ui.table;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Where the user was in a result, by event: the selected events and the top row on screen. A
 * refresh of the same query finds them again in the new result, so events arriving above do not
 * move the selection (and the details pane) to another event.
 */
final class KeptPosition {

  /** Rows searched on either side of where a kept event is expected. */
  private static final int MARGIN = EventRows.PAGE_SIZE;

  /** Beyond this many new rows the search gives up and keeps the expected place. */
  private static final int MAX_SEARCH = 5_000;

  private final int size;
  private final int top;
  private final String topId;
  private final double topOffset;
  private final int focus;
  private final String focusId;
  private final List<Integer> selected;

  private KeptPosition(
      int size,
      int top,
      String topId,
      double topOffset,
      int focus,
      String focusId,
      List<Integer> selected) {
    this.size = size;
    this.top = top;
    this.topId = topId;
    this.topOffset = topOffset;
    this.focus = focus;
    this.focusId = focusId;
    this.selected = selected;
  }

  /** The position in {@code t} now; call before its rows are replaced. */
  static KeptPosition of(EventTable t) {
    EventRows rows = t.rows();
    if (rows == null) {
      return new KeptPosition(0, 0, null, 0, -1, null, List.of());
    }
    int top = t.firstVisibleIndex();
    int focus = t.selectedRow();
    return new KeptPosition(
        rows.size(),
        top,
        idAt(rows, top),
        t.firstVisibleOffset(),
        focus,
        focus < 0 ? null : idAt(rows, focus),
        t.selectedRows());
  }

  /**
   * Shows the kept events in {@code t}, which now shows {@code rows}: first where they are expected
   * (new rows counted as arrived above), then, once the cache has said, where they are. At the very
   * top the table stays there, so arriving events come into view.
   */
  void restore(EventTable t, EventRows rows) {
    int delta = rows.size() - size;
    if (top > 0) {
      t.scrollToTop(clamp(top + delta, rows), topOffset);
      find(rows, topId, top, delta, at -> t.whileShowing(rows, () -> t.scrollToTop(at, topOffset)));
    }
    if (focus < 0) {
      return;
    }
    int expected = clamp(focus + delta, rows);
    t.select(shifted(expected - focus, rows), expected);
    find(
        rows,
        focusId,
        focus,
        delta,
        at ->
            t.whileShowing(
                rows,
                () -> {
                  if (at != expected) {
                    t.select(shifted(at - focus, rows), at);
                  }
                }));
  }

  /** Looks for {@code id} near {@code was}; {@code found} runs only when the event was found. */
  private static void find(EventRows rows, String id, int was, int delta, IntConsumer found) {
    if (id == null || Math.abs(delta) > MAX_SEARCH) {
      return;
    }
    int from = was + Math.min(0, delta) - MARGIN;
    int to = was + Math.max(0, delta) + MARGIN + 1;
    rows.locate(
        id,
        from,
        to,
        at -> {
          if (at >= 0) {
            found.accept(at);
          }
        });
  }

  private List<Integer> shifted(int by, EventRows rows) {
    List<Integer> out = new ArrayList<>();
    for (int row : selected) {
      if (row + by >= 0 && row + by < rows.size()) {
        out.add(row + by);
      }
    }
    return out;
  }

  private static int clamp(int row, EventRows rows) {
    return Math.max(0, Math.min(row, rows.size() - 1));
  }

  private static String idAt(EventRows rows, int row) {
    return rows.peek(row).map(e -> e.id()).orElse(null);
  }
}
