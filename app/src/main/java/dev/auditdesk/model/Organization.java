package dev.auditdesk.model;

/** The organization an event belongs to; {@link #NONE} when the server did not say. */
public record Organization(String id, String name, String displayName) {

  public static final Organization NONE = new Organization("", "", "");

  public Organization {
    id = id == null ? "" : FieldLimit.cap(id);
    name = name == null ? "" : FieldLimit.cap(name);
    displayName = displayName == null ? "" : FieldLimit.cap(displayName);
  }

  public boolean isKnown() {
    return !id.isEmpty() || !name.isEmpty();
  }

  /** The best name to show a person: display name, else name, else id. */
  public String label() {
    return !displayName.isEmpty() ? displayName : !name.isEmpty() ? name : id;
  }
}
