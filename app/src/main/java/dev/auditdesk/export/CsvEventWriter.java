package dev.auditdesk.export;

import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.VisibleText;
import java.io.IOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;
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
      List.of(
          "id",
          "time",
          "username",
          "action",
          "resource_type",
          "resource_target",
          "status_code",
          "ip",
          "user_agent",
          "organization",
          "description",
          "diff",
          "additional_fields",
          "request_id",
          "resource_id",
          "user_id",
          "email",
          "organization_id",
          "build_reason",
          "resource_link",
          "is_deleted");

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
    cell(e.id());
    cell(DateTimeFormatter.ISO_INSTANT.format(e.time()));
    cell(e.actor().username());
    cell(e.action());
    cell(e.resourceType());
    cell(e.resourceTarget());
    printer.print(e.statusCode());
    cell(e.ip());
    cell(e.userAgent());
    cell(e.organization().isKnown() ? e.organization().label() : "");
    cell(e.filledDescription());
    cell(EventJson.diff(e));
    cell(e.additionalFieldsJson());
    cell(e.requestId());
    cell(e.resourceId());
    cell(e.actor().id());
    cell(e.actor().email());
    cell(e.organization().id());
    cell(e.buildReason());
    cell(e.resourceLink());
    printer.print(e.deleted());
    printer.println();
  }

  @Override
  public void finish() throws IOException {
    printer.flush();
  }

  private void cell(String value) throws IOException {
    printer.print(VisibleText.of(neutralise(value)));
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
