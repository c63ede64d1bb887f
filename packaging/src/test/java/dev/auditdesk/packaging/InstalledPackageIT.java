package dev.auditdesk.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks what `-Ppackage package` built the way a user meets it: the app image's launcher, and on
 * Linux the .deb installed by dpkg (with its real maintainer scripts) into a throw-away root.
 */
class InstalledPackageIT {

  private static final Path DIR = Path.of(System.getProperty("packaging.dir"));
  private static final String VERSION = System.getProperty("expected.version");
  private static final String NAME = System.getProperty("app.name");
  private static final String INSTALLER = System.getProperty("installer.type");
  private static final boolean REQUIRE_INSTALLER =
      Boolean.parseBoolean(System.getProperty("require.installer"));
  private static final boolean WINDOWS =
      System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win");
  private static final boolean MAC =
      System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("mac");

  @TempDir Path home;

  @Test
  void appImageLauncherPrintsTheMavenVersionWithoutADisplay() throws Exception {
    Result r = runApp(launcher(appRoot()), "--version");

    assertEquals(0, r.exit, r.toString());
    assertEquals("AuditDesk " + VERSION, r.out.strip());
  }

  @Test
  void appImageKeepsUserDataInTheXdgDataDirectory() throws Exception {
    assumeTrue(!WINDOWS && !MAC, "the XDG layout is Linux only");

    Result r = runApp(launcher(appRoot()), "--help");

    assertEquals(0, r.exit, r.toString());
    assertTrue(r.out.contains("Usage: auditdesk"), r.out);
    assertTrue(
        Files.isDirectory(home.resolve("data-home/auditdesk/logs")),
        "logs go to $XDG_DATA_HOME/auditdesk/logs");
    assertFalse(
        Files.exists(appRoot().resolve("logs")) || Files.exists(appRoot().resolve("lib/logs")),
        "nothing is written into the installation");
  }

  @Test
  void bundledRuntimeKeepsWhatTheAppNeedsAndDropsTheRest() throws IOException {
    Path release = runtimeRoot().resolve("release");
    String modules =
        Files.readAllLines(release).stream()
            .filter(l -> l.startsWith("MODULES="))
            .findFirst()
            .orElseThrow();
    List<String> present = Arrays.asList(modules.substring(9).replace("\"", "").split(" "));

    for (String needed :
        List.of("java.desktop", "java.sql", "java.naming", "jdk.unsupported", "jdk.crypto.ec")) {
      assertTrue(present.contains(needed), needed + " missing from " + present);
    }
    for (String dropped : List.of("jdk.compiler", "jdk.jshell", "jdk.javadoc", "java.xml.crypto")) {
      assertFalse(present.contains(dropped), dropped + " should have been trimmed");
    }
    assertFalse(Files.exists(runtimeRoot().resolve("include")), "header files are stripped");
  }

