package dev.auditdesk.ui.common;

import java.util.List;
import java.util.function.Function;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/**
 * Rows as tab-separated text with a header line — the visible columns in the order the user
 * arranged them — ready to paste into a spreadsheet.
 */
public final class TableCopy {

  /** One column to copy: its header and how a row reads in it. */
  public record Column<T>(String header, Function<T, String> text) {}

  private TableCopy() {}

  public static <T> String tsv(List<Column<T>> columns, List<T> rows) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      b.append(i == 0 ? "" : "\t").append(clean(columns.get(i).header()));
    }
    b.append('\n');
    for (T row : rows) {
      for (int i = 0; i < columns.size(); i++) {
        String v = row == null ? "" : columns.get(i).text().apply(row);
        b.append(i == 0 ? "" : "\t").append(clean(v));
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** Puts text on the system clipboard, as plain text. */
  public static void toClipboard(String text) {
    ClipboardContent c = new ClipboardContent();
    c.putString(text);
    Clipboard.getSystemClipboard().setContent(c);
  }

  /** Tabs and line breaks inside a value would break the grid: they become spaces. */
  private static String clean(String s) {
    return s == null ? "" : s.replaceAll("[\\t\\r\\n]+", " ").trim();
  }
}
