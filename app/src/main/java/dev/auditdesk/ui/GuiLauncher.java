package dev.auditdesk.ui;

import javafx.application.Application;

/**
 * Starts the JavaFX application. Kept apart from {@link AuditDeskApp} so the shaded jar's main
 * class does not extend {@code Application} (JavaFX refuses that on the class path).
 */
public final class GuiLauncher {

  private GuiLauncher() {}

  public static void launch(String[] args) {
    Application.launch(AuditDeskApp.class, args);
  }
}
