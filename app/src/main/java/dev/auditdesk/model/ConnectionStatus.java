package dev.auditdesk.model;

import java.util.Locale;

/**
 * Where a connection stands. Only sessions an agent reports ({@code ssh_info}) have one; a web
 * request (app, port forward, tunnel) is a single moment, as in Coder, where {@code status:} never
 * matches those rows.
 */
public enum ConnectionStatus {
  ONGOING("ongoing"),
  COMPLETED("completed"),
  NOT_A_SESSION("");

  private final String searchValue;

  ConnectionStatus(String searchValue) {
    this.searchValue = searchValue;
  }

  /** The value of Coder's {@code status:} key ("" for a web request, which has no status). */
  public String searchValue() {
    return searchValue;
  }

  /** {@code ongoing} or {@code completed} (any case); anything else is refused. */
  public static ConnectionStatus parse(String s) {
    String v = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "ongoing" -> ONGOING;
      case "completed" -> COMPLETED;
      default ->
          throw new IllegalArgumentException(
              "A connection status is ongoing or completed, not \"" + s + "\".");
    };
  }
}
