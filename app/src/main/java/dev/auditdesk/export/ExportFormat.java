package dev.auditdesk.export;

import java.util.Locale;

/** The file formats AuditDesk exports a view to. */
public enum ExportFormat {
  /** One row per event, for spreadsheets; formulas neutralised. */
  CSV("csv"),
  /** One original Coder event JSON object per line: nothing the server said is lost. */
  NDJSON("ndjson"),
  /** A JSON array of the original Coder event objects. */
  JSON("json"),
  /**
   * A self-contained HTML report: summary counts and the table, for people without spreadsheets.
   */
  HTML("html");

  private final String extension;

  ExportFormat(String extension) {
    this.extension = extension;
  }

  /** The usual file name extension, without the dot. */
  public String extension() {
    return extension;
  }

  /** Parses a format name as typed on the command line ({@code csv}, {@code NDJSON}, ...). */
  public static ExportFormat parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    for (ExportFormat f : values()) {
      if (f.extension.equals(t)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "\"" + text + "\" is not an export format; use csv, ndjson, json or html.");
  }
}
