package dev.auditdesk;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.regex.Pattern;

/**
 * Removes secrets from log text: Coder session tokens (a 10 character id, a dash and a 22 character
 * secret), bearer credentials, passwords in URLs, and the whole value after a secret-ish name
 * ({@code password}, {@code token}, {@code authorization}, {@code cookie}, {@code secret}, {@code
 * api_key} and names containing them). A quoted value is masked up to its closing quote, spaces and
 * commas included; an unquoted one up to the end of the line. {@link RedactingLayout} applies this
 * to whole log lines, stack traces included; this converter ({@code %safeMsg}) to the message
 * alone.
 */
public class RedactingConverter extends MessageConverter {

  private static final String MASK = "[redacted]";

  private static final String KEY =
      "[A-Za-z0-9_.-]*(?:password|passwd|passphrase|secret|token|authorization|cookie"
          + "|api[_-]?key|credential)[A-Za-z0-9_.-]*";
  private static final String SEPARATOR = "\\s*[:=]\\s*+";

  private static final Pattern CODER_TOKEN =
      Pattern.compile("\\b[A-Za-z0-9]{10}-[A-Za-z0-9]{22}\\b");
  private static final Pattern BEARER =
      Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]+");
  private static final Pattern URL_USER_INFO =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/\\s@:]*:[^/\\s@]*@");

  /** JSON inside a JSON string: {@code \"password\":\"a b\"}. */
  private static final Pattern ESCAPED_QUOTED =
      Pattern.compile("(?i)(\\\\\"" + KEY + "\\\\\"" + SEPARATOR + ")\\\\\"(?:(?!\\\\\").)*\\\\\"");

  /** {@code "password": "a, b \"c\""} and {@code password="a b"}: the whole string value. */
  private static final Pattern QUOTED =
      Pattern.compile("(?i)(\"?\\b" + KEY + "\"?" + SEPARATOR + ")\"(?:[^\"\\\\\\r\\n]|\\\\.)*\"?");

  private static final Pattern SINGLE_QUOTED =
      Pattern.compile("(?i)('?\\b" + KEY + "'?" + SEPARATOR + ")'[^'\\r\\n]*'?");

  /** {@code Authorization: Bearer x y}, {@code password=a b}: everything to the end of the line. */
  private static final Pattern UNQUOTED =
      Pattern.compile(
          "(?i)(\\b" + KEY + "[\"']?" + SEPARATOR + ")(?![\"'\\\\]|\\[redacted\\])[^\\r\\n]+");

  @Override
  public String convert(ILoggingEvent event) {
    return redact(super.convert(event));
  }

  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String m = ESCAPED_QUOTED.matcher(text).replaceAll("$1\\\\\"" + MASK + "\\\\\"");
    m = QUOTED.matcher(m).replaceAll("$1\"" + MASK + "\"");
    m = SINGLE_QUOTED.matcher(m).replaceAll("$1'" + MASK + "'");
    m = UNQUOTED.matcher(m).replaceAll("$1" + MASK);
    m = URL_USER_INFO.matcher(m).replaceAll("$1" + MASK + "@");
    m = BEARER.matcher(m).replaceAll("$1 " + MASK);
    return CODER_TOKEN.matcher(m).replaceAll(MASK);
  }
}
