package dev.auditdesk.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.AuditEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** Realistic Coder audit events as JSON, parsed the way sync parses them. */
final class TestEvents {

  static final String[] USERS = {"alice", "bob", "carol", "dave", "erin", ""};
  static final String[] ACTIONS = {
    "create", "write", "delete", "start", "stop", "login", "connect"
  };
  static final String[] TYPES = {"workspace", "template", "user", "workspace_build", "api_key"};
  static final String[] TARGETS = {"dev-box", "Main Template", "alice-ws", "gpu-node", "ci", "x"};
  static final String[] ORGS = {"coder", "acme", ""};
  static final String[] DESCRIPTIONS = {
    "{user} created workspace {target}", "{user} updated {target}", "{user} logged in"
  };

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TestEvents() {}

  static List<AuditEvent> random(int n, long seed, Instant newest) {
    Random r = new Random(seed);
    List<AuditEvent> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      // Coarse times make equal timestamps common, as in real logs.
      Instant t = newest.minusSeconds(r.nextInt(Math.max(1, n * 3)));
      out.add(event(new UUID(r.nextLong(), r.nextLong()).toString(), t, r));
    }
    return out;
  }

  /** Like {@link #random}, with targets drawn from {@code targets} distinct names. */
  static List<AuditEvent> manyTargets(int n, long seed, Instant newest, int targets) {
    Random r = new Random(seed);
    List<AuditEvent> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Instant t = newest.minusSeconds(r.nextInt(Math.max(1, n * 3)));
      String id = new UUID(r.nextLong(), r.nextLong()).toString();
      out.add(event(id, t, r, "target-" + r.nextInt(targets)));
    }
    return out;
  }

  static AuditEvent event(String id, Instant time, Random r) {
    return event(id, time, r, null);
  }

  private static AuditEvent event(String id, Instant time, Random r, String target) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("id", id);
    n.put("request_id", new UUID(r.nextLong(), r.nextLong()).toString());
    n.put("time", time.toString());
    String org = ORGS[r.nextInt(ORGS.length)];
    if (!org.isEmpty()) {
      ObjectNode o = n.putObject("organization");
      o.put("id", UUID.nameUUIDFromBytes(org.getBytes()).toString());
      o.put("name", org);
      o.put("display_name", org.toUpperCase());
    }
    n.put("ip", "10.0.0." + r.nextInt(20));
    n.put("user_agent", "Mozilla/5.0");
    n.put("resource_type", TYPES[r.nextInt(TYPES.length)]);
    n.put("resource_id", UUID.nameUUIDFromBytes(("r" + r.nextInt(50)).getBytes()).toString());
    String drawn = TARGETS[r.nextInt(TARGETS.length)];
    n.put("resource_target", target == null ? drawn : target);
    n.put("action", ACTIONS[r.nextInt(ACTIONS.length)]);
    n.putObject("diff").putObject("name").put("old", "a").put("new", "b").put("secret", false);
    n.put("status_code", r.nextInt(10) == 0 ? 403 : 200);
    n.putObject("additional_fields")
        .put("build_reason", r.nextBoolean() ? "initiator" : "autostart");
    n.put("description", DESCRIPTIONS[r.nextInt(DESCRIPTIONS.length)]);
    n.put("is_deleted", false);
    String user = USERS[r.nextInt(USERS.length)];
    if (user.isEmpty()) {
      n.putNull("user");
    } else {
      ObjectNode u = n.putObject("user");
      u.put("id", UUID.nameUUIDFromBytes(user.getBytes()).toString());
      u.put("username", user);
      u.put("email", user + "@Example.com");
      u.put("name", Character.toUpperCase(user.charAt(0)) + user.substring(1) + " Smith");
    }
    try {
      return AuditEventJson.parse(n.toString());
    } catch (AuditEventJson.MalformedEventException e) {
      throw new IllegalStateException(e);
    }
  }
}
