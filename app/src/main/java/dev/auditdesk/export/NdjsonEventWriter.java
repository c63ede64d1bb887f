package dev.auditdesk.export;

import dev.auditdesk.model.AuditEvent;
import java.io.IOException;
import java.io.Writer;

/** One original Coder event JSON object per line. */
final class NdjsonEventWriter implements EventWriter {

  private final Writer out;

  NdjsonEventWriter(Writer out) {
    this.out = out;
  }

  @Override
  public void begin() {}

  @Override
  public void write(AuditEvent event) throws IOException {
    out.write(EventJson.oneLine(event));
    out.write('\n');
  }

  @Override
  public void finish() {}
}
