package dev.auditdesk.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auditdesk.cache.ConnectionSyncState;
import dev.auditdesk.cache.ConnectionSyncState.Availability;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.sync.ConnectionLogResult;
import java.io.PrintWriter;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.Optional;

/** What {@code sync} tells about the connection log, beside the audit log's report. */
final class ConnectionReport {

  private ConnectionReport() {}

  /** One line for people: what was synced, or once, plainly, why there is no connection log. */
  static void summary(PrintWriter err, Optional<ConnectionLogResult> result) {
    if (result.isEmpty()) {
      return;
    }
    ConnectionLogResult r = result.get();
    if (r.failed()) {
      err.println(r.failure());
    } else if (!r.available()) {
      err.println(r.message());
    } else {
      NumberFormat nf = NumberFormat.getIntegerInstance(Locale.ROOT);
      err.println(
          "Connection log: "
              + nf.format(r.added())
              + " new, "
              + nf.format(r.changed())
              + " sessions ended since the last sync, "
              + nf.format(r.ongoing())
              + " still open, "
              + nf.format(r.total())
              + " in the cache.");
    }
  }

  /**
   * The {@code connection_log} object of {@code sync --json}: this run's numbers when the pass ran,
   * and always what the cache knows ({@code available} is null while never asked).
   */
  static void json(ObjectNode parent, H2AuditCache cache, Optional<ConnectionLogResult> result) {
    ObjectNode n = parent.putObject("connection_log");
    ConnectionSyncState state = cache.connections().syncState();
    Availability a = result.map(ConnectionLogResult::availability).orElse(state.availability());
    if (a == Availability.UNKNOWN) {
      n.putNull("available");
    } else {
      n.put("available", a == Availability.AVAILABLE);
    }
    if (a == Availability.NOT_SUPPORTED || a == Availability.NOT_PERMITTED) {
      n.put("reason", a.name().toLowerCase(Locale.ROOT));
      n.put("message", result.map(ConnectionLogResult::message).orElse(state.message()));
    }
    result.ifPresent(
        r -> {
          n.put("ok", !r.failed());
          if (r.failed()) {
            n.put("error", r.failure());
          }
          n.put("fetched", r.fetched());
          n.put("new_rows", r.added());
          n.put("ended_sessions", r.changed());
          n.put("requests", r.requests());
          n.put("offset_rows", r.offsetRows());
          n.put("seconds", r.took().toMillis() / 1000.0);
        });
    n.put("cached_rows", cache.connections().total());
    n.put("ongoing", cache.connections().ongoing().size());
    CompletenessText.json(n.putObject("completeness"), cache.connections().completeness());
  }
}