  @Test
  void bundledRuntimeOffersTheEcdheCipherSuitesCoderServersUse() throws Exception {
    Path java = runtimeRoot().resolve(WINDOWS ? "bin/java.exe" : "bin/java");
    String classes =
        Path.of(TlsProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();

    Result r = run(List.of(java.toString(), "-cp", classes, TlsProbe.class.getName()));

    assertEquals(0, r.exit, r.toString());
    assertTrue(
        r.out.lines().anyMatch(s -> s.startsWith("TLS_ECDHE_")),
        "without jdk.crypto.ec most HTTPS servers refuse the handshake:\n" + r.out);
    assertTrue(r.out.contains("TLS_AES_128_GCM_SHA256"), "TLS 1.3 is available");
  }

  @Test
  void debCarriesLauncherMenuEntryIconAndGuiDependencies() throws Exception {
    Path deb = deb();
    Path x = home.resolve("x");

    String listing = run(List.of("dpkg-deb", "-c", deb.toString())).requireOk().out;
    for (String entry :
        List.of(
            "./opt/auditdesk/bin/auditdesk",
            "./opt/auditdesk/lib/app/auditdesk.jar",
            "./opt/auditdesk/lib/auditdesk-auditdesk.desktop",
            "./opt/auditdesk/lib/auditdesk.png",
            "./opt/auditdesk/lib/runtime/lib/libjava.so")) {
      assertTrue(listing.contains(entry), entry + " not in the .deb:\n" + listing);
    }
    String numeric = VERSION.replaceAll("[^0-9.].*$", "");
    assertEquals(
        numeric + "-1", run(List.of("dpkg-deb", "-f", deb.toString(), "Version")).out.strip());
    String depends = run(List.of("dpkg-deb", "-f", deb.toString(), "Depends")).out;
    assertTrue(depends.contains("libgtk-3-0"), "JavaFX needs GTK 3: " + depends);

    run(List.of("dpkg-deb", "-x", deb.toString(), x.toString())).requireOk();
    List<String> desktop =
        Files.readAllLines(x.resolve("opt/auditdesk/lib/auditdesk-auditdesk.desktop"));
    assertTrue(desktop.contains("Name=AuditDesk"), desktop.toString());
    assertTrue(desktop.contains("Exec=/opt/auditdesk/bin/auditdesk"), desktop.toString());
    assertTrue(desktop.contains("Icon=/opt/auditdesk/lib/auditdesk.png"), desktop.toString());
    assertTrue(desktop.contains("Categories=Office;Utility;"), desktop.toString());
    assertArrayEquals(
        Files.readAllBytes(Path.of(System.getProperty("icon.png"))),
        Files.readAllBytes(x.resolve("opt/auditdesk/lib/auditdesk.png")),
        "the menu shows the AuditDesk icon, not jpackage's default");
  }

  @Test
  void debInstallsPutsAuditdeskOnThePathAndRemovesCleanly() throws Exception {
    Path deb = deb();
    Path root = home.resolve("root");
    Files.createDirectories(root.resolve("var/lib/dpkg/info"));
    Files.createDirectories(root.resolve("var/lib/dpkg/updates"));
    Files.createFile(root.resolve("var/lib/dpkg/status"));

    dpkg(root, "--install", deb.toString()).requireOk();

    Path command = root.resolve("usr/bin/auditdesk");
    assertTrue(Files.isSymbolicLink(command), "postinst puts `auditdesk` on the PATH");
    Path target = Files.readSymbolicLink(command);
    assertEquals(Path.of("/opt/auditdesk/bin/auditdesk"), target);
    Path menuEntry = root.resolve("usr/share/applications/auditdesk.desktop");
    assertTrue(
        Files.readAllLines(menuEntry).contains("Exec=/opt/auditdesk/bin/auditdesk"),
        "postinst adds AuditDesk to the desktop menu");
    Result r = runApp(root.resolve(target.toString().substring(1)), "--version");
    assertEquals(0, r.exit, r.toString());
    assertEquals("AuditDesk " + VERSION, r.out.strip());

    dpkg(root, "--purge", "auditdesk").requireOk();

    assertFalse(Files.exists(command, java.nio.file.LinkOption.NOFOLLOW_LINKS), "command removed");
    assertFalse(Files.exists(menuEntry), "menu entry removed");
    assertFalse(Files.exists(root.resolve("opt/auditdesk")), "nothing left in /opt");
  }

  private static Result dpkg(Path root, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    boolean isRoot = run(List.of("id", "-u")).out.strip().equals("0");
    if (!isRoot) {
      cmd.add("fakeroot");
    }
    cmd.addAll(
        List.of(
            "dpkg",
            "--root=" + root,
            "--log=" + root.resolve("dpkg.log"),
            "--force-script-chrootless",
            "--force-depends",
            "--force-not-root"));
    cmd.addAll(Arrays.asList(args));
    return run(cmd);
  }

  private static Path deb() throws IOException {
    boolean expected = "deb".equals(INSTALLER);
    assumeTrue(expected, "the .deb is only built on Linux");
    Path dir = DIR.resolve("installer");
    List<Path> debs;
    try (Stream<Path> s = Files.exists(dir) ? Files.list(dir) : Stream.empty()) {
      debs = s.filter(p -> p.toString().endsWith(".deb")).collect(Collectors.toList());
    }
    if (!REQUIRE_INSTALLER) {
      assumeTrue(
          !debs.isEmpty(),
          "SKIPPED: no .deb was built (fakeroot/dpkg-deb missing: apt-get install fakeroot dpkg)");
    }
    assertEquals(1, debs.size(), "exactly one .deb in " + dir + ": " + debs);
    return debs.get(0);
  }

  private static Path appRoot() {
    return DIR.resolve("image").resolve(MAC ? NAME + ".app" : NAME);
  }

  private static Path runtimeRoot() {
    return MAC
        ? appRoot().resolve("Contents/runtime/Contents/Home")
        : appRoot().resolve(WINDOWS ? "runtime" : "lib/runtime");
  }

  private static Path launcher(Path appRoot) {
    if (MAC) {
      return appRoot.resolve("Contents/MacOS/" + NAME);
    }
    return WINDOWS ? appRoot.resolve(NAME + ".exe") : appRoot.resolve("bin/" + NAME);
  }

  /** Runs the app as a user without a display, with a private home and XDG data directory. */
  private Result runApp(Path launcher, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
    cmd.addAll(Arrays.asList(args));
    return run(
        cmd,
        Map.of(
            "HOME", home.resolve("user").toString(),
            "XDG_DATA_HOME", home.resolve("data-home").toString(),
            "XDG_CONFIG_HOME", home.resolve("config-home").toString()));
  }

  private static Result run(List<String> cmd) throws Exception {
    return run(cmd, Map.of());
  }

  private static Result run(List<String> cmd, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove("DISPLAY");
    pb.environment().remove("WAYLAND_DISPLAY");
    pb.environment().putAll(env);
    Path err = Files.createTempFile("packaging-it", ".err");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + cmd);
    }
    String stderr = Files.readString(err);
    Files.delete(err);
    return new Result(cmd, p.exitValue(), out, stderr);
  }

  private record Result(List<String> cmd, int exit, String out, String err) {
    Result requireOk() {
      assertEquals(0, exit, this::toString);
      return this;
    }

    @Override
    public String toString() {
      return String.join(" ", cmd) + " -> exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }
}
