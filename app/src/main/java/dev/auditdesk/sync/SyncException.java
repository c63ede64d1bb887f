package dev.auditdesk.sync;

/** A sync that stopped before it finished; the message is a plain sentence for a person. */
public class SyncException extends Exception {

  /** Why it stopped, so a caller can choose what to offer (sign in again, retry later...). */
  public enum Kind {
    /** Wrong password, expired token, or no permission to read the audit log: sign in again. */
    AUTH,
    /** The server could not be reached or kept failing after retries: try again later. */
    NETWORK,
    /** The cache could not be written (locked, damaged, disk full). */
    CACHE,
    /** Someone cancelled it; everything fetched so far is saved and the next sync continues. */
    CANCELLED
  }

  private final Kind kind;
  private final transient SyncResult partial;

  public SyncException(Kind kind, String message, SyncResult partial, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.partial = partial;
  }

  public Kind kind() {
    return kind;
  }

  /** What the sync had done before it stopped (saved in the cache). */
  public SyncResult partial() {
    return partial;
  }
}
