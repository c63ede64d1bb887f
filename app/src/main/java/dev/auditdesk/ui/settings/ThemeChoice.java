package dev.auditdesk.ui.settings;

/** What the user picked in View ▸ Theme: follow the operating system, or a fixed look. */
public enum ThemeChoice {
  SYSTEM,
  LIGHT,
  DARK
}
