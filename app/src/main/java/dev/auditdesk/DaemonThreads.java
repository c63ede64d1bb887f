package dev.auditdesk;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The background threads every layer starts: daemons (a closing window or a finished command never
 * waits for them) with names that tell a thread dump what they do.
 */
public final class DaemonThreads {

  private DaemonThreads() {}

  /** Threads named {@code name-1}, {@code name-2}, ... for a pool. */
  public static ThreadFactory numbered(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> daemon(r, name + "-" + n.incrementAndGet());
  }

  /** Threads all named {@code name}, for a pool of one thread. */
  public static ThreadFactory named(String name) {
    return r -> daemon(r, name);
  }

  /** Starts {@code r} on a daemon thread of its own. */
  public static Thread start(String name, Runnable r) {
    Thread t = daemon(r, name);
    t.start();
    return t;
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
