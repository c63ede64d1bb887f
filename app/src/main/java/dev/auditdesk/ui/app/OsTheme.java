package dev.auditdesk.ui.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Whether the operating system prefers a dark look, where it can tell: GNOME's color-scheme or GTK
 * theme name on Linux, AppleInterfaceStyle on macOS, AppsUseLightTheme on Windows. Anything it
 * cannot read means light.
 */
public final class OsTheme {

  private final String osName;
  private final Map<String, String> env;
  private final Function<List<String>, Optional<String>> run;

  public OsTheme(
      String osName, Map<String, String> env, Function<List<String>, Optional<String>> run) {
    this.osName = osName.toLowerCase(Locale.ROOT);
    this.env = env;
    this.run = run;
  }

  /** Asks the running system. */
  public static OsTheme system() {
    return new OsTheme(System.getProperty("os.name", ""), System.getenv(), OsTheme::runCommand);
  }

  public boolean prefersDark() {
    if (osName.contains("mac")) {
      return run.apply(List.of("defaults", "read", "-g", "AppleInterfaceStyle"))
          .map(s -> s.toLowerCase(Locale.ROOT).contains("dark"))
          .orElse(false);
    }
    if (osName.contains("win")) {
      return run.apply(
              List.of(
                  "reg",
                  "query",
                  "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                  "/v",
                  "AppsUseLightTheme"))
          .map(s -> s.replaceAll("\\s+", " ").contains("AppsUseLightTheme REG_DWORD 0x0"))
          .orElse(false);
    }
    String gtk = env.getOrDefault("GTK_THEME", "");
    if (!gtk.isBlank()) {
      return gtk.toLowerCase(Locale.ROOT).contains("dark");
    }
    Optional<String> scheme =
        run.apply(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme"));
    if (scheme.isPresent() && scheme.get().contains("prefer-dark")) {
      return true;
    }
    if (scheme.isPresent() && scheme.get().contains("prefer-light")) {
      return false;
    }
    return run.apply(List.of("gsettings", "get", "org.gnome.desktop.interface", "gtk-theme"))
        .map(s -> s.toLowerCase(Locale.ROOT).contains("dark"))
        .orElse(false);
  }

  private static Optional<String> runCommand(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      try (InputStream in = p.getInputStream()) {
        if (!p.waitFor(2, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          return Optional.empty();
        }
        String out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        return p.exitValue() == 0 ? Optional.of(out) : Optional.empty();
      }
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
