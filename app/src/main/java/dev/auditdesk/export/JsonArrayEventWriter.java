package dev.auditdesk.export;

import dev.auditdesk.model.AuditEvent;
import java.io.IOException;
import java.io.Writer;

/** A JSON array of the original Coder event objects, one per line for readable diffs. */
final class JsonArrayEventWriter implements EventWriter {

  private final Writer out;
  private boolean first = true;

  JsonArrayEventWriter(Writer out) {
    this.out = out;
  }

  @Override
  public void begin() throws IOException {
    out.write('[');
  }

  @Override
  public void write(AuditEvent event) throws IOException {
    out.write(first ? "\n" : ",\n");
    first = false;
    out.write(EventJson.oneLine(event));
  }

  @Override
  public void finish() throws IOException {
    out.write(first ? "]\n" : "\n]\n");
  }
}
