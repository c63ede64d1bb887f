package dev.auditdesk.insights;

/** The rules AuditDesk runs over a cache; docs/USER-GUIDE.md ("Insights") describes each. */
public enum Rule {
  FAILED_SIGN_INS("failed-sign-ins", "Failed sign-ins in a burst", Severity.HIGH, false),
  NEW_SIGN_IN_ADDRESS("new-address", "Sign-in from a new address", Severity.MEDIUM, false),
  OFF_HOURS_ADMIN("off-hours-admin", "Administration outside working hours", Severity.LOW, false),
  PRIVILEGE_GRANT("privilege-grant", "Role granted", Severity.HIGH, false),
  MASS_DELETION("mass-deletion", "Mass deletion", Severity.HIGH, false),
  SECRET_CHANGE("secret-change", "Secret changed", Severity.MEDIUM, false),
  SILENCE("silence", "Unusual silence", Severity.MEDIUM, false),
  LONG_CONNECTION("long-connection", "Connection open for over a day", Severity.LOW, true),
  DENIED_CONNECTION("denied-connection", "Denied tunnel or port forward", Severity.MEDIUM, true);

  private final String id;
  private final String title;
  private final Severity severity;
  private final boolean connectionLog;

  Rule(String id, String title, Severity severity, boolean connectionLog) {
    this.id = id;
    this.title = title;
    this.severity = severity;
    this.connectionLog = connectionLog;
  }

  /** A stable name for files and JSON: {@code failed-sign-ins}, ... */
  public String id() {
    return id;
  }

  /** The rule's name in English, for the command line and exports. */
  public String title() {
    return title;
  }

  public Severity severity() {
    return severity;
  }

  /** Whether its findings name connection log rows rather than audit events. */
  public boolean connectionLog() {
    return connectionLog;
  }
}
