package dev.auditdesk.cache;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * How far syncing the connection log got, kept in the {@code meta} table: whether the deployment
 * has one at all (and the sentence saying why not), whether its history was walked to the end, and
 * when.
 */
public record ConnectionSyncState(
    Availability availability, String message, boolean historyRead, Instant lastSync) {

  /** Whether the deployment offers a connection log to this account. */
  public enum Availability {
    /** Never asked. */
    UNKNOWN,
    AVAILABLE,
    /** 404: a Coder release before 2.25. */
    NOT_SUPPORTED,
    /** 403: no Premium licence, or the account lacks the permission. */
    NOT_PERMITTED
  }

  public static final ConnectionSyncState NEVER =
      new ConnectionSyncState(Availability.UNKNOWN, "", false, Instant.EPOCH);

  public ConnectionSyncState {
    availability = availability == null ? Availability.UNKNOWN : availability;
    message = message == null ? "" : message;
    lastSync = lastSync == null ? Instant.EPOCH : lastSync;
  }

  Map<String, String> toMeta() {
    Map<String, String> m = new HashMap<>();
    m.put("connections.availability", availability.name());
    m.put("connections.message", message);
    m.put("connections.history_read", Boolean.toString(historyRead));
    m.put("connections.last_sync", lastSync.toString());
    return m;
  }

  static ConnectionSyncState fromMeta(Map<String, String> m) {
    Availability a;
    try {
      a = Availability.valueOf(m.getOrDefault("connections.availability", "UNKNOWN"));
    } catch (IllegalArgumentException newer) {
      a = Availability.UNKNOWN;
    }
    Instant last;
    try {
      last = Instant.parse(m.getOrDefault("connections.last_sync", Instant.EPOCH.toString()));
    } catch (java.time.format.DateTimeParseException e) {
      last = Instant.EPOCH;
    }
    return new ConnectionSyncState(
        a,
        m.getOrDefault("connections.message", ""),
        Boolean.parseBoolean(m.getOrDefault("connections.history_read", "false")),
        last);
  }
}
