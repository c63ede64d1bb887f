package dev.auditdesk.coder;

/** Which call failed decides what a status means (401 on login is a wrong password). */
enum Endpoint {
  BUILDINFO,
  LOGIN,
  ME,
  LOGOUT,
  ENTITLEMENTS,
  AUDIT,
  CONNECTION_LOG
}
