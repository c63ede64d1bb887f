package dev.auditdesk.ui.details;

/** Test fixture: with ui.timeline.LeansOnDetails it closes a circle between two features. */
public class LeansOnTimeline {
  public Object timeline() {
    return dev.auditdesk.ui.timeline.LeansOnDetails.class;
  }
}
