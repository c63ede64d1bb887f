package dev.auditdesk.cache;

/**
 * A cache that cannot be used as asked: corrupt, locked by another AuditDesk, full disk. The
 * message is a plain sentence that names the file and the way out.
 */
public class CacheException extends Exception {

  /** What the user can do about it. */
  public enum Problem {
    CORRUPT,
    LOCKED,
    NEWER_VERSION,
    /** The file is encrypted and this computer's keyring has no (or another) key for it. */
    NO_KEY,
    IO
  }

  private final Problem problem;

  public CacheException(Problem problem, String message, Throwable cause) {
    super(message, cause);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
