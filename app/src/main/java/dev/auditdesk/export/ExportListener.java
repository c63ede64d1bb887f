package dev.auditdesk.export;

/**
 * Hears how far an export has come and may cancel it. Called on the exporting thread; a GUI
 * forwards to {@code Task.updateProgress}, which is safe from any thread.
 */
public interface ExportListener {

  ExportListener NONE = new ExportListener() {};

  /** {@code written} of about {@code expected} events are in the file (expected may be 0). */
  default void progress(long written, long expected) {}

  /** Asked every few hundred rows; true stops the export and leaves no file behind. */
  default boolean cancelled() {
    return false;
  }

  /**
   * Asked once, just before the finished file takes its final name: false cancels even now. From a
   * true answer on, the export completes; a listener that also lets the user cancel must refuse
   * cancels after it, so "cancelled" never stands beside a written file.
   */
  default boolean commit() {
    return !cancelled();
  }
}
