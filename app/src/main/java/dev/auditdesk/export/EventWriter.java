package dev.auditdesk.export;

import dev.auditdesk.model.AuditEvent;
import java.io.IOException;
import java.io.Writer;

/** Writes events one at a time in one export format; never holds more than one event. */
interface EventWriter {

  void begin() throws IOException;

  void write(AuditEvent event) throws IOException;

  /** Writes what follows the last event; the caller flushes and closes the underlying writer. */
  void finish() throws IOException;

  static EventWriter of(ExportFormat format, Writer out, ExportDescription description) {
    return switch (format) {
      case CSV -> new CsvEventWriter(out);
      case NDJSON -> new NdjsonEventWriter(out);
      case JSON -> new JsonArrayEventWriter(out);
      case HTML -> new HtmlReportWriter(out, description);
    };
  }
}
