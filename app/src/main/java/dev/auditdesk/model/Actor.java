package dev.auditdesk.model;

/**
 * Who performed an audited action. Coder sends {@code user: null} for actions the system took on
 * its own (autostart, autostop, ...); that is {@link #SYSTEM}, never a null.
 */
public record Actor(String id, String username, String email, String name) {

  public static final Actor SYSTEM = new Actor("", "", "", "");

  public Actor {
    id = nz(id);
    username = nz(username);
    email = nz(email);
    name = nz(name);
  }

  public boolean isSystem() {
    return username.isEmpty() && id.isEmpty();
  }

  private static String nz(String s) {
    return s == null ? "" : FieldLimit.cap(s);
  }
}
