package dev.auditdesk;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/**
 * Entry point of {@code auditdesk.jar}. Compiled for Java 8 (see app/pom.xml) so that an older Java
 * prints which Java AuditDesk needs instead of an UnsupportedClassVersionError; everything else
 * starts in {@code dev.auditdesk.launch.Launcher}, reached by name so this class loads alone.
 */
public final class Main {

  static final int REQUIRED_JAVA = 17;

  /** The exit code of a start that cannot open the window (ExitCodes.NO_WINDOW). */
  static final int NO_WINDOW = 7;

  private Main() {}

  public static void main(String[] args) throws Throwable {
    int version = feature(System.getProperty("java.specification.version", "0"));
    if (version < REQUIRED_JAVA) {
      String pattern =
          ResourceBundle.getBundle("dev.auditdesk.ui.messages").getString("start.oldJava");
      System.err.println(
          MessageFormat.format(
              pattern,
              String.valueOf(REQUIRED_JAVA),
              System.getProperty("java.version"),
              System.getProperty("java.home")));
      System.exit(NO_WINDOW);
    }
    try {
      Class.forName("dev.auditdesk.launch.Launcher")
          .getMethod("main", String[].class)
          .invoke(null, (Object) args);
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** 8 for "1.8", 17 for "17". */
  static int feature(String specificationVersion) {
    String v =
        specificationVersion.startsWith("1.")
            ? specificationVersion.substring(2)
            : specificationVersion;
    int dot = v.indexOf('.');
    try {
      return Integer.parseInt(dot < 0 ? v : v.substring(0, dot));
    } catch (NumberFormatException e) {
      return REQUIRED_JAVA;
    }
  }
}
