package dev.auditdesk;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where AuditDesk keeps its files: caches and logs in the user's data directory, settings and saved
 * views in the config directory, following each OS's convention (XDG on Linux). The system property
 * {@code auditdesk.home} puts both under one folder (tests, portable installs).
 */
public final class AppDirs {

  private AppDirs() {}

  /** Caches and logs: e.g. {@code ~/.local/share/auditdesk}. */
  public static Path data() {
    String home = System.getProperty("auditdesk.home");
    if (home != null && !home.isBlank()) {
      return Path.of(home, "data");
    }
    return switch (os()) {
      case "mac" -> userHome().resolve("Library/Application Support/AuditDesk");
      case "windows" ->
          envPath("LOCALAPPDATA", userHome().resolve("AppData/Local")).resolve("AuditDesk");
      default -> envPath("XDG_DATA_HOME", userHome().resolve(".local/share")).resolve("auditdesk");
    };
  }

  /** Settings, window layout and saved views: e.g. {@code ~/.config/auditdesk}. */
  public static Path config() {
    String home = System.getProperty("auditdesk.home");
    if (home != null && !home.isBlank()) {
      return Path.of(home, "config");
    }
    return switch (os()) {
      case "mac" -> userHome().resolve("Library/Preferences/AuditDesk");
      case "windows" ->
          envPath("APPDATA", userHome().resolve("AppData/Roaming")).resolve("AuditDesk");
      default -> envPath("XDG_CONFIG_HOME", userHome().resolve(".config")).resolve("auditdesk");
    };
  }

  /** One H2 cache folder per deployment lives here. */
  public static Path caches() {
    return data().resolve("caches");
  }

  public static Path logs() {
    return data().resolve("logs");
  }

  private static String os() {
    String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (name.contains("mac")) {
      return "mac";
    }
    return name.contains("win") ? "windows" : "linux";
  }

  private static Path userHome() {
    return Path.of(System.getProperty("user.home"));
  }

  private static Path envPath(String variable, Path fallback) {
    String v = System.getenv(variable);
    return v == null || v.isBlank() ? fallback : Path.of(v);
  }
}
