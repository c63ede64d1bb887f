package dev.auditdesk.coder;

/**
 * The audit-log part of {@code GET /api/v2/entitlements}. Without the entitlement, or with it
 * disabled, the deployment records no new audit events — the UI must say so.
 */
public record Entitlements(String auditLogEntitlement, boolean auditLogEnabled) {

  public boolean recordsAuditEvents() {
    return auditLogEnabled && !"not_entitled".equals(auditLogEntitlement);
  }
}
