package dev.auditdesk.model;

/** A dimension of the connection log the user filters on, with its values counted by the cache. */
public enum ConnectionFacet {
  /** The type family ({@link ConnectionType#name()}). */
  FAMILY("Type"),
  /** The raw type as the server wrote it (apps an agent reports, unknown types). */
  TYPE("Raw type"),
  OWNER("Workspace owner"),
  USER("User"),
  WORKSPACE("Workspace"),
  /** {@link ConnectionStatus#name()}. */
  STATUS("Status");

  private final String title;

  ConnectionFacet(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }
}
