package dev.auditdesk.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts {@code dev.auditdesk.Main} with no arguments (the window) in a new JVM on a computer that
 * lacks what the window needs, as a user would: one plain paragraph, no stack trace, a non-zero
 * exit within 5 seconds, and the paragraph in the log file too.
 */
class WindowStartCheckTest {

  @TempDir Path home;

  record Start(int exit, String out, String err, long millis) {}

  @BeforeEach
  void onLinux() {
    assumeTrue(System.getProperty("os.name").startsWith("Linux"), "the checks are for Linux");
  }

  @Test
  void withoutAnyDisplayItSaysSoAndPointsToTheHeadlessCommands() throws Exception {
    Start s = start(Map.of());
    assertPlainRefusal(s);
    assertTrue(s.err().contains("needs a graphical display"), s.err());
    assertTrue(s.err().contains("DISPLAY is not set"), s.err());
    assertTrue(s.err().contains("--help"), s.err());
    assertTrue(log().contains("needs a graphical display"), "the log has it too");
  }

  @Test
  void aWaylandOnlySessionIsToldAboutXWayland() throws Exception {
    Start s = start(Map.of("WAYLAND_DISPLAY", "wayland-0"));
    assertPlainRefusal(s);
    assertTrue(s.err().contains("XWayland"), s.err());
    assertTrue(s.err().contains("wayland-0"), s.err());
  }

  @Test
  void aDisplayNobodyAnswersAtIsNamed() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    String display = "127.0.0.1:" + (closedPort - 6000);
    Start s = start(Map.of("DISPLAY", display));
    assertPlainRefusal(s);
    assertTrue(s.err().contains("nothing answers at DISPLAY=" + display), s.err());
  }

  @Test
  void withoutGtk3ItNamesThePackageForDebianAndFedora() throws Exception {
    Path noLibraries = Files.createDirectories(home.resolve("empty-lib"));
    try (ServerSocket xServer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Start s =
          start(
              Map.of("DISPLAY", "127.0.0.1:" + (xServer.getLocalPort() - 6000)),
              "-D" + GtkCheck.SEARCH_PATH_PROPERTY + "=" + noLibraries);
      assertPlainRefusal(s);
      assertTrue(s.err().contains("needs GTK 3 (libgtk-3.so.0)"), s.err());
      assertTrue(s.err().contains("sudo apt install libgtk-3-0"), s.err());
      assertTrue(s.err().contains("sudo dnf install gtk3"), s.err());
      assertTrue(log().contains("needs GTK 3"), "the log has it too");
    }
  }

  @Test
  void aGtk3ThatDoesNotLoadIsNamedWithTheLinkerMessage() throws Exception {
    Path libs = Files.createDirectories(home.resolve("broken-lib"));
    Files.writeString(libs.resolve(GtkCheck.LIBRARY), "not a shared library");
    try (ServerSocket xServer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Start s =
          start(
              Map.of("DISPLAY", "127.0.0.1:" + (xServer.getLocalPort() - 6000)),
              "-D" + GtkCheck.SEARCH_PATH_PROPERTY + "=" + libs);
      assertPlainRefusal(s);
      assertTrue(
          s.err()
              .contains(
                  libs.resolve(GtkCheck.LIBRARY)
                      + " is there but does not load: it is not a shared library"),
          s.err());
      assertTrue(s.err().contains("--reinstall libgtk-3-0"), s.err());
    }
  }

  @Test
  void theHeadlessCommandsNeedNoDisplay() throws Exception {
    Start s = start(Map.of(), "--version");
    assertEquals(0, s.exit(), s.err());
    assertTrue(s.out().startsWith("AuditDesk "), s.out());
  }

  private static void assertPlainRefusal(Start s) {
    assertEquals(7, s.exit(), "exit code; stderr: " + s.err());
    assertTrue(s.millis() < 5_000, "refused within 5 s, took " + s.millis() + " ms");
    assertFalse(s.err().contains("Exception"), s.err());
    assertFalse(s.err().contains("\tat "), s.err());
    assertFalse(s.err().contains("WARNING"), s.err());
    assertEquals(1, s.err().strip().lines().count(), "one paragraph: " + s.err());
    assertEquals("", s.out());
  }

  private String log() throws IOException {
    return Files.readString(home.resolve("data/logs/auditdesk.log"));
  }

  /** Main in a new JVM with only {@code env}'s display variables, options before the class. */
  private Start start(Map<String, String> env, String... optionsOrArgs) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("-Dauditdesk.home=" + home);
    List<String> args = new ArrayList<>();
    for (String s : optionsOrArgs) {
      (s.startsWith("-D") ? cmd : args).add(s);
    }
    cmd.add("dev.auditdesk.Main");
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove("DISPLAY");
    pb.environment().remove("WAYLAND_DISPLAY");
    pb.environment().remove("JDK_JAVA_OPTIONS");
    pb.environment().putAll(env);
    Path out = home.resolve("out.txt");
    Path err = home.resolve("err.txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    long t0 = System.nanoTime();
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the JVM ended");
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    return new Start(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8),
        millis);
  }
}
