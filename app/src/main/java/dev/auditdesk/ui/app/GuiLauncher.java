package dev.auditdesk.ui.app;

import dev.auditdesk.ExitCodes;
import dev.auditdesk.MemoryShortage;
import dev.auditdesk.ui.common.Messages;
import java.nio.file.Path;
import javafx.application.Application;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the JavaFX application. Kept apart from {@link AuditDeskApp} so the shaded jar's main
 * class does not extend {@code Application} (JavaFX refuses that on the class path). A failure
 * reaches the user as one sentence; its stack trace goes to the log file.
 */
public final class GuiLauncher {

  private static final Logger LOG = LoggerFactory.getLogger(GuiLauncher.class);

  private GuiLauncher() {}

  public static void launch(String[] args) {
    Thread.setDefaultUncaughtExceptionHandler(GuiLauncher::uncaught);
    try {
      Application.launch(AuditDeskApp.class, args);
    } catch (OutOfMemoryError e) {
      System.err.println(MemoryShortage.message());
      System.exit(ExitCodes.OUT_OF_MEMORY);
    } catch (RuntimeException | Error e) {
      LOG.error("The window could not open", e);
      System.err.println(Messages.get("start.failed", rootMessage(e), logFile()));
      System.exit(ExitCodes.NO_WINDOW);
    }
  }

  private static void uncaught(Thread thread, Throwable e) {
    if (MemoryShortage.in(e)) {
      LOG.error("Out of memory in thread {}", thread.getName());
      System.err.println(MemoryShortage.message());
      return;
    }
    LOG.error("Unexpected error in thread {}", thread.getName(), e);
    // JavaFX tears its renderer down on SIGTERM while a frame may still be drawn: not news.
    if (!shuttingDown()) {
      System.err.println(Messages.get("start.unexpected", rootMessage(e), logFile()));
    }
  }

  private static boolean shuttingDown() {
    try {
      Thread probe = new Thread(() -> {});
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException e) {
      return true;
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private static String logFile() {
    String dir = System.getProperty("auditdesk.logdir", "");
    return dir.isBlank()
        ? Messages.get("start.noLogFile")
        : Path.of(dir, "auditdesk.log").toString();
  }
}
