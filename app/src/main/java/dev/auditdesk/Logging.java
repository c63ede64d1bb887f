package dev.auditdesk;

import java.nio.file.Path;

/**
 * Points Logback at the user's log directory before the first logger exists. The file's layout
 * ({@link RedactingLayout}) passes every line, stack traces included, through {@link
 * RedactingConverter}, so a session token or password cannot reach the file even if code logs one
 * by mistake. Logs stay in the user's data folder: when it cannot be created, there is no log file
 * (one line on stderr says so), never a shared folder such as /tmp.
 */
public final class Logging {

  static final String DIR_PROPERTY = "auditdesk.logdir";

  private Logging() {}

  public static void init() {
    if (System.getProperty(DIR_PROPERTY) == null) {
      Path dir = AppDirs.logs();
      try {
        PrivateFiles.createDirectories(dir);
        System.setProperty(DIR_PROPERTY, dir.toString());
      } catch (Exception e) {
        System.err.println(
            "AuditDesk: logging to a file is off: the log folder "
                + dir
                + " could not be created ("
                + e.getClass().getSimpleName()
                + ").");
        System.setProperty(DIR_PROPERTY, "");
      }
    }
  }
}
