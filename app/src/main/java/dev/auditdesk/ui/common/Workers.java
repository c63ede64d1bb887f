package dev.auditdesk.ui.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The background threads of the window: the FX thread never waits on the cache or the network. */
public final class Workers {

  private Workers() {}

  /** One daemon thread, first come first served. */
  public static ExecutorService single(String name) {
    return new ThreadPoolExecutor(
        1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingDeque<>(), factory(name));
  }

  /**
   * One daemon thread that runs the <em>latest</em> request first: when the user scrolls fast, the
   * page now on screen loads before the pages flown past.
   */
  public static ExecutorService latestFirst(String name) {
    LinkedBlockingDeque<Runnable> stack =
        new LinkedBlockingDeque<>() {
          @Override
          public boolean offer(Runnable r) {
            return offerFirst(r);
          }
        };
    return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, stack, factory(name));
  }

  private static java.util.concurrent.ThreadFactory factory(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "auditdesk-" + name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
