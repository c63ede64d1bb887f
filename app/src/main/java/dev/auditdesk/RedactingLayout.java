package dev.auditdesk;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * The log file's layout: the pattern's whole output, stack traces and causes' messages included,
 * goes through {@link RedactingConverter#redact}, so no conversion word can bypass redaction.
 */
public class RedactingLayout extends PatternLayout {

  @Override
  public String doLayout(ILoggingEvent event) {
    return RedactingConverter.redact(super.doLayout(event));
  }
}
