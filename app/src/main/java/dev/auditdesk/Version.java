package dev.auditdesk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** AuditDesk's version and build date, stamped by Maven from the project version. */
public final class Version {

  private static final Properties PROPS = load();

  private Version() {}

  public static String version() {
    return PROPS.getProperty("version", "development");
  }

  public static String buildDate() {
    return PROPS.getProperty("buildDate", "");
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
