package dev.auditdesk.ui;

/** What the user picked in View ▸ Theme: follow the operating system, or a fixed look. */
public enum ThemeChoice {
  SYSTEM,
  LIGHT,
  DARK
}
