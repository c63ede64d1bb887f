package dev.auditdesk.launch;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the window needs from this computer, checked before JavaFX starts, because JavaFX reports a
 * missing display or GTK 3 as a stack trace. The Java version is checked earlier, by {@code Main}.
 */
public final class StartCheck {

  /** {@code -Dauditdesk.startCheck=false} skips the checks (a system they misjudge). */
  static final String SKIP_PROPERTY = "auditdesk.startCheck";

  private final Map<String, String> env;
  private final boolean linux;
  private final GtkCheck gtk;

  StartCheck(Map<String, String> env, boolean linux, GtkCheck gtk) {
    this.env = env;
    this.linux = linux;
    this.gtk = gtk;
  }

  public static StartCheck forThisComputer() {
    boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
    return new StartCheck(System.getenv(), linux, GtkCheck.forThisComputer(System.getenv()));
  }

  /** The first thing missing, as one plain paragraph; empty when the window can open. */
  public Optional<String> problem() {
    // macOS and Windows draw natively: nothing to install there.
    if (!linux || "false".equals(System.getProperty(SKIP_PROPERTY))) {
      return Optional.empty();
    }
    Optional<String> display = DisplayCheck.problem(env);
    return display.isPresent() ? display : gtk.problem();
  }
}
