package dev.auditdesk;

/** The CLI's exit codes, the same for every command, documented in the README. */
public final class ExitCodes {
  public static final int OK = 0;

  /** Internal error: a bug; the message says where the log is. */
  public static final int SOFTWARE = 1;

  public static final int USAGE = 2;

  /** Wrong password, expired token, no permission to read the audit log. */
  public static final int AUTH = 3;

  /** Unreachable, timeouts, server errors after retries. */
  public static final int NETWORK = 4;

  /** The cache is corrupt, locked or unwritable. */
  public static final int CACHE = 5;

  /** A file failed verification against its manifest. */
  public static final int VERIFY_FAILED = 6;

  /** The window cannot open here: no display, no GTK 3, or too old a Java (README). */
  public static final int NO_WINDOW = 7;

  /** The Java heap ran out; the message says how much the cache needs and how to give it. */
  public static final int OUT_OF_MEMORY = 8;

  private ExitCodes() {}
}
