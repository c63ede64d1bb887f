package dev.auditdesk.coder;

import dev.auditdesk.model.Deployment;

/**
 * The Coder endpoints AuditDesk uses, one method each (see ../shared/coder-api.md). Every method
 * blocks on the network: never call it on the JavaFX application thread.
 */
public interface CoderApi extends AutoCloseable {

  Deployment deployment();

  /** No authentication needed; fails with NOT_CODER when the URL is not a Coder deployment. */
  BuildInfo buildInfo() throws CoderException;

  Entitlements entitlements() throws CoderException;

  /** Signs in with a password; on success this client uses the new session token. */
  SessionToken login(String email, char[] password) throws CoderException;

  /** Uses a pasted token from now on (SSO users); call {@link #me()} to check it. */
  void useToken(SessionToken token);

  /** The signed-in user; validates the token (TOKEN_EXPIRED when it is not). */
  CoderUser me() throws CoderException;

  /** Ends the session server side and forgets the token. */
  void logout() throws CoderException;

  /** One page of the audit log, newest first. {@code q} is Coder's search string ("" for all). */
  AuditPage auditPage(String q, int limit, long offset) throws CoderException;

  /**
   * One page of the connection log (Coder 2.25+), newest connect time first; {@code q} in its own
   * search language ({@code format.ConnectionSearch}). A deployment without it throws {@link
   * ConnectionLogUnavailable}.
   */
  ConnectionLogPage connectionLog(String q, int limit, long offset) throws CoderException;

  @Override
  void close();
}
