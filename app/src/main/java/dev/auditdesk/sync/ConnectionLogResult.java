package dev.auditdesk.sync;

import dev.auditdesk.cache.ConnectionSyncState.Availability;
import dev.auditdesk.model.Completeness;
import java.time.Duration;

/**
 * What the connection-log pass of one sync did. A deployment without the log is an outcome ({@code
 * availability} and a plain {@code message}), and a pass that failed says so in {@code failure}:
 * neither is a failed sync of the audit log.
 *
 * @param fetched rows read from the server (a row read twice counts twice)
 * @param added rows new to the cache
 * @param changed rows that changed since they were cached (a session's disconnect arrived)
 * @param ongoing sessions the cache now holds as still open
 * @param total rows the cache now holds
 */
public record ConnectionLogResult(
    Availability availability,
    String message,
    long fetched,
    long added,
    long changed,
    long ongoing,
    long total,
    int requests,
    long offsetRows,
    Completeness completeness,
    String failure,
    Duration took) {

  public ConnectionLogResult {
    message = message == null ? "" : message;
    failure = failure == null ? "" : failure;
    took = took == null ? Duration.ZERO : took;
  }

  /** Whether the deployment has a connection log this account may read. */
  public boolean available() {
    return availability == Availability.AVAILABLE;
  }

  public boolean failed() {
    return !failure.isEmpty();
  }
}
