package dev.auditdesk.model;

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
}
