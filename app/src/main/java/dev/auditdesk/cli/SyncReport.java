package dev.auditdesk.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.sync.SyncException;
import dev.auditdesk.sync.SyncListener;
import dev.auditdesk.sync.SyncProgress;
import dev.auditdesk.sync.SyncResult;
import java.io.PrintWriter;
import java.text.NumberFormat;
import java.util.Locale;

/**
 * What {@code sync} tells: progress on a console, the summary on stderr, {@code --json} on stdout.
 */
final class SyncReport {

  private SyncReport() {}

  /** The summary of a finished run, for people. */
  static void summary(PrintWriter err, AuditCache cache, String where, SyncResult r) {
    NumberFormat nf = NumberFormat.getIntegerInstance(Locale.ROOT);
    err.println(
        "Synced "
            + cache.deployment().label()
            + ": "
            + nf.format(r.newEvents())
            + " new events, "
            + nf.format(r.cachedTotal())
            + (cache instanceof H2AuditCache ? " in the cache (" : " in the archive (")
            + where
            + ").");
    err.println(CompletenessText.sentence(r));
    if (r.malformed() > 0) {
      err.println(
          r.malformed()
              + " elements the server sent were not readable audit events and were skipped,"
              + " e.g. "
              + r.malformedSamples().get(0));
    }
  }

  /** A line of progress, rewritten in place, when a person watches; nothing when piped. */
  static SyncListener progress(PrintWriter err) {
    if (System.console() == null) {
      return SyncListener.NONE;
    }
    NumberFormat nf = NumberFormat.getIntegerInstance(Locale.ROOT);
    long[] last = {0};
    return p -> {
      long now = System.nanoTime();
      if (now - last[0] < 250_000_000L && p.message().isEmpty()) {
        return;
      }
      last[0] = now;
      String total =
          p.estimatedTotal() > 0
              ? " of " + (p.totalCapped() ? "more than " : "") + nf.format(p.estimatedTotal())
              : "";
      String line =
          p.message().isEmpty()
              ? nf.format(p.fetched())
                  + total
                  + (p.phase() == SyncProgress.Phase.CONNECTIONS
                      ? " connection-log rows read, "
                      : " events read, ")
                  + nf.format(p.newEvents())
                  + " new ("
                  + nf.format(Math.round(p.eventsPerSecond()))
                  + "/s)"
              : p.message();
      err.print("\r" + line + "    ");
      err.flush();
    };
  }

  /** The {@code --json} summary of a run that ended (or failed) with {@code code}. */
  static void json(
      PrintWriter out,
      AuditCache cache,
      String where,
      SyncResult r,
      SyncException failure,
      int code,
      java.util.Optional<dev.auditdesk.sync.ConnectionLogResult> connections) {
    ObjectNode n = AuditEventJson.mapper().createObjectNode();
    n.put("ok", failure == null);
    n.put("exit_code", code);
    if (failure != null) {
      n.put("error", failure.getMessage());
      n.put("error_kind", failure.kind().name().toLowerCase(Locale.ROOT));
    }
    n.put("deployment", cache.deployment().url().toString());
    n.put("deployment_id", cache.deployment().deploymentId());
    if (cache instanceof H2AuditCache h2) {
      n.put("cache", h2.file().toString());
    } else {
      n.put("archive", where);
    }
    if (r != null) {
      n.put("fetched", r.fetched());
      n.put("new_events", r.newEvents());
      n.put("cached_events", r.cachedTotal());
      n.put("pages", r.pages());
      n.put("requests", r.requests());
      n.put("retries", r.retries());
      n.put("page_size", r.pageSize());
      n.put("seconds", r.took().toMillis() / 1000.0);
      n.put("events_per_second", Math.round(r.eventsPerSecond()));
      n.put("history_complete", r.historyComplete());
      n.put("malformed", r.malformed());
      ArrayNode samples = n.putArray("malformed_samples");
      r.malformedSamples().forEach(samples::add);
      n.put("offset_rows", r.offsetRows());
      n.put("date_windows", r.windowed());
      n.put("days_checked", r.daysChecked());
      n.put("future_dated", r.futureDated());
    }
    CompletenessText.json(n.putObject("completeness"), cache.completeness());
    var s = cache.stats();
    n.put("oldest", s.oldest().toString());
    n.put("newest", s.newest().toString());
    n.put("server_oldest", s.serverOldest().toString());
    n.put("bytes_on_disk", s.bytesOnDisk());
    if (cache instanceof H2AuditCache h2) {
      ConnectionReport.json(n, h2, connections);
    }
    out.println(n.toString());
    out.flush();
  }

  /** {@code --json} when the run could not start: only the outcome and the message. */
  static void failureJson(PrintWriter out, int code, String message) {
    ObjectNode n = AuditEventJson.mapper().createObjectNode();
    n.put("ok", false);
    n.put("exit_code", code);
    n.put("error", message);
    out.println(n.toString());
    out.flush();
  }
}
