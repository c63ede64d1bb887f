package dev.auditdesk.export;

import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.EventColumn;
import dev.auditdesk.model.VisibleText;
import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * CSV for spreadsheets: RFC 4180, a header row, ISO-8601 UTC times, diff and additional fields as
 * compact JSON. Every cell that a spreadsheet would run as a formula is neutralised.
 */
final class CsvEventWriter implements EventWriter {

  /** The header row, in order. */
  static final List<String> COLUMNS =
      Arrays.stream(EventColumn.values()).map(EventColumn::csvHeader).toList();

  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

  private final CSVPrinter printer;

  CsvEventWriter(Writer out) {
    try {
      this.printer = new CSVPrinter(out, FORMAT);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void begin() throws IOException {
    printer.printRecord(COLUMNS);
  }

  @Override
  public void write(AuditEvent e) throws IOException {
    for (EventColumn c : EventColumn.values()) {
      String text = c.text(e);
      printer.print(c.kind().isValue() ? text : VisibleText.of(neutralise(text)));
    }
    printer.println();
  }

  @Override
  public void finish() throws IOException {
    printer.flush();
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
