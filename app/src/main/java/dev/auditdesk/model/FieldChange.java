package dev.auditdesk.model;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.List;

/**
 * One entry of an event's diff. Values are kept as JSON text exactly as the server sent them; when
 * {@code secret} is true the server withholds them and the UI must show "hidden", never a value.
 */
public record FieldChange(String field, String oldJson, String newJson, boolean secret) {
  public FieldChange {
    field = field == null ? "" : FieldLimit.cap(field);
    oldJson = oldJson == null ? "null" : FieldLimit.cap(oldJson);
    newJson = newJson == null ? "null" : FieldLimit.cap(newJson);
  }

  /**
   * A diff as compact JSON, in Coder's shape: {@code {"field":{"old":..,"new":..,"secret":..}}}; a
   * secret's values are written as null.
   */
  public static String json(List<FieldChange> diff) {
    if (diff.isEmpty()) {
      return "{}";
    }
    StringBuilder b = new StringBuilder(64 * diff.size());
    b.append('{');
    boolean first = true;
    for (FieldChange c : diff) {
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
