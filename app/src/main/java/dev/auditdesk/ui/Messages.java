package dev.auditdesk.ui;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The user-visible strings of the window, from {@code dev/auditdesk/ui/messages.properties} in
 * ui-resources, so a translation is one more properties file.
 */
public final class Messages {

  private static final String BUNDLE = "dev.auditdesk.ui.messages";

  private Messages() {}

  public static ResourceBundle bundle() {
    return ResourceBundle.getBundle(BUNDLE, Locale.getDefault());
  }

  /** The text for {@code key}; {@code args} fill {0}, {1}... as in {@link MessageFormat}. */
  public static String get(String key, Object... args) {
    String pattern;
    try {
      pattern = bundle().getString(key);
    } catch (MissingResourceException e) {
      // A missing key must be visible in the window (and in tests), not crash it.
      return "!" + key + "!";
    }
    return args.length == 0
        ? pattern
        : new MessageFormat(pattern, Locale.getDefault()).format(args);
  }
}
