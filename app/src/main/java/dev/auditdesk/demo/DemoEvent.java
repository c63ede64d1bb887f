package dev.auditdesk.demo;

/**
 * One generated audit event, before it is written as JSON. Plain fields, no copies of catalog
 * strings: built per request from the index, so the history itself needs only a time and a kind.
 */
final class DemoEvent {

  /** A diff entry; values are JSON literals (already quoted when strings). */
  record Change(String field, String oldJson, String newJson, boolean secret) {}

  /** How the organization is written: Coder's newer object, the older id only, or not at all. */
  enum OrgStyle {
    OBJECT,
    ID_ONLY,
    ABSENT
  }

  String id;
  String requestId;
  long micros;
  int fractionDigits;
  int offsetMinutes;
  int user = -1;
  int org;
  OrgStyle orgStyle = OrgStyle.OBJECT;
  String ip = "";
  String userAgent = "";
  String resourceType = "";
  String resourceId = "";
  String resourceTarget = "";
  String resourceIcon = "";
  String resourceLink = "";
  String action = "";
  Change[] diff = new Change[0];
  int statusCode = 200;
  String buildReason = "";
  String workspaceName = "";
  String workspaceOwner = "";
  String workspaceId = "";
  int buildNumber;
  boolean additionalFieldsAsString;
  String description = "";
  boolean deleted;
  int unknownExtra;
}
