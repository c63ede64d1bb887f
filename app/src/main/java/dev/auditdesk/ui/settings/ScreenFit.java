package dev.auditdesk.ui.settings;

import dev.auditdesk.ui.settings.UiSettings.WindowBounds;
import javafx.geometry.Dimension2D;
import javafx.geometry.Rectangle2D;

/**
 * Keeps the window on its screen: the most common laptop screen, 1366×768, is smaller than the
 * default window, and a window restored from a larger monitor may not fit either.
 */
public final class ScreenFit {

  static final double DEFAULT_WIDTH = 1320;
  static final double DEFAULT_HEIGHT = 820;
  static final double MAX_WIDTH = 1680;
  static final double MAX_HEIGHT = 1050;

  /** Room for the title bar and frame, which a scene's size does not include. */
  static final double FRAME_HEIGHT = 56;

  static final double FRAME_WIDTH = 16;

  private ScreenFit() {}

  /** The first window's scene size on a screen whose usable area is {@code visual}. */
  public static Dimension2D initialSceneSize(Rectangle2D visual) {
    return new Dimension2D(
        side(visual.getWidth() - FRAME_WIDTH, DEFAULT_WIDTH, MAX_WIDTH),
        side(visual.getHeight() - FRAME_HEIGHT, DEFAULT_HEIGHT, MAX_HEIGHT));
  }

  /** The default, or 85% of a larger screen (up to a maximum), never more than there is. */
  private static double side(double available, double normal, double max) {
    return Math.floor(Math.min(available, Math.min(max, Math.max(normal, available * 0.85))));
  }

  /** Saved window bounds shrunk and moved so that the whole window is inside {@code visual}. */
  public static WindowBounds fit(WindowBounds saved, Rectangle2D visual) {
    double width = Math.min(saved.width(), visual.getWidth());
    double height = Math.min(saved.height(), visual.getHeight());
    double x = clamp(saved.x(), visual.getMinX(), visual.getMaxX() - width);
    double y = clamp(saved.y(), visual.getMinY(), visual.getMaxY() - height);
    return new WindowBounds(x, y, width, height, saved.maximized());
  }

  private static double clamp(double v, double min, double max) {
    return Math.max(min, Math.min(v, max));
  }
}
