package dev.auditdesk.ui.timeline;

/** Test fixture: a feature leaning on another feature that leans back, and on the assembler. */
public class LeansOnDetails {
  public Object details() {
    return dev.auditdesk.ui.details.LeansOnTimeline.class;
  }

  public Object assembler() {
    return dev.auditdesk.ui.app.AuditDeskApp.class;
  }
}
