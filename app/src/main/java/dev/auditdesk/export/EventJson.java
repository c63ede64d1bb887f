package dev.auditdesk.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.format.AuditEventJsonWriter;
import dev.auditdesk.model.AuditEvent;

/** The JSON text of an event for export: its original JSON on one line, nothing lost. */
final class EventJson {

  private static final ObjectMapper MAPPER = AuditEventJson.mapper();

  private EventJson() {}

  /**
   * The event's original JSON as one line. Pretty-printed originals are compacted (only whitespace
   * between tokens can hold a line break); an event that has no original text is rebuilt from its
   * fields.
   */
  static String oneLine(AuditEvent e) {
    String raw = e.rawJson();
    if (raw.isEmpty()) {
      return AuditEventJsonWriter.toJson(e);
    }
    if (raw.indexOf('\n') < 0 && raw.indexOf('\r') < 0) {
      return raw;
    }
    try {
      return MAPPER.readTree(raw).toString();
    } catch (JsonProcessingException ex) {
      return AuditEventJsonWriter.toJson(e);
    }
  }
}
