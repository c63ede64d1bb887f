package dev.auditdesk.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.testfx.util.WaitForAsyncUtils;

/** Runs a bit of test code on the JavaFX thread and hands back its answer. */
final class Fx {

  private Fx() {}

  static <T> T get(Callable<T> c) {
    try {
      return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
