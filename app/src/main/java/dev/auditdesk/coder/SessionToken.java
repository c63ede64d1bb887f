package dev.auditdesk.coder;

/**
 * A Coder session token. {@link #toString()} never shows it, so it cannot reach a log line by
 * accident; only {@link #reveal()} gives the value, for the request header and the keyring.
 */
public final class SessionToken {

  private final String value;

  public SessionToken(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("The session token is empty.");
    }
    this.value = value.trim();
  }

  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "SessionToken[hidden]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionToken t && t.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
