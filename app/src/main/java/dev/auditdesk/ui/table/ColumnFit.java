package dev.auditdesk.ui.table;

import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.EventColumn;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.util.Duration;

/**
 * Sizes the event table's columns to what they show (the header and the longest text of the loaded
 * rows, each up to a cap) and lets the last visible column, the description, fill the rest, so the
 * default layout fits a 1366-pixel laptop screen without a horizontal scroll bar. Only for a layout
 * the user has not made; once they drag a column, the widths are theirs.
 */
public final class ColumnFit {

  /** No column but the last grows past this: long names are cut with an ellipsis (tooltip). */
  private static final double CAP = 220;

  private static final double LAST_MIN = 200;

  /** Text columns give way down to this width, not further. */
  private static final double MIN_LEVEL = 120;

  /** Short values that say nothing when cut: these keep their natural width. */
  private static final Set<EventColumn> KEEP_WHOLE =
      Set.of(EventColumn.TIME, EventColumn.STATUS, EventColumn.IP);

  /** A header title's padding, a little spare; the sorted column (time) is wide anyway. */
  private static final double HEADER_PAD = 20;

  /** Rows measured: the first page, what the window shows first. */
  private static final int MEASURED_ROWS = EventRows.PAGE_SIZE;

  private final TableView<EventRow> table;
  private final Map<TableColumn<?, ?>, Double> assigned = new HashMap<>();
  private final Map<TableColumn<?, ?>, Double> natural = new HashMap<>();
  private final Map<TableColumn<?, ?>, Double> floor = new HashMap<>();
  private boolean fitted;
  private boolean userSized;
  private int retries;

  private ColumnFit(TableView<EventRow> table) {
    this.table = table;
  }

  /** Fits the columns once the first rows are loaded, then keeps the last one filling the width. */
  public static void install(TableView<EventRow> table) {
    ColumnFit fit = new ColumnFit(table);
    table.getProperties().put(ColumnFit.class, fit);
    table.itemsProperty().addListener((o, was, now) -> fit.fitWhenLoaded());
    fit.fitWhenLoaded();
    table.widthProperty().addListener((o, was, now) -> fit.fillLast());
    table
        .getVisibleLeafColumns()
        .addListener((ListChangeListener<TableColumn<EventRow, ?>>) c -> fit.refit());
    for (TableColumn<EventRow, ?> c : table.getColumns()) {
      c.widthProperty().addListener((o, was, now) -> fit.widthChanged(c, now.doubleValue()));
    }
  }

  /** Whether {@code table}'s columns still wait for their first fit (not worth saving yet). */
  static boolean pending(TableView<?> table) {
    return table.getProperties().get(ColumnFit.class) instanceof ColumnFit f && !f.fitted;
  }

  private void fitWhenLoaded() {
    if (fitted || userSized || table.getItems() == null || table.getItems().isEmpty()) {
      return;
    }
    EventRow first = table.getItems().get(0);
    if (first.loaded()) {
      Platform.runLater(this::refit);
    } else {
      first
          .eventProperty()
          .addListener(
              (o, was, now) -> {
                if (now != null) {
                  Platform.runLater(this::refit);
                }
              });
    }
  }

