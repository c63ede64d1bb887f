package dev.auditdesk;

import dev.auditdesk.cli.AuditDeskCli;

/**
 * Entry point of {@code auditdesk.jar}: no arguments opens the window, any argument runs the
 * headless command line (which never needs a display).
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    Logging.init();
    if (args.length == 0) {
      dev.auditdesk.ui.GuiLauncher.launch(args);
      return;
    }
    System.exit(AuditDeskCli.run(args));
  }
}
