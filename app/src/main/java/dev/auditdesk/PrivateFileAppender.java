package dev.auditdesk;

import ch.qos.logback.core.rolling.RollingFileAppender;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The log file appender: starts only when {@link Logging#init} chose a log folder (never a shared
 * one such as /tmp), and keeps the folder {@code 0700} and every log file {@code 0600} whatever the
 * umask (Logback itself creates files with the umask).
 */
public class PrivateFileAppender<E> extends RollingFileAppender<E> {

  @Override
  public void start() {
    String dir = System.getProperty(Logging.DIR_PROPERTY, "");
    if (dir.isBlank()) {
      addInfo("No log folder: logging to a file is off.");
      return;
    }
    PrivateFiles.tightenTree(Path.of(dir));
    super.start();
  }

  @Override
  public void openFile(String fileName) throws IOException {
    Path file = Path.of(fileName).toAbsolutePath();
    PrivateFiles.createDirectories(file.getParent());
    PrivateFiles.createFile(file);
    super.openFile(fileName);
  }

  @Override
  public void rollover() {
    super.rollover();
    // Rolled and compressed files are created by Logback with the umask; the folder is 0700 anyway.
    PrivateFiles.tightenTree(Path.of(getFile()).toAbsolutePath().getParent());
  }
}
