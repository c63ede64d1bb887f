package dev.auditdesk.export;

/** The user cancelled an export; no file was left under the final name. */
public class ExportCancelledException extends Exception {
  public ExportCancelledException() {
    super("The export was cancelled; no file was written.");
  }
}
