package dev.auditdesk.model;

import java.time.Instant;
import java.util.List;

/**
 * One Coder audit event. The typed fields are what AuditDesk filters, sorts and shows; {@code
 * rawJson} is the event exactly as the server (or an imported file) sent it, so nothing is lost —
 * including fields this version of AuditDesk does not know yet.
 *
 * <p>Action and resource type are open vocabularies: any string is valid and must be shown as is.
 * Empty strings stand for "absent" (never null). Text fields are capped at {@link
 * FieldLimit#MAX_CHARS}; {@code rawJson} never is.
 */
public record AuditEvent(
    String id,
    String requestId,
    Instant time,
    String timeText,
    Organization organization,
    String ip,
    String userAgent,
    String resourceType,
    String resourceId,
    String resourceTarget,
    String resourceIcon,
    String resourceLink,
    String action,
    List<FieldChange> diff,
    int statusCode,
    String additionalFieldsJson,
    String description,
    boolean deleted,
    Actor actor,
    String buildReason,
    String rawJson) {

  public AuditEvent {
    id = nz(id);
    requestId = nz(requestId);
    timeText = nz(timeText);
    organization = organization == null ? Organization.NONE : organization;
    ip = nz(ip);
    userAgent = nz(userAgent);
    resourceType = nz(resourceType);
    resourceId = nz(resourceId);
    resourceTarget = nz(resourceTarget);
    resourceIcon = nz(resourceIcon);
    resourceLink = nz(resourceLink);
    action = nz(action);
    diff = diff == null ? List.of() : List.copyOf(diff);
    additionalFieldsJson =
        additionalFieldsJson == null ? "{}" : FieldLimit.cap(additionalFieldsJson);
    description = nz(description);
    actor = actor == null ? Actor.SYSTEM : actor;
    buildReason = nz(buildReason);
    rawJson = rawJson == null ? "" : rawJson; // never cut: it is the original
  }

  /** The same event with other original JSON: as a server might send it again, re-serialised. */
  public AuditEvent withRawJson(String json) {
    return new AuditEvent(
        id,
        requestId,
        time,
        timeText,
        organization,
        ip,
        userAgent,
        resourceType,
        resourceId,
        resourceTarget,
        resourceIcon,
        resourceLink,
        action,
        diff,
        statusCode,
        additionalFieldsJson,
        description,
        deleted,
        actor,
        buildReason,
        json);
  }

  /** A request that failed (HTTP status 400 or above) — shown prominently in the UI. */
  public boolean failed() {
    return statusCode >= 400;
  }

  /**
   * The description with Coder's {@code {user}} and {@code {target}} placeholders filled in, as
   * Coder's own audit page shows it.
   */
  public String filledDescription() {
    String who = actor.isSystem() ? "Coder" : actor.username();
    return description.replace("{user}", who).replace("{target}", resourceTarget);
  }

  /** Absent becomes empty; a value longer than {@link FieldLimit#MAX_CHARS} is cut. */
  private static String nz(String s) {
    return s == null ? "" : FieldLimit.cap(s);
  }
}
