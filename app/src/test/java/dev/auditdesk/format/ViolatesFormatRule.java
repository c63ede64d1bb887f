package dev.auditdesk.format;

/** Test fixture: a format class that reaches into the HTTP client, which the rules must reject. */
public class ViolatesFormatRule {
  public Object client() {
    return dev.auditdesk.coder.CoderException.Kind.values();
  }
}
