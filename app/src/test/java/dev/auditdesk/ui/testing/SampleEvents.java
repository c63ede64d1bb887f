package dev.auditdesk.ui.testing;

import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.AuditEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Audit events as a Coder server sends them, parsed by the real parser. */
public final class SampleEvents {

  public static final String SECRET_OLD = "hunter2-old-secret";
  public static final String SECRET_NEW = "s3cr3t-new-value";

  private SampleEvents() {}

  /** alice changes a template: one plain change and one secret change. */
  public static AuditEvent templateChangeWithSecret() {
    return parse(
        """
        {"id":"6c0a8d5e-0000-4000-8000-000000000001",
         "request_id":"9f1b2c3d-0000-4000-8000-00000000aaaa",
         "time":"2025-11-20T14:03:07.123456Z",
         "organization":{"id":"org-1","name":"coder","display_name":"Coder"},
         "ip":"10.0.4.17",
         "user_agent":"Mozilla/5.0 (X11; Linux x86_64) Firefox/131.0",
         "resource_type":"template","resource_id":"tpl-42","resource_target":"docker-dev",
         "resource_icon":"/icon/docker.svg","resource_link":"/templates/docker-dev",
         "action":"write",
         "diff":{"default_ttl":{"old":3600,"new":7200,"secret":false},
                 "display_name":{"old":"Docker","new":"Docker dev","secret":false},
                 "git_token":{"old":"%s","new":"%s","secret":true}},
         "status_code":200,
         "additional_fields":{"workspace_owner":"alice","reason":"tuning"},
         "description":"{user} updated template {target}",
         "is_deleted":false,
         "user":{"id":"u-alice","username":"alice","email":"alice@example.com","name":"Alice Liddell"}}
        """
            .formatted(SECRET_OLD, SECRET_NEW));
  }

  /** A failed login by bob, without resource link or diff. */
  public static AuditEvent failedLogin() {
    return parse(
        """
        {"id":"6c0a8d5e-0000-4000-8000-000000000002",
         "request_id":"9f1b2c3d-0000-4000-8000-00000000bbbb",
         "time":"2025-11-20T14:05:00Z",
         "ip":"203.0.113.9","user_agent":"curl/8.5.0",
         "resource_type":"api_key","resource_id":"","resource_target":"",
         "action":"login","diff":{},"status_code":401,
         "additional_fields":{},
         "description":"{user} logged in",
         "user":{"id":"u-bob","username":"bob","email":"bob@example.com","name":""}}
        """);
  }

  /**
   * {@code n} events by {@code username}, one a minute going back from {@code newest}, creating,
   * changing and deleting in turn resources of {@code resourceType} named {@code <prefix>-<i>}.
   */
  public static List<AuditEvent> createWriteDelete(
      int n, Instant newest, String resourceType, String prefix, String username) {
    String[] actions = {"create", "write", "delete"};
    List<AuditEvent> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          parse(
              """
              {"id":"00000000-0000-0000-0000-%012d","time":"%s","action":"%s",
               "resource_type":"%s","resource_target":"%s-%d","status_code":200,
               "user":{"id":"u1","username":"%s"}}
              """
                  .formatted(
                      i,
                      newest.minusSeconds(60L * i),
                      actions[i % 3],
                      resourceType,
                      prefix,
                      i,
                      username)));
    }
    return out;
  }

  /**
   * {@code n} events, one every {@code step} from {@code start}: users alice/bob/carol in turn,
   * every fifth one a failed login (401), the rest workspace starts and template updates.
   */
  public static List<AuditEvent> series(int n, Instant start, Duration step, String idPrefix) {
    String[] users = {"alice", "bob", "carol"};
    List<AuditEvent> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String user = users[i % users.length];
      boolean failed = i % 5 == 4;
      String action = failed ? "login" : i % 2 == 0 ? "start" : "write";
      String type = failed ? "api_key" : i % 2 == 0 ? "workspace_build" : "template";
      String target = failed ? "" : i % 2 == 0 ? user + "-ws" : "docker-dev";
      out.add(
          parse(
              """
              {"id":"%s-%08d","request_id":"req-%s-%d","time":"%s","ip":"10.0.0.%d",
               "user_agent":"coder-cli/2.18","resource_type":"%s","resource_id":"res-%s",
               "resource_target":"%s","action":"%s","diff":{},"status_code":%d,
               "additional_fields":{},"description":"{user} %s {target}",
               "user":{"id":"u-%s","username":"%s","email":"%s@example.com","name":""}}
              """
                  .formatted(
                      idPrefix,
                      i,
                      idPrefix,
                      i,
                      start.plus(step.multipliedBy(i)),
                      i % 250,
                      type,
                      target,
                      target,
                      action,
                      failed ? 401 : 200,
                      action,
                      user,
                      user,
                      user)));
    }
    return out;
  }

  public static AuditEvent parse(String json) {
    try {
      return AuditEventJson.parse(json);
    } catch (AuditEventJson.MalformedEventException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
