package dev.auditdesk.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/**
 * Copies table rows as tab-separated text with a header line: the visible columns in the order the
 * user arranged them, ready to paste into a spreadsheet.
 */
public final class TableCopy {

  /** Key of a column property holding a {@code Function<row, String>}: the text to copy. */
  public static final String TEXT = "auditdesk.copyText";

  private TableCopy() {}

  /** The selected rows of {@code table} as TSV; "" when nothing is selected. */
  public static <S> String selectedAsTsv(TableView<S> table) {
    List<S> rows = new ArrayList<>(table.getSelectionModel().getSelectedItems());
    rows.removeIf(r -> r == null);
    return rows.isEmpty() ? "" : tsv(table, rows);
  }

  /** Puts the selected rows on the system clipboard; returns how many were copied. */
  public static <S> int copySelected(TableView<S> table) {
    String text = selectedAsTsv(table);
    if (text.isEmpty()) {
      return 0;
    }
    ClipboardContent c = new ClipboardContent();
    c.putString(text);
    Clipboard.getSystemClipboard().setContent(c);
    return (int) text.lines().count() - 1;
  }

  static <S> String tsv(TableView<S> table, List<S> rows) {
    List<TableColumn<S, ?>> cols = new ArrayList<>(table.getVisibleLeafColumns());
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cols.size(); i++) {
      b.append(i == 0 ? "" : "\t").append(clean(cols.get(i).getText()));
    }
    b.append('\n');
    for (S row : rows) {
      for (int i = 0; i < cols.size(); i++) {
        b.append(i == 0 ? "" : "\t").append(clean(textOf(cols.get(i), row)));
      }
      b.append('\n');
    }
    return b.toString();
  }

  @SuppressWarnings("unchecked")
  private static <S> String textOf(TableColumn<S, ?> col, S row) {
    Object f = col.getProperties().get(TEXT);
    if (f instanceof Function<?, ?> fn) {
      Object v = ((Function<S, ?>) fn).apply(row);
      return v == null ? "" : v.toString();
    }
    Object v = col.getCellData(row);
    return v == null ? "" : v.toString();
  }

  /** Tabs and line breaks inside a value would break the grid: they become spaces. */
  private static String clean(String s) {
    return s == null ? "" : s.replaceAll("[\\t\\r\\n]+", " ").trim();
  }
}
