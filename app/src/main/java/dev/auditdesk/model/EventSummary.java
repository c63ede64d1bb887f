package dev.auditdesk.model;

import java.time.Instant;

/**
 * The few fields of an event that a scan over many events looks at (when, what, on what, who, from
 * where, the outcome), without the event's id, diff or original JSON: a cache can answer these from
 * its index alone. {@code username} is empty for system actions.
 */
public record EventSummary(
    Instant time,
    String action,
    String resourceType,
    String resourceTarget,
    String username,
    String ip,
    int statusCode) {

  public EventSummary {
    action = action == null ? "" : action;
    resourceType = resourceType == null ? "" : resourceType;
    resourceTarget = resourceTarget == null ? "" : resourceTarget;
    username = username == null ? "" : username;
    ip = ip == null ? "" : ip;
  }

  public static EventSummary of(AuditEvent e) {
    return new EventSummary(
        e.time(),
        e.action(),
        e.resourceType(),
        e.resourceTarget(),
        e.actor().username(),
        e.ip(),
        e.statusCode());
  }

  /** A request that failed (HTTP status 400 or above). */
  public boolean failed() {
    return statusCode >= 400;
  }
}