  /** Measures every visible column but the last: its header (the floor) and its longest text. */
  private void refit() {
    if (userSized || table.getItems() == null || table.getItems().isEmpty()) {
      return;
    }
    List<TableColumn<EventRow, ?>> visible = table.getVisibleLeafColumns();
    if (visible.isEmpty()) {
      return;
    }
    if (table.lookup(".table-row-cell .table-cell") == null && retries++ < 40) {
      // The fonts come from cells, which the next layout pass creates.
      PauseTransition later = new PauseTransition(Duration.millis(50));
      later.setOnFinished(e -> refit());
      later.play();
      return;
    }
    Font cellFont = font(".table-row-cell .table-cell");
    Font headerFont = font(".column-header .label");
    Font badgeFont = font(".action-badge");
    double cellPad = horizontalInsets(".table-row-cell .table-cell", 16);
    double badgePad = horizontalInsets(".action-badge", 16);
    int rows = Math.min(MEASURED_ROWS, table.getItems().size());
    for (TableColumn<EventRow, ?> c : visible.subList(0, visible.size() - 1)) {
      double header = Math.max(c.getMinWidth(), width(c.getText(), headerFont) + HEADER_PAD);
      double content = 0;
      EventColumn column = TableColumns.columnOf(c).orElse(null);
      if (column != null) {
        boolean badge = column.kind() == EventColumn.Kind.ACTION;
        Font f = badge ? badgeFont : cellFont;
        double pad = cellPad + (badge ? badgePad : 0);
        for (int i = 0; i < rows; i++) {
          AuditEvent e = table.getItems().get(i).event();
          if (e != null) {
            content = Math.max(content, width(CellText.of(column, e), f) + pad);
          }
        }
      }
      double n = Math.ceil(Math.max(header, Math.min(CAP, content)));
      natural.put(c, n);
      floor.put(c, column != null && KEEP_WHOLE.contains(column) ? n : Math.ceil(header));
    }
    fitted = true;
    fillLast();
  }

  /**
   * Gives every column its natural width when the table has room; else the widest columns with long
   * texts give way first, down to one common width (never below their header nor {@link
   * #MIN_LEVEL}; their cells end in an ellipsis). The last column takes the rest.
   */
  private void fillLast() {
    List<TableColumn<EventRow, ?>> visible = table.getVisibleLeafColumns();
    if (!fitted || userSized || visible.isEmpty() || table.getWidth() <= 0) {
      return;
    }
    List<TableColumn<EventRow, ?>> others = visible.subList(0, visible.size() - 1);
    // The table's border and its vertical scroll bar are not room for columns.
    double room = table.getWidth() - table.snappedLeftInset() - table.snappedRightInset() - 18;
    double budget = room - LAST_MIN;
    double low = MIN_LEVEL;
    double high = CAP;
    if (total(others, low) > budget) {
      // Narrower than this reads worse than a horizontal scroll bar (e.g. with the details pane).
      high = low;
    } else if (total(others, high) > budget) {
      for (int i = 0; i < 30; i++) {
        double mid = (low + high) / 2;
        if (total(others, mid) > budget) {
          high = mid;
        } else {
          low = mid;
        }
      }
      high = low;
    }
    double used = 0;
    for (TableColumn<EventRow, ?> c : others) {
      double w = Math.floor(widthAt(c, high));
      assign(c, w);
      used += w;
    }
    assign(visible.get(visible.size() - 1), Math.floor(Math.max(LAST_MIN, room - used)));
  }

  private double total(List<TableColumn<EventRow, ?>> columns, double level) {
    double sum = 0;
    for (TableColumn<EventRow, ?> c : columns) {
      sum += widthAt(c, level);
    }
    return sum;
  }

  /** A column's width when no column may be wider than {@code level} unless its floor is. */
  private double widthAt(TableColumn<?, ?> c, double level) {
    double n = natural.getOrDefault(c, c.getPrefWidth());
    return Math.min(n, Math.max(floor.getOrDefault(c, n), level));
  }

  private void assign(TableColumn<EventRow, ?> c, double width) {
    assigned.put(c, width);
    c.setPrefWidth(width);
  }

  /** A width this class did not set is the user's: their layout from then on. */
  private void widthChanged(TableColumn<?, ?> c, double width) {
    Double ours = assigned.get(c);
    if (fitted && ours != null && Math.abs(ours - width) > 0.5) {
      userSized = true;
    }
  }

  private Font font(String selector) {
    Node n = table.lookup(selector);
    return n instanceof Labeled l ? l.getFont() : Font.getDefault();
  }

  private double horizontalInsets(String selector, double fallback) {
    Node n = table.lookup(selector);
    return n instanceof Region r && r.getInsets() != null
        ? r.snappedLeftInset() + r.snappedRightInset()
        : fallback;
  }

  private static double width(String s, Font font) {
    Text t = new Text(s);
    t.setFont(font);
    return t.getLayoutBounds().getWidth();
  }
}
