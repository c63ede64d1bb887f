package dev.auditdesk;

import java.sql.SQLException;
import java.util.Locale;

/**
 * Running out of Java heap, said as one plain sentence with the way out, never as a stack trace:
 * the command line, the window and the cache all ask here. A cache notes its size ({@link
 * #noteEvents}) so the sentence can say how much heap that many events need.
 */
public final class MemoryShortage {

  /** Heap per cached event once the column index is open (docs/PERFORMANCE.md, "Memory"). */
  static final long BYTES_PER_EVENT = 64;

  /** The JVM, the window or the command line and H2's page cache, besides the index. */
  static final long BASE_MB = 384;

  /** H2 reports its own out-of-memory failures as this error code instead of the Error. */
  private static final int H2_OUT_OF_MEMORY = 90108;

  private static volatile long largestCache;

  /** Freed first when memory runs out, so the message can still be written. */
  private static volatile byte[] reserve = new byte[256 * 1024];

  private MemoryShortage() {}

  /** A cache of {@code events} events is open. */
  public static void noteEvents(long events) {
    if (events > largestCache) {
      largestCache = events;
    }
  }

  /** True when {@code t} or one of its causes is the heap running out. */
  public static boolean in(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof OutOfMemoryError
          || c instanceof SQLException s && s.getErrorCode() == H2_OUT_OF_MEMORY) {
        return true;
      }
    }
    return false;
  }

  private static final java.util.concurrent.atomic.AtomicLong REPORTS =
      new java.util.concurrent.atomic.AtomicLong();

  /** How often {@link #message} was produced in this process: a command compares before/after. */
  public static long reports() {
    return REPORTS.get();
  }

  /** The sentence for the user: the limit now, what the open cache needs, how to give more. */
  public static String message() {
    reserve = null;
    REPORTS.incrementAndGet();
    long maxMb = Runtime.getRuntime().maxMemory() >> 20;
    long events = largestCache;
    long suggestGb = Math.max(suggestedGb(events), (maxMb * 2 + 1023) / 1024);
    String size =
        events > 0
            ? String.format(
                Locale.ROOT,
                ", and a cache of %,d events needs about %,d MB",
                events,
                neededMb(events))
            : "";
    return String.format(
        Locale.ROOT,
        "AuditDesk ran out of memory: Java may use at most %,d MB here%s. Start it with more,"
            + " e.g. JAVA_TOOL_OPTIONS=-Xmx%dg auditdesk ... (or java -Xmx%dg -jar auditdesk.jar"
            + " ...). Nothing already written to the cache is lost: run it again to continue.",
        maxMb,
        size,
        suggestGb,
        suggestGb);
  }

  static long neededMb(long events) {
    return BASE_MB + (events * BYTES_PER_EVENT >> 20);
  }

  /** Whole gigabytes, rounded up, for {@code -Xmx}. */
  static long suggestedGb(long events) {
    return Math.max(1, (neededMb(events) + 1023) / 1024);
  }
}
