package dev.auditdesk.export;

import dev.auditdesk.cache.ConnectionLogCache;
import dev.auditdesk.model.ConnectionQuery;
import dev.auditdesk.model.ConnectionRow;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the cached connection rows matching a query, newest first: NDJSON (each row's original
 * JSON on its own line), a JSON array of the originals, or CSV (one column per field, cells a
 * spreadsheet would run neutralised). The file appears complete or not at all.
 */
public final class ConnectionExporter {

  /** The CSV header, in order. */
  static final List<String> CSV_COLUMNS =
      List.of(
          "id",
          "connect_time",
          "disconnect_time",
          "duration_seconds",
          "type",
          "type_display_name",
          "family",
          "status",
          "workspace_owner",
          "user",
          "workspace",
          "agent",
          "ip",
          "slug_or_port",
          "http_status",
          "exit_code",
          "disconnect_reason",
          "organization");

  private ConnectionExporter() {}

  /** Writes the file; returns how many rows it holds. */
  public static long export(
      ConnectionLogCache cache, ConnectionQuery q, ExportFormat f, Path target) throws IOException {
    if (f == ExportFormat.HTML) {
      throw new IllegalArgumentException(
          "The connection log exports as csv, ndjson or json; html reports cover the audit log.");
    }
    Path temp = AtomicFiles.tempBeside(target);
    long[] rows = {0};
    try (Writer w =
        new BufferedWriter(
            new OutputStreamWriter(Files.newOutputStream(temp), StandardCharsets.UTF_8))) {
      CSVPrinter csv = null;
      if (f == ExportFormat.CSV) {
        csv = new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get());
        csv.printRecord(CSV_COLUMNS);
      } else if (f == ExportFormat.JSON) {
        w.write('[');
      }
      CSVPrinter printer = csv;
      Instant now = Instant.now();
      cache.forEach(
          q,
          r -> {
            try {
              switch (f) {
                case NDJSON -> {
                  w.write(oneLine(r.rawJson()));
                  w.write('\n');
                }
                case JSON -> {
                  w.write(rows[0] == 0 ? "\n" : ",\n");
                  w.write(r.rawJson());
                }
                default -> printer.printRecord(cells(r, now));
              }
              rows[0]++;
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
      if (f == ExportFormat.JSON) {
        w.write(rows[0] == 0 ? "]\n" : "\n]\n");
      }
      if (printer != null) {
        printer.flush();
      }
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      Files.deleteIfExists(temp);
      if (e instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      throw e;
    }
    AtomicFiles.move(temp, target);
    return rows[0];
  }

  /** The original as it came, unless the server wrote it over several lines (then compacted). */
  private static String oneLine(String raw) throws IOException {
    if (raw.indexOf('\n') < 0 && raw.indexOf('\r') < 0) {
      return raw;
    }
    return dev.auditdesk.format.AuditEventJson.mapper().readTree(raw).toString();
  }

  private static List<String> cells(ConnectionRow r, Instant now) {
    List<String> c = new ArrayList<>();
    c.add(r.id());
    c.add(r.connectTimeText());
    c.add(r.sshInfo().disconnectTimeText());
    c.add(r.duration(now).map(d -> Long.toString(d.toSeconds())).orElse(""));
    c.add(r.type());
    c.add(r.typeDisplayName());
    c.add(r.family().title());
    c.add(r.status().searchValue());
    c.add(r.workspaceOwnerUsername());
    c.add(r.username());
    c.add(r.workspaceName());
    c.add(r.agentName());
    c.add(r.ip());
    c.add(r.webInfo().slugOrPort());
    c.add(r.isSession() ? "" : Integer.toString(r.webInfo().statusCode()));
    c.add(r.exitCode().isPresent() ? Integer.toString(r.exitCode().getAsInt()) : "");
    c.add(r.sshInfo().disconnectReason());
    c.add(r.organization().label());
    c.replaceAll(CsvEventWriter::neutralise);
    return c;
  }
}
