package dev.auditdesk;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Points Logback at the user's log directory before the first logger exists. The pattern in
 * logback.xml passes every message through {@link dev.auditdesk.RedactingConverter}, so a session
 * token or password cannot reach the file even if code logs one by mistake.
 */
public final class Logging {

  private Logging() {}

  public static void init() {
    if (System.getProperty("auditdesk.logdir") == null) {
      Path dir = AppDirs.logs();
      try {
        Files.createDirectories(dir);
      } catch (Exception e) {
        dir = Path.of(System.getProperty("java.io.tmpdir"), "auditdesk-logs");
      }
      System.setProperty("auditdesk.logdir", dir.toString());
    }
  }
}
