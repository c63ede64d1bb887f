package dev.auditdesk.export;

import dev.auditdesk.Version;
import dev.auditdesk.cache.ConnectionLogCache;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.ConnectionQuery;
import dev.auditdesk.model.ConnectionRow;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.SortOrder;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
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

  /**
   * Writes the file and its manifest beside it (as audit exports have: checksum, filter, time span,
   * completeness of the days covered); returns what the manifest says. {@code cancelled} is asked
   * before each row: a cancelled export leaves nothing under the final name.
   */
  public static ExportResult export(
      ConnectionLogCache cache,
      Deployment deployment,
      ConnectionQuery q,
      ExportFormat f,
      Path target,
      BooleanSupplier cancelled)
      throws IOException, ExportCancelledException {
    if (f == ExportFormat.HTML) {
      throw new IllegalArgumentException(
          "The connection log exports as csv, ndjson or json; html reports cover the audit log.");
    }
    Path temp = AtomicFiles.tempBeside(target);
    MessageDigest sha = sha256();
    long[] rows = {0};
    Instant[] span = {null, null};
    Set<LocalDate> days = new HashSet<>();
    try (Writer w =
        new BufferedWriter(
            new OutputStreamWriter(
                new DigestOutputStream(Files.newOutputStream(temp), sha),
                StandardCharsets.UTF_8))) {
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
            if (cancelled.getAsBoolean()) {
              throw new CancellationException();
            }
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
            Instant t = r.connectTime();
            span[0] = span[0] == null || t.isBefore(span[0]) ? t : span[0];
            span[1] = span[1] == null || t.isAfter(span[1]) ? t : span[1];
            days.add(LocalDate.ofInstant(t, ZoneOffset.UTC));
          });
      if (f == ExportFormat.JSON) {
        w.write(rows[0] == 0 ? "]\n" : "\n]\n");
      }
      if (printer != null) {
        printer.flush();
      }
    } catch (CancellationException e) {
      Files.deleteIfExists(temp);
      throw new ExportCancelledException();
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      Files.deleteIfExists(temp);
      if (e instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      throw e;
    }
    long bytes = Files.size(temp);
    var state = cache.syncState();
    ExportManifest manifest =
        new ExportManifest(
            target.getFileName().toString(),
            f,
            HexFormat.of().formatHex(sha.digest()),
            bytes,
            rows[0],
            deployment,
            AuditQuery.ALL,
            ConnectionQueryJson.coderQuery(q),
            SortOrder.NEWEST_FIRST,
            span[0] == null ? Instant.EPOCH : span[0],
            span[1] == null ? Instant.EPOCH : span[1],
            Instant.now(),
            Version.version(),
            state.lastSync(),
            cache.total(),
            ExportCoverage.of(cache.checks(), state.historyRead(), days),
            q);
    AtomicFiles.move(temp, target);
    Path manifestFile = ExportManifest.pathFor(target);
    manifest.write(manifestFile);
    return new ExportResult(target, manifestFile, manifest);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
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
