package dev.auditdesk.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.auditdesk.ui.session.RecentDeployments;
import dev.auditdesk.ui.session.Services;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Settings on disk: owner-only, and never a password typed into the URL. */
class SettingsAtRestTest {

  @TempDir Path home;

  private static String perms(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void aPasswordTypedIntoTheUrlIsNeverKeptInTheRecentList() throws Exception {
    RecentDeployments recent = new RecentDeployments(home.resolve("config"));
    recent.remember("https://bob:s3cret-pw@coder.example.com:8443/");
    recent.remember("alice:other-pw@coder2.example.com");

    assertEquals(List.of("coder2.example.com", "https://coder.example.com:8443/"), recent.list());
    String file = Files.readString(home.resolve("config/recent-deployments.txt"));
    assertFalse(file.contains("s3cret-pw"), file);
    assertFalse(file.contains("other-pw"), file);
    assertFalse(file.contains("bob"), file);
  }

  @Test
  void anOldListWithAPasswordInItIsShownWithoutIt() throws Exception {
    Path config = Files.createDirectories(home.resolve("config"));
    Files.writeString(
        config.resolve("recent-deployments.txt"), "https://bob:pw@coder.example.com\n");
    assertEquals(List.of("https://coder.example.com"), new RecentDeployments(config).list());
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void settingsFilesAndTheirFolderAreReadableByTheOwnerOnly() throws Exception {
    Path config = home.resolve("nested/config");
    new RecentDeployments(config).remember("https://coder.example.com");
    UiSettingsStore store = new UiSettingsStore(config);
    store.save(UiSettings.DEFAULTS.withLastDeployment("https://coder.example.com"));

    assertEquals("rwx------", perms(home.resolve("nested")));
    assertEquals("rwx------", perms(config));
    assertEquals("rw-------", perms(config.resolve("recent-deployments.txt")));
    assertEquals("rw-------", perms(config.resolve("window.json")));
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void settingsFromBeforeAreTightenedWhenTheAppStarts() throws Exception {
    Path config = Files.createDirectories(home.resolve("config"));
    Path views = Files.createDirectories(config.resolve("views"));
    Path window = Files.writeString(config.resolve("window.json"), "{}");
    Path view = Files.writeString(views.resolve("logins.json"), "{}");
    for (Path p : List.of(config, views)) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    for (Path p : List.of(window, view)) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
    }

    new Services(config, home.resolve("caches"));

    assertEquals("rwx------", perms(config));
    assertEquals("rwx------", perms(views));
    assertEquals("rw-------", perms(window));
    assertEquals("rw-------", perms(view));
  }
}
