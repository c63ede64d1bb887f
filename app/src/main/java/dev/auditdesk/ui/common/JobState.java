package dev.auditdesk.ui.common;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What a long job in a dialog shows (an export, a copy from the archive): whether it runs, how far
 * it got, what it says, and whether that is a failure. Change it on the FX thread only; {@link
 * JobStatusView} shows it.
 */
public final class JobState {

  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
  private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
  private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(this, "failed");

  /** A job starts: no failure, progress unknown, {@code text} as its status. */
  public void begin(String text) {
    failed.set(false);
    progress.set(-1);
    status.set(text);
    running.set(true);
  }

  /** How far a running job got ({@code fraction} 0..1, or -1 when unknown); ignored once ended. */
  public void progress(double fraction, String text) {
    if (running.get()) {
      progress.set(fraction);
      status.set(text);
    }
  }

  /** The job ended: full bar on success, empty on failure or cancel. */
  public void end(String text, boolean bad, boolean complete) {
    running.set(false);
    progress.set(complete ? 1 : 0);
    failed.set(bad);
    status.set(text);
  }

  /** A problem the user must act on before (or instead of) starting. */
  public void refuse(String text) {
    status.set(text);
    failed.set(true);
  }

  public ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
  }

  /** 0..1, or -1 while the amount of work is unknown. */
  public ReadOnlyDoubleProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }

  /** What is happening, then the result in plain words. */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** True when the last status is an error or a difference the user must act on. */
  public ReadOnlyBooleanProperty failedProperty() {
    return failed.getReadOnlyProperty();
  }
}
