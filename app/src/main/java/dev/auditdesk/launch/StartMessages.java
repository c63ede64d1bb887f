package dev.auditdesk.launch;

import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ResourceBundle;

/** The launcher's paragraphs, from the window's messages.properties (one place for every text). */
final class StartMessages {

  private static final ResourceBundle BUNDLE =
      ResourceBundle.getBundle("dev.auditdesk.ui.messages");

  private StartMessages() {}

  static String get(String key, Object... args) {
    return MessageFormat.format(BUNDLE.getString(key), args);
  }

  /** How this user runs the headless commands: the installed command, or the jar they started. */
  static String helpCommand() {
    if (System.getProperty("jpackage.app-path") != null) {
      return "auditdesk --help";
    }
    String classPath = System.getProperty("java.class.path", "");
    String jar =
        classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)
            ? classPath
            : "auditdesk.jar";
    return "java -jar " + Path.of(jar) + " --help";
  }
}
