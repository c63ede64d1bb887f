package dev.auditdesk.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.auditdesk.coder.AuditEventJson;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.FieldChange;

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
      return AuditEventJson.toJson(e);
    }
    if (raw.indexOf('\n') < 0 && raw.indexOf('\r') < 0) {
      return raw;
    }
    try {
      return MAPPER.readTree(raw).toString();
    } catch (JsonProcessingException ex) {
      return AuditEventJson.toJson(e);
    }
  }

  /**
   * The diff as compact JSON, in Coder's shape: {@code {"field":{"old":..,"new":..,"secret":..}}}.
   */
  static String diff(AuditEvent e) {
    if (e.diff().isEmpty()) {
      return "{}";
    }
    StringBuilder b = new StringBuilder(64 * e.diff().size());
    b.append('{');
    boolean first = true;
    for (FieldChange c : e.diff()) {
      if (!first) {
        b.append(',');
      }
      first = false;
      b.append('"');
      JsonStringEncoder.getInstance().quoteAsString(c.field(), b);
      b.append("\":{\"old\":")
          .append(c.secret() ? "null" : c.oldJson())
          .append(",\"new\":")
          .append(c.secret() ? "null" : c.newJson())
          .append(",\"secret\":")
          .append(c.secret())
          .append('}');
    }
    return b.append('}').toString();
  }
}
