package dev.auditdesk.insights;

/** How much a finding deserves a look, most urgent first. */
public enum Severity {
  HIGH,
  MEDIUM,
  LOW
}
