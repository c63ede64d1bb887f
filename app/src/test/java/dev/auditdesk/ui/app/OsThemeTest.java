package dev.auditdesk.ui.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class OsThemeTest {

  private static Function<List<String>, Optional<String>> answers(Map<String, String> byKey) {
    return cmd -> Optional.ofNullable(byKey.get(cmd.get(cmd.size() - 1)));
  }

  @Test
  void gnomePreferDarkMeansDark() {
    assertTrue(
        new OsTheme("Linux", Map.of(), answers(Map.of("color-scheme", "'prefer-dark'")))
            .prefersDark());
  }

  @Test
  void aDarkGtkThemeNameMeansDarkWhenNoColorSchemeIsSet() {
    assertTrue(
        new OsTheme(
                "Linux",
                Map.of(),
                answers(Map.of("color-scheme", "'default'", "gtk-theme", "'Adwaita-dark'")))
            .prefersDark());
    assertTrue(
        new OsTheme("Linux", Map.of("GTK_THEME", "Adwaita:dark"), c -> Optional.empty())
            .prefersDark());
  }

  @Test
  void anUnreadableSystemFallsBackToLight() {
    assertFalse(new OsTheme("Linux", Map.of(), c -> Optional.empty()).prefersDark());
    assertFalse(
        new OsTheme(
                "Linux",
                Map.of(),
                answers(Map.of("color-scheme", "'prefer-light'", "gtk-theme", "'Yaru-dark'")))
            .prefersDark());
  }

  @Test
  void macAndWindowsAreAskedTheirOwnWay() {
    assertTrue(
        new OsTheme("Mac OS X", Map.of(), answers(Map.of("AppleInterfaceStyle", "Dark")))
            .prefersDark());
    assertFalse(new OsTheme("Mac OS X", Map.of(), c -> Optional.empty()).prefersDark());
    assertTrue(
        new OsTheme(
                "Windows 11",
                Map.of(),
                answers(
                    Map.of(
                        "AppsUseLightTheme",
                        "\r\nHKEY_CURRENT_USER\\...\r\n    AppsUseLightTheme    REG_DWORD    0x0\r\n")))
            .prefersDark());
    assertFalse(
        new OsTheme(
                "Windows 11",
                Map.of(),
                answers(Map.of("AppsUseLightTheme", "    AppsUseLightTheme    REG_DWORD    0x1")))
            .prefersDark());
  }
}
