package dev.auditdesk.coder;

/** What {@code GET /api/v2/buildinfo} says about a deployment. */
public record BuildInfo(
    String version, String dashboardUrl, String externalUrl, String deploymentId) {}
