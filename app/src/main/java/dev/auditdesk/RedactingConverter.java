package dev.auditdesk;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.regex.Pattern;

/**
 * Logback converter that removes secrets from every log message: Coder session tokens (a 10
 * character id, a dash and a 22 character secret), and any value after words such as "password",
 * "token" or the {@code Coder-Session-Token} header.
 */
public class RedactingConverter extends MessageConverter {

  private static final Pattern CODER_TOKEN =
      Pattern.compile("\\b[A-Za-z0-9]{10}-[A-Za-z0-9]{22}\\b");
  private static final Pattern LABELLED =
      Pattern.compile(
          "(?i)(coder-session-token|session_token|password|token|authorization)(\"?\\s*[:=]\\s*\"?)([^\\s\",}]+)");

  @Override
  public String convert(ILoggingEvent event) {
    return redact(super.convert(event));
  }

  public static String redact(String message) {
    if (message == null) {
      return null;
    }
    String m = CODER_TOKEN.matcher(message).replaceAll("[redacted]");
    return LABELLED.matcher(m).replaceAll("$1$2[redacted]");
  }
}
