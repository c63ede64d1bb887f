package dev.auditdesk.ui.common;

import dev.auditdesk.DaemonThreads;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The background threads of the window: the FX thread never waits on the cache or the network. */
public final class Workers {

  private static final Logger LOG = LoggerFactory.getLogger(Workers.class);

  /** Enough for a sync and an export running while queries, pages and counts still answer. */
  static final int SESSION_THREADS = 6;

  private Workers() {}

  /** One daemon thread, first come first served (the sign-in screen, before any session). */
  public static ExecutorService single(String name) {
    return new ThreadPoolExecutor(
        1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingDeque<>(), factory(name));
  }

  /**
   * The one pool of a signed-in window: every query, page, count, sync, export and timer of the
   * session runs here, and closing the session shuts it down. Idle threads end after a while.
   */
  public static ScheduledExecutorService session() {
    ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(SESSION_THREADS);
    ex.setThreadFactory(factory("session"));
    ex.setKeepAliveTime(30, TimeUnit.SECONDS);
    ex.allowCoreThreadTimeOut(true);
    ex.setRemoveOnCancelPolicy(true);
    return ex;
  }

  /** Runs tasks one at a time, in the order given, on {@code pool}; no thread of its own. */
  public static Executor serial(Executor pool) {
    return new Lane(pool, false);
  }

  /**
   * Runs tasks one at a time on {@code pool}, the <em>latest</em> first: when the user scrolls
   * fast, the page now on screen loads before the pages flown past.
   */
  public static Executor latestFirst(Executor pool) {
    return new Lane(pool, true);
  }

  private static ThreadFactory factory(String name) {
    return DaemonThreads.numbered("auditdesk-" + name);
  }

  /** A queue drained by at most one task of the pool at a time. */
  private static final class Lane implements Executor {
    private final Executor pool;
    private final boolean latestFirst;
    private final Deque<Runnable> queue = new ArrayDeque<>();
    private boolean draining;

    Lane(Executor pool, boolean latestFirst) {
      this.pool = pool;
      this.latestFirst = latestFirst;
    }

    @Override
    public void execute(Runnable task) {
      synchronized (this) {
        if (latestFirst) {
          queue.addFirst(task);
        } else {
          queue.addLast(task);
        }
        if (draining) {
          return;
        }
        draining = true;
      }
      pool.execute(this::drain);
    }

    private void drain() {
      while (true) {
        Runnable next;
        synchronized (this) {
          next = queue.pollFirst();
          if (next == null) {
            draining = false;
            return;
          }
        }
        try {
          next.run();
        } catch (RuntimeException e) {
          LOG.warn("A background task failed", e);
        }
        // A cancelled task's interrupt must not reach the next task of the lane.
        Thread.interrupted();
      }
    }
  }
}
