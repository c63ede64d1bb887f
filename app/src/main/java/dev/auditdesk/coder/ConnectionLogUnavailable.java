package dev.auditdesk.coder;

import java.time.Duration;
import java.util.List;

/**
 * The deployment has no connection log for this user: an outcome to say once, plainly, never a
 * failed sync. Kind {@link CoderException.Kind#NOT_AVAILABLE}, so no retry and no sign-in prompt.
 */
public final class ConnectionLogUnavailable extends CoderException {

  /** Why the connection log cannot be read. */
  public enum Reason {
    /** 404: a Coder release before 2.25 has no connection log. */
    NOT_SUPPORTED,
    /** 403: the deployment lacks the Premium licence, or the account the permission. */
    NOT_PERMITTED
  }

  private final Reason reason;

  ConnectionLogUnavailable(Reason reason, String host, int status, String detail) {
    super(
        Kind.NOT_AVAILABLE, message(reason, host), status, detail, List.of(), Duration.ZERO, null);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /** One sentence for a person: what is missing and that the audit log is unaffected. */
  static String message(Reason reason, String host) {
    return reason == Reason.NOT_SUPPORTED
        ? host + " has no connection log (Coder before 2.25); its audit log is synced as usual."
        : host
            + " does not let this account read the connection log (it needs a Premium licence"
            + " and the Auditor role); the audit log is synced as usual.";
  }
}
