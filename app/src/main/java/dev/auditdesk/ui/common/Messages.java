package dev.auditdesk.ui.common;

import dev.auditdesk.coder.CoderException;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The user-visible strings of {@code messages.properties}, formatted with MessageFormat. */
public final class Messages {

  private static final ResourceBundle BUNDLE =
      ResourceBundle.getBundle("dev.auditdesk.ui.messages", Locale.getDefault());

  private Messages() {}

  public static ResourceBundle bundle() {
    return BUNDLE;
  }

  /** The text for {@code key}; a missing key shows itself so it is noticed, never crashes. */
  public static String get(String key, Object... args) {
    String pattern;
    try {
      pattern = BUNDLE.getString(key);
    } catch (MissingResourceException e) {
      return "!" + key + "!";
    }
    if (args.length == 0) {
      return pattern;
    }
    return new MessageFormat(pattern, Locale.getDefault()).format(args);
  }

  public static boolean has(String key) {
    return BUNDLE.containsKey(key);
  }

  /** A plain sentence for a client failure: ours for each kind, so it reads the same everywhere. */
  public static String of(CoderException e) {
    String key = "login.error." + e.kind().name();
    return has(key) ? get(key) : e.userMessage();
  }
}
