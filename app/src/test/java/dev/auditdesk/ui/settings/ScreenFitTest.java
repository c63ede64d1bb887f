package dev.auditdesk.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.ui.settings.UiSettings.WindowBounds;
import javafx.geometry.Dimension2D;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

/** The first window and a restored one fit the screen, title bar included. */
class ScreenFitTest {

  /** A 1366×768 laptop with GNOME's top bar: 741 pixels of height are usable. */
  static final Rectangle2D LAPTOP = new Rectangle2D(0, 27, 1366, 741);

  static final Rectangle2D FULL_HD = new Rectangle2D(0, 27, 1920, 1053);

  @Test
  void theFirstWindowFitsALaptopScreenWithItsTitleBar() {
    Dimension2D size = ScreenFit.initialSceneSize(LAPTOP);
    assertTrue(size.getWidth() + ScreenFit.FRAME_WIDTH <= 1366, "width " + size.getWidth());
    assertTrue(size.getHeight() + ScreenFit.FRAME_HEIGHT <= 741, "height " + size.getHeight());
    assertTrue(size.getHeight() >= 560, "not below the window's minimum height");
  }

  @Test
  void aLargerScreenGetsALargerWindowButNotAllOfIt() {
    Dimension2D size = ScreenFit.initialSceneSize(FULL_HD);
    assertTrue(size.getWidth() > ScreenFit.DEFAULT_WIDTH && size.getWidth() < 1920 - 100);
    assertTrue(size.getHeight() > ScreenFit.DEFAULT_HEIGHT && size.getHeight() < 1053 - 100);
    Dimension2D huge = ScreenFit.initialSceneSize(new Rectangle2D(0, 0, 3840, 2160));
    assertEquals(ScreenFit.MAX_WIDTH, huge.getWidth());
    assertEquals(ScreenFit.MAX_HEIGHT, huge.getHeight());
  }

  @Test
  void aWindowSavedOnABigMonitorIsShrunkAndMovedOntoTheLaptop() {
    WindowBounds saved = new WindowBounds(900, 200, 1320, 900, false);
    WindowBounds fitted = ScreenFit.fit(saved, LAPTOP);
    assertEquals(1366 - 1320, fitted.x());
    assertEquals(27, fitted.y());
    assertEquals(1320, fitted.width());
    assertEquals(741, fitted.height());
  }

  @Test
  void aWindowThatFitsStaysWhereItWas() {
    WindowBounds saved = new WindowBounds(20, 60, 1000, 600, true);
    assertEquals(saved, ScreenFit.fit(saved, LAPTOP));
  }
}
