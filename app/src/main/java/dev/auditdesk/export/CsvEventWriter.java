package dev.auditdesk.export;

import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.EventColumn;
import dev.auditdesk.model.VisibleText;
import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;

/**
 * CSV for spreadsheets: RFC 4180, a header row, ISO-8601 UTC times, diff and additional fields as
 * compact JSON. Every cell that a spreadsheet would run as a formula is neutralised.
 *
 * <p>The cells are quoted as Commons CSV's {@code CSVFormat.RFC4180} quotes them (its minimal
 * quoting, checked against it in {@code CsvEventWriterTest}), but a row is built in one buffer and
 * written at once: printing cell by cell through {@code CSVPrinter} cost a third of a 10M export's
 * writing (issue 19).
 */
final class CsvEventWriter implements EventWriter {

  /** The header row, in order. */
  static final List<String> COLUMNS =
      Arrays.stream(EventColumn.values()).map(EventColumn::csvHeader).toList();

  private static final EventColumn[] CELLS = EventColumn.values();

  private final Writer out;
  private final StringBuilder row = new StringBuilder(2048);
  private char[] chars = new char[2048];

  CsvEventWriter(Writer out) {
    this.out = out;
  }

  @Override
  public void begin() throws IOException {
    row.setLength(0);
    for (String header : COLUMNS) {
      cell(header);
    }
    endRow();
  }

  @Override
  public void write(AuditEvent e) throws IOException {
    row.setLength(0);
    for (EventColumn c : CELLS) {
      String text = c.text(e);
      cell(c.kind().isValue() ? text : VisibleText.of(neutralise(text)));
    }
    endRow();
  }

  @Override
  public void finish() throws IOException {
    out.flush();
  }

  /**
   * Appends one cell, quoted when a CSV reader could misread it: it holds a quote, comma or line
   * break, starts with a character up to {@code #}, ends with a space or control character, or is
   * an empty first cell (a row of one empty cell would read as an empty line).
   */
  private void cell(String value) {
    boolean first = row.length() == 0;
    if (!first) {
      row.append(',');
    }
    if (!needsQuotes(value, first)) {
      row.append(value);
      return;
    }
    row.append('"');
    int from = 0;
    for (int i = value.indexOf('"'); i >= 0; i = value.indexOf('"', i + 1)) {
      row.append(value, from, i + 1).append('"');
      from = i + 1;
    }
    row.append(value, from, value.length()).append('"');
  }

  private static boolean needsQuotes(String value, boolean first) {
    int n = value.length();
    if (n == 0) {
      return first;
    }
    if (value.charAt(0) <= '#' || value.charAt(n - 1) <= ' ') {
      return true;
    }
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c == '"' || c == ',' || c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
  }

  private void endRow() throws IOException {
    row.append("\r\n");
    int n = row.length();
    if (chars.length < n) {
      chars = new char[Math.max(n, 2 * chars.length)];
    }
    row.getChars(0, n, chars, 0);
    out.write(chars, 0, n);
  }

  /**
   * A cell a spreadsheet would evaluate gets a leading apostrophe, so attacker-controlled text such
   * as a user agent is shown, never run: one that starts with {@code = + - @} or their fullwidth
   * forms, with tab or carriage return, or with spaces before any of these (spreadsheets skip
   * them).
   */
  static String neutralise(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ' ' || c == '\u00a0' || c == '\u3000') {
        continue; // spreadsheets skip leading spaces before a formula
      }
      return c == '\t' || c == '\r' || formulaStart(c) ? "'" + value : value;
    }
    return value;
  }

  private static boolean formulaStart(char c) {
    return switch (c) {
      case '=', '+', '-', '@', '\uff1d', '\uff0b', '\uff0d', '\uff20', '\u2212' -> true;
      default -> false;
    };
  }
}
