package dev.auditdesk.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.AuditEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Realistic Coder audit events as the API sends them, for writer and reader tests. */
final class SampleEvents {

  static final String[] ACTIONS = {"create", "write", "delete", "start", "stop", "login"};
  static final String[] TYPES = {"workspace", "template", "user", "workspace_build"};
  static final String[] USERS = {"alice", "bob", "carol", ""};

  private SampleEvents() {}

  /** The JSON of event {@code i}, newest first from 2026-11-01. */
  static ObjectNode json(int i) {
    ObjectNode n = AuditEventJson.mapper().createObjectNode();
    n.put("id", new UUID(0x1234L, i).toString());
    n.put("request_id", new UUID(0x9999L, i).toString());
    n.put("time", Instant.parse("2026-11-01T00:00:00Z").minusSeconds(37L * i).toString());
    ObjectNode org = n.putObject("organization");
    org.put("id", "703f72a1-76f6-4f89-9de6-8a3989693fe5");
    org.put("name", "coder");
    org.put("display_name", "Coder");
    n.put("ip", "10.0.0." + (i % 250));
    n.put("user_agent", "Mozilla/5.0 (X11; Linux x86_64) build " + i);
    n.put("resource_type", TYPES[i % TYPES.length]);
    n.put("resource_id", new UUID(0x5555L, i % 17).toString());
    n.put("resource_target", "target-" + (i % 13));
    n.put("resource_icon", "");
    n.put("action", ACTIONS[i % ACTIONS.length]);
    ObjectNode diff = n.putObject("diff");
    if (i % 3 == 0) {
      ObjectNode c = diff.putObject("name");
      c.put("old", "old-" + i);
      c.put("new", "new \"quoted\", " + i);
      c.put("secret", false);
    }
    n.put("status_code", i % 11 == 0 ? 403 : 200);
    n.putObject("additional_fields").put("workspace_name", "ws-" + (i % 7));
    n.put("description", "{user} " + ACTIONS[i % ACTIONS.length] + " {target}");
    n.put("resource_link", "/@alice/ws-" + (i % 7));
    n.put("is_deleted", false);
    String user = USERS[i % USERS.length];
    if (user.isEmpty()) {
      n.putNull("user");
    } else {
      ObjectNode u = n.putObject("user");
      u.put("id", new UUID(0x7777L, i % USERS.length).toString());
      u.put("username", user);
      u.put("email", user + "@example.com");
      u.put("name", user.toUpperCase());
    }
    return n;
  }

  static AuditEvent event(ObjectNode json) {
    try {
      return AuditEventJson.parse(json.toString());
    } catch (AuditEventJson.MalformedEventException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<AuditEvent> events(int n) {
    List<AuditEvent> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(event(json(i)));
    }
    return out;
  }
}
