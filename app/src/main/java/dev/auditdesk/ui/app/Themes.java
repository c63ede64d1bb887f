package dev.auditdesk.ui.app;

import dev.auditdesk.ui.settings.ThemeChoice;
import java.util.function.BooleanSupplier;
import javafx.application.Application;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;

/**
 * Applies the light or dark AtlantaFX theme (Primer) to the whole application, and AuditDesk's own
 * stylesheet to each scene. The choice "system" follows the operating system's preference.
 */
public final class Themes {

  // AtlantaFX 2.1 classes are compiled for Java 21; on our Java 17 we use its stylesheets directly.
  static final String LIGHT_CSS = resource("/atlantafx/base/theme/primer-light.css");
  static final String DARK_CSS = resource("/atlantafx/base/theme/primer-dark.css");

  /** AuditDesk's own rules; they use the theme's colour variables only. */
  public static final String APP_CSS = resource("/dev/auditdesk/ui/auditdesk.css");

  private final ObjectProperty<ThemeChoice> choice =
      new SimpleObjectProperty<>(this, "choice", ThemeChoice.SYSTEM);
  private final ReadOnlyBooleanWrapper dark = new ReadOnlyBooleanWrapper(this, "dark");
  private final BooleanSupplier osPrefersDark;

  public Themes(BooleanSupplier osPrefersDark) {
    this.osPrefersDark = osPrefersDark;
    choice.addListener((o, was, now) -> apply());
  }

  public ObjectProperty<ThemeChoice> choiceProperty() {
    return choice;
  }

  /** Whether the dark theme is showing now. */
  public ReadOnlyBooleanProperty darkProperty() {
    return dark.getReadOnlyProperty();
  }

  /** Applies the current choice; call once at start, then it follows {@link #choiceProperty()}. */
  public void apply() {
    ThemeChoice c = choice.get() == null ? ThemeChoice.SYSTEM : choice.get();
    boolean d = c == ThemeChoice.DARK || (c == ThemeChoice.SYSTEM && osPrefersDark.getAsBoolean());
    Application.setUserAgentStylesheet(d ? DARK_CSS : LIGHT_CSS);
    dark.set(d);
  }

  /** Adds AuditDesk's stylesheet to a scene (main window, dialogs). */
  public static void style(Scene scene) {
    if (!scene.getStylesheets().contains(APP_CSS)) {
      scene.getStylesheets().add(APP_CSS);
    }
  }

  private static String resource(String path) {
    return Themes.class.getResource(path).toExternalForm();
  }
}
