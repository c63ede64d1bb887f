package dev.auditdesk;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from log text: Coder session tokens (a 10 character id, a dash and a 22 character
 * secret), bearer credentials, passwords in URLs, and the whole value after a secret-ish name
 * ({@code password}, {@code token}, {@code authorization}, {@code cookie}, {@code secret}, {@code
 * api_key} and names containing them). A quoted value is masked up to its closing quote, spaces,
 * commas and escaped quotes included; an unquoted one up to the end of the line. {@link
 * RedactingLayout} applies this to whole log lines, stack traces included; this converter ({@code
 * %safeMsg}) to the message alone.
 */
public class RedactingConverter extends MessageConverter {

  private static final String MASK = "[redacted]";

  private static final String SECRET_WORDS =
      "password|passwd|passphrase|secret|token|authorization|cookie|api.?key|credential";
  private static final Pattern SECRET_NAME = Pattern.compile("(?i)" + SECRET_WORDS);

  /** The same words in lower-cased text: a quick test that lets most lines skip the rest. */
  private static final Pattern SECRET_WORD = Pattern.compile(SECRET_WORDS);

  /** A name (starting where no name character precedes it) and its separator. */
  private static final Pattern NAME_AND_SEPARATOR =
      Pattern.compile("(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]++)(\\\\?[\"']?\\s*+[:=]\\s*+)");

  private static final Pattern CODER_TOKEN =
      Pattern.compile("\\b[A-Za-z0-9]{10}-[A-Za-z0-9]{22}\\b");
  private static final Pattern BEARER =
      Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]+");
  private static final Pattern URL_USER_INFO =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/\\s@:]*:[^/\\s@]*@");

  @Override
  public String convert(ILoggingEvent event) {
    return redact(super.convert(event));
  }

  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String m = text;
    String lower = text.toLowerCase(Locale.ROOT);
    if (SECRET_WORD.matcher(lower).find()) {
      m = maskNamedValues(m);
    }
    if (lower.indexOf('@') >= 0) {
      m = URL_USER_INFO.matcher(m).replaceAll("$1" + MASK + "@");
    }
    if (lower.contains("bearer") || lower.contains("basic")) {
      m = BEARER.matcher(m).replaceAll("$1 " + MASK);
    }
    return lower.indexOf('-') < 0 ? m : CODER_TOKEN.matcher(m).replaceAll(MASK);
  }

  /** Replaces the value after every secret-ish name; one pass, linear in the text's length. */
  private static String maskNamedValues(String s) {
    StringBuilder out = new StringBuilder(s.length());
    Matcher m = NAME_AND_SEPARATOR.matcher(s);
    int pos = 0;
    while (pos < s.length() && m.find(pos)) {
      out.append(s, pos, m.end());
      pos = m.end();
      if (!SECRET_NAME.matcher(m.group(1)).find() || s.startsWith(MASK, pos)) {
        continue;
      }
      pos = maskValue(s, pos, out);
    }
    out.append(s, pos, s.length());
    return out.toString();
  }

  /** Appends the mask for the value starting at {@code v}; returns where the value ends. */
  private static int maskValue(String s, int v, StringBuilder out) {
    int eol = lineEnd(s, v);
    if (s.startsWith("\\\"", v)) {
      int close = s.indexOf("\\\"", v + 2);
      out.append("\\\"").append(MASK).append("\\\"");
      return close < 0 || close > eol ? eol : close + 2;
    }
    char c = s.charAt(v);
    if (c == '"' || c == '\'') {
      int i = v + 1;
      while (i < eol && s.charAt(i) != c) {
        i += s.charAt(i) == '\\' ? 2 : 1;
      }
      out.append(c).append(MASK).append(c);
      return Math.min(i + 1, Math.max(eol, v + 1));
    }
    if (eol > v) {
      out.append(MASK);
    }
    return eol;
  }

  private static int lineEnd(String s, int from) {
    int i = from;
    while (i < s.length() && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
      i++;
    }
    return i;
  }
}
