package dev.auditdesk.ui.common;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** The app's glyph icons, all sized and coloured by the one {@code ad-icon} style in CSS. */
public final class Icons {
  private Icons() {}

  public static FontIcon of(Ikon ikon) {
    FontIcon i = new FontIcon(ikon);
    i.getStyleClass().add("ad-icon");
    return i;
  }
}
