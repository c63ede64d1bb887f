package dev.auditdesk.coder;

import java.time.Duration;
import java.util.List;

/**
 * A failure talking to a Coder deployment, typed so a UI or the CLI can turn it into a plain
 * sentence ({@link #userMessage()}) and decide what to do (retry, ask for credentials, give up).
 * Never carries a session token or password.
 */
public class CoderException extends Exception {

  /** What went wrong, in terms a user can act on. */
  public enum Kind {
    /** The URL answers, but not as a Coder deployment. */
    NOT_CODER,
    /** DNS failure, connection refused, no route. */
    UNREACHABLE,
    /** Connect or read timeout. */
    TIMEOUT,
    /** Untrusted or expired certificate, hostname mismatch. */
    TLS,
    /** 401 on login: wrong email or password. */
    BAD_CREDENTIALS,
    /** 401 on any other call: the session token expired or was revoked. */
    TOKEN_EXPIRED,
    /** 403: not allowed to read the audit log, or the deployment lacks the audit feature. */
    FORBIDDEN,
    /** 400 on a search: see {@link #validations()}. */
    BAD_QUERY,
    /** 429: see {@link #retryAfter()}. */
    RATE_LIMITED,
    /** 5xx. */
    SERVER_ERROR,
    /** A body that is not the JSON we expect (truncated, malformed). */
    BAD_RESPONSE,
    /** Plain http:// to another computer, refused before connecting unless explicitly allowed. */
    INSECURE,
    /** The deployment does not offer this (an older Coder: 404; no licence or permission: 403). */
    NOT_AVAILABLE;

    /** Worth trying again after a pause. */
    public boolean transientFailure() {
      return this == UNREACHABLE
          || this == TIMEOUT
          || this == RATE_LIMITED
          || this == SERVER_ERROR
          || this == BAD_RESPONSE;
    }

    /** The user must sign in again or ask for rights; retrying will not help. */
    public boolean authFailure() {
      return this == BAD_CREDENTIALS || this == TOKEN_EXPIRED || this == FORBIDDEN;
    }
  }

  /** One field-level complaint from a 400 answer, e.g. {@code limit} or {@code q}. */
  public record Validation(String field, String detail) {}

  private final Kind kind;
  private final int httpStatus;
  private final String detail;
  private final List<Validation> validations;
  private final Duration retryAfter;

  public CoderException(
      Kind kind,
      String userMessage,
      int httpStatus,
      String detail,
      List<Validation> validations,
      Duration retryAfter,
      Throwable cause) {
    super(userMessage, cause);
    this.kind = kind;
    this.httpStatus = httpStatus;
    this.detail = detail == null ? "" : detail;
    this.validations = validations == null ? List.of() : List.copyOf(validations);
    this.retryAfter = retryAfter == null ? Duration.ZERO : retryAfter;
  }

  public CoderException(Kind kind, String userMessage) {
    this(kind, userMessage, 0, "", List.of(), Duration.ZERO, null);
  }

  public Kind kind() {
    return kind;
  }

  /** A plain sentence for a person: what happened and what to do. */
  public String userMessage() {
    return getMessage();
  }

  /** The HTTP status, or 0 when no answer came. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The server's {@code detail}, shown on demand; may be empty. */
  public String detail() {
    return detail;
  }

  public List<Validation> validations() {
    return validations;
  }

  /** How long the server asked us to wait (429 Retry-After); zero when it did not say. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
